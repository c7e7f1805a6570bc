import type { OutboxStatus, SyncStatus } from '../../../shared/api/studio-api';
import type { SaveState } from '../editor/plugins/AutosavePlugin';
import { formatCount } from './format';
import { GoalStatus } from '../panels/goals/GoalStatus';
import { SprintBadge } from '../panels/sprint/SprintPanel';

interface Props {
  save: SaveState;
  documentWords: number | null;
  projectWords: number;
  todayWords: number;
  sync: SyncStatus;
  outbox: OutboxStatus;
  /** Sends the refused operations again (after earning credits, say). */
  onRetry: () => void;
  /** Discards what was refused for one comment, critique or share. */
  onDiscard: (entityId: string) => void;
}

const KIND_LABEL: Record<string, string> = {
  'share.publish': 'Share',
  'share.revoke': 'Revoking a share',
  'comment.add': 'Comment',
  'critique.submit': 'Critique',
  'flag.set': 'Resolved or helpful mark',
};

const SAVE_LABEL: Record<SaveState['state'], string> = {
  saved: 'Saved',
  unsaved: 'Editing…',
  saving: 'Saving…',
  error: 'Not saved',
};

const SYNC_LABEL: Record<SyncStatus['state'], string> = {
  offline: 'Offline',
  connecting: 'Connecting…',
  online: 'Online',
  error: 'Sync error',
};

/** "Offline" only when the server cannot be reached; reachable with no one signed in is "Signed out". */
export function syncLabel(sync: SyncStatus): string {
  return sync.state === 'offline' && sync.signedOut ? 'Signed out' : SYNC_LABEL[sync.state];
}

/** What waits for the community, said truthfully: kept until online (or signed in), or on its way. */
function waitingLabel(sync: SyncStatus, pending: number): string {
  if (sync.state === 'online') return `↻ ${fmt(pending)} to sync`;
  if (sync.state === 'offline' && sync.signedOut) return `↻ ${fmt(pending)} kept; they sync when you sign in`;
  if (sync.state === 'offline') return `↻ ${fmt(pending)} kept; they sync when you are online`;
  return `↻ ${fmt(pending)} waiting to sync`;
}

const fmt = formatCount;

/** Counts and states a writer glances at: save, words (document, project, today), sync. */
export function StatusBar({ save, documentWords, projectWords, todayWords, sync, outbox, onRetry, onDiscard }: Props) {
  return (
    <footer className="statusbar">
      <span role="status" aria-label="Save state" className={`save-${save.state}`}>
        {SAVE_LABEL[save.state]}
        {save.state === 'error' ? `: ${save.message}` : ''}
      </span>
      {documentWords !== null && <span aria-label="Document words">{fmt(documentWords)} words</span>}
      <span aria-label="Project words">{fmt(projectWords)} in project</span>
      <span aria-label="Words today">{todayWords >= 0 ? '+' : ''}{fmt(todayWords)} today</span>
      <GoalStatus />
      <SprintBadge />
      <span aria-label="Sync state" className={`sync-${sync.state}${sync.state === 'offline' && sync.signedOut ? ' sync-signed-out' : ''}`} title={'reason' in sync ? sync.reason : undefined}>
        ● {syncLabel(sync)}
      </span>
      {outbox.sending && outbox.sending.total > 20 ? (
        <span className="outbox-progress">
          <label htmlFor="outbox-progress">Sending</label>{' '}
          <progress id="outbox-progress" max={outbox.sending.total} value={outbox.sending.done} aria-label="Sending to the community" />
        </span>
      ) : null}
      {outbox.pending > 0 && (
        <span aria-label="Waiting to sync" title="Comments, replies and shares kept here until the community acknowledges them">
          {waitingLabel(sync, outbox.pending)}
        </span>
      )}
      {outbox.others.map((o) => (
        // Another account's work on this data folder: it goes when that account signs in again.
        <span key={`${o.displayName} ${o.server}`} className="muted" aria-label={`Waiting for ${o.displayName}`} title={`Kept for ${o.displayName} on ${o.server}; sent when they sign in again`}>
          ↻ {fmt(o.pending + o.failed)} waiting for {o.displayName}
        </span>
      ))}
      {outbox.failed.length > 0 && (
        // Each refusal with its reason: retry them all (after earning credits, say) or discard one.
        <details className="refused">
          <summary className="sync-error">! {fmt(outbox.failed.length)} not accepted</summary>
          <div className="refused-list">
            <ul aria-label="Not accepted by the community">
              {outbox.failed.map((f) => (
                <li key={f.opId}>
                  {KIND_LABEL[f.kind] ?? f.kind}: {f.error}{' '}
                  <button type="button" className="link-button" aria-label={`Discard: ${KIND_LABEL[f.kind] ?? f.kind}: ${f.error}`} onClick={() => onDiscard(f.entityId)}>
                    Discard
                  </button>
                </li>
              ))}
            </ul>
            <button type="button" onClick={onRetry}>
              Retry all
            </button>
          </div>
        </details>
      )}
    </footer>
  );
}

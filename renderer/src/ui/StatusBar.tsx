import type { OutboxStatus, SyncStatus } from '../../../shared/api/studio-api';
import type { SaveState } from '../editor/plugins/AutosavePlugin';

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

const fmt = (n: number) => n.toLocaleString();

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
      <span aria-label="Sync state" className={`sync-${sync.state}`} title={'reason' in sync ? sync.reason : undefined}>
        ● {SYNC_LABEL[sync.state]}
      </span>
      {outbox.sending && outbox.sending.total > 20 ? (
        <span className="outbox-progress">
          <label htmlFor="outbox-progress">Sending</label>{' '}
          <progress id="outbox-progress" max={outbox.sending.total} value={outbox.sending.done} aria-label="Sending to the community" />
        </span>
      ) : null}
      {outbox.pending > 0 && (
        <span aria-label="Waiting to sync" title="Comments, replies and shares kept here until the community acknowledges them">
          ↻ {fmt(outbox.pending)} to sync
        </span>
      )}
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

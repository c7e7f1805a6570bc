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
}

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
export function StatusBar({ save, documentWords, projectWords, todayWords, sync, outbox, onRetry }: Props) {
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
        <span aria-label="Not accepted" className="sync-error" title={outbox.failed.map((f) => f.error).join('\n')}>
          ! {outbox.failed.length} not accepted{' '}
          <button type="button" className="link-button" onClick={onRetry}>
            Retry
          </button>
        </span>
      )}
    </footer>
  );
}

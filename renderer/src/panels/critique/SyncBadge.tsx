import { useState } from 'react';
import type { Synced } from '../../../../shared/api/studio-api';
import { errorMessage } from '../../app/studio-client';
import { useStudio } from '../../app/studio-context';

const STATE_LABEL = { pending: 'Waiting to sync', synced: 'Synced', failed: 'Not accepted' } as const;

/** Every comment and critique says where it stands on its way to the community. */
export function SyncBadge({ item }: { item: Synced }) {
  return (
    <span className={`sync-badge sync-badge-${item.syncState}`} title={item.syncError ?? undefined} aria-label={`Sync: ${STATE_LABEL[item.syncState]}${item.syncError ? `: ${item.syncError}` : ''}`}>
      {item.syncState === 'synced' ? '✓' : item.syncState === 'pending' ? '↻' : '!'} {STATE_LABEL[item.syncState]}
    </span>
  );
}

/**
 * What the community refused stays, with the reason, until the writer retries it (status bar)
 * or discards it here; what only waits to sync cannot be discarded.
 */
export function DiscardRefused({ item, what }: { item: Synced & { id: string }; what: string }) {
  const api = useStudio();
  const [error, setError] = useState<string | null>(null);
  if (item.syncState !== 'failed') return null;
  return (
    <>
      <button type="button" className="link-button" aria-label={`Discard ${what}`} onClick={() => api.sync.discard({ entityId: item.id }).catch((e: unknown) => setError(errorMessage(e)))}>
        Discard
      </button>
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </>
  );
}

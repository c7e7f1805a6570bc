import type { Synced } from '../../../shared/api/studio-api';

/**
 * Beside something of the writer's not yet on the server: waiting (and why, when the server
 * said "not yet": a posting limit, suggestions waiting for a curator), or refused and why.
 */
export const syncNote = (item: Synced): string | null =>
  item.syncState === 'pending'
    ? item.syncError
      ? `waiting: ${item.syncError}`
      : 'waiting to be sent'
    : item.syncState === 'failed'
      ? `not sent: ${item.syncError ?? 'refused'}`
      : null;

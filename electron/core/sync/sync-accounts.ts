import type { Database } from 'better-sqlite3';
import type { Account } from '../../../shared/protocol/community-events';
import type { Clock } from '../clock';

export interface Owner {
  id: string;
  displayName: string;
}

/**
 * The accounts this studio has been signed in as. Local community data and the outbox belong to
 * one of them (DESIGN.md: Offline first); the writer is, offline too, the account signed in last.
 */
export function createSyncAccounts(db: Database, clock: Clock) {
  const q = {
    upsert: db.prepare(
      `INSERT INTO sync_accounts (id, display_name, server, signed_in_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET display_name = excluded.display_name, server = excluded.server, signed_in_at = excluded.signed_in_at`,
    ),
    last: db.prepare<[], { id: string; display_name: string }>('SELECT id, display_name FROM sync_accounts ORDER BY signed_in_at DESC, rowid DESC LIMIT 1'),
    byId: db.prepare<[string], { id: string; display_name: string; server: string }>('SELECT id, display_name, server FROM sync_accounts WHERE id = ?'),
  };
  // Asked on every action the community must see, offline too: kept here, changed only by a sign-in.
  let current: Owner | null | undefined;
  return {
    /** Called on every sign-in: this account is now the one the studio writes as. */
    signedIn(account: Account, server: string) {
      q.upsert.run(account.id, account.displayName, server, clock().toISOString());
      current = { id: account.id, displayName: account.displayName };
    },
    /** The writer changed their display name (a profile saved here, or read from the server): offline actions use the new one. */
    renamed(id: string, displayName: string) {
      db.prepare('UPDATE sync_accounts SET display_name = ? WHERE id = ?').run(displayName, id);
      if (current?.id === id) current = { id, displayName };
    },
    /** Who is writing: the account signed in last (offline too), or null before any sign-in. */
    current(): Owner | null {
      if (current === undefined) {
        const row = q.last.get();
        current = row ? { id: row.id, displayName: row.display_name } : null;
      }
      return current;
    },
    describe(id: string): { displayName: string; server: string } {
      const row = q.byId.get(id);
      return row ? { displayName: row.display_name, server: row.server } : { displayName: 'an earlier account', server: 'an unknown server' };
    },
  };
}
export type SyncAccounts = ReturnType<typeof createSyncAccounts>;

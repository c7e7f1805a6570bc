import type { Database } from 'better-sqlite3';
import type { Migration } from './index';

/**
 * Tables whose rows are one account's copy of community data: keyed by (owner, id) from now on.
 * Versions come before shares: dropping the old shares table would cascade into their versions.
 */
const OWNED_TABLES: { name: string; columns: string; indexes: string[] }[] = [
  {
    name: 'share_versions',
    columns: `id TEXT NOT NULL, share_id TEXT NOT NULL, number INTEGER NOT NULL, content TEXT, invalid_reason TEXT,
      plain_text TEXT NOT NULL, word_count INTEGER NOT NULL, created_at TEXT NOT NULL`,
    // Listing versions reads only these columns: a covering index never touches the drafts' text (see 0004).
    indexes: ['CREATE INDEX share_versions_listed ON share_versions(owner, share_id, number, id, word_count, created_at)'],
  },
  {
    name: 'shares',
    columns: `id TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('author', 'reader')), author_id TEXT NOT NULL, author_name TEXT NOT NULL,
      circle_id TEXT NOT NULL, title TEXT NOT NULL, note TEXT NOT NULL, queue INTEGER NOT NULL, reader_ids TEXT NOT NULL,
      revoked INTEGER NOT NULL DEFAULT 0, document_ids TEXT NOT NULL DEFAULT '[]', created_at TEXT NOT NULL,
      sync_state TEXT NOT NULL, sync_error TEXT`,
    indexes: [],
  },
  {
    name: 'comments',
    columns: `id TEXT NOT NULL, share_id TEXT NOT NULL, version_id TEXT NOT NULL, parent_id TEXT, author_id TEXT NOT NULL,
      author_name TEXT NOT NULL, body TEXT NOT NULL, anchor TEXT, resolved INTEGER NOT NULL DEFAULT 0, resolved_hlc TEXT,
      helpful INTEGER NOT NULL DEFAULT 0, helpful_hlc TEXT, created_at TEXT NOT NULL, sync_state TEXT NOT NULL, sync_error TEXT`,
    indexes: ['CREATE INDEX comments_by_share ON comments(owner, share_id)', 'CREATE INDEX comments_by_parent ON comments(owner, parent_id)'],
  },
  {
    name: 'critiques',
    columns: `id TEXT NOT NULL, share_id TEXT NOT NULL, version_id TEXT NOT NULL, author_id TEXT NOT NULL, author_name TEXT NOT NULL,
      worked TEXT NOT NULL, didnt TEXT NOT NULL, suggestions TEXT NOT NULL, words INTEGER NOT NULL,
      helpful INTEGER NOT NULL DEFAULT 0, helpful_hlc TEXT, created_at TEXT NOT NULL, sync_state TEXT NOT NULL, sync_error TEXT`,
    indexes: ['CREATE INDEX critiques_by_share ON critiques(owner, share_id)'],
  },
  {
    name: 'credit_entries',
    columns: `id TEXT NOT NULL, circle_id TEXT NOT NULL, delta INTEGER NOT NULL, reason TEXT NOT NULL, ref_id TEXT NOT NULL,
      balance_after INTEGER NOT NULL, created_at TEXT NOT NULL`,
    indexes: ['CREATE INDEX credit_entries_by_circle ON credit_entries(owner, circle_id, created_at)'],
  },
];

/** Rebuilds a table with an `owner` column in front of its key, every existing row given to `owner`. */
function rebuildOwned(db: Database, table: (typeof OWNED_TABLES)[number], owner: string) {
  const names = (db.prepare(`PRAGMA table_info(${table.name})`).all() as { name: string }[]).map((c) => c.name).join(', ');
  db.exec(`CREATE TABLE ${table.name}_owned (owner TEXT NOT NULL, ${table.columns}, PRIMARY KEY (owner, id))`);
  db.prepare(`INSERT INTO ${table.name}_owned (owner, ${names}) SELECT ?, ${names} FROM ${table.name}`).run(owner);
  db.exec(`DROP TABLE ${table.name}; ALTER TABLE ${table.name}_owned RENAME TO ${table.name};`);
  for (const index of table.indexes) db.exec(index);
}

/**
 * Community data belongs to one account (DESIGN.md: Offline first). Before this, the outbox and
 * the local copies of shares, comments, critiques and credits belonged to nobody: a second
 * writer signing in on the same data folder sent the first writer's offline comments under
 * their own session. Every such row now carries its owner, the account id the server made
 * (a random UUID, so it names one account on one server, wherever that server is reached
 * from: the local server's address changes on every launch). Existing rows go to the last
 * signed-in account. The outbox also learns how often an operation was tried and when it
 * may be tried next (backoff), and which entities it waits on.
 */
export const syncOwnership: Migration = {
  version: 6,
  name: 'sync-ownership',
  up: (db) => {
    const saved = db.prepare("SELECT value FROM sync_meta WHERE key = 'account'").pluck().get() as string | undefined;
    const last = saved ? (JSON.parse(saved) as { id: string; displayName: string }) : null;
    const chosen = db.prepare("SELECT value FROM settings WHERE key = 'communityUrl'").pluck().get() as string | undefined;
    const server = (chosen ? (JSON.parse(chosen) as string | null) : null) ?? 'this computer';
    const owner = last?.id ?? '';

    db.exec(`
      CREATE TABLE sync_accounts (
        id TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        server TEXT NOT NULL,
        signed_in_at TEXT NOT NULL
      );
      ALTER TABLE outbox ADD COLUMN owner TEXT NOT NULL DEFAULT '';
      ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE outbox ADD COLUMN next_at INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE outbox ADD COLUMN depends_on TEXT NOT NULL DEFAULT '[]';
      DROP INDEX outbox_by_state;
      CREATE INDEX outbox_by_owner ON outbox(owner, state, seq);
      ALTER TABLE sprint_sessions ADD COLUMN owner TEXT NOT NULL DEFAULT '';
    `);
    if (last) {
      db.prepare('INSERT INTO sync_accounts (id, display_name, server, signed_in_at) VALUES (?, ?, ?, ?)').run(last.id, last.displayName, server, new Date().toISOString());
    }
    db.prepare('UPDATE outbox SET owner = ?').run(owner);
    db.prepare('UPDATE sprint_sessions SET owner = ?').run(owner);
    // Comments and replies name the comment they answer: an operation waits for the ones it depends on.
    for (const row of db.prepare('SELECT seq, kind, payload FROM outbox').all() as { seq: number; kind: string; payload: string }[]) {
      const op = JSON.parse(row.payload) as Record<string, unknown>;
      const deps = [op.shareId, op.parentId].filter((v): v is string => typeof v === 'string');
      db.prepare('UPDATE outbox SET depends_on = ? WHERE seq = ?').run(JSON.stringify(row.kind === 'share.publish' ? [] : deps), row.seq);
    }
    for (const table of OWNED_TABLES) rebuildOwned(db, table, owner);
  },
};

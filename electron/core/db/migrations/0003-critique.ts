import type { Migration } from './index';

/**
 * Sharing for critique, offline first: shares and their versions, comments, critiques and
 * credits as this studio last knew them, plus the outbox of what the community has not
 * acknowledged yet and small sync facts (cursor, device id, last signed-in account).
 */
export const critique: Migration = {
  version: 3,
  name: 'critique',
  up: (db) => {
    db.exec(`
      CREATE TABLE sync_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        op_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed')),
        error TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX outbox_by_entity ON outbox(entity_id);
      CREATE INDEX outbox_by_state ON outbox(state, seq);
      CREATE TABLE shares (
        id TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('author', 'reader')),
        author_id TEXT NOT NULL,
        author_name TEXT NOT NULL,
        circle_id TEXT NOT NULL,
        title TEXT NOT NULL,
        note TEXT NOT NULL,
        queue INTEGER NOT NULL,
        reader_ids TEXT NOT NULL,
        revoked INTEGER NOT NULL DEFAULT 0,
        document_ids TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        sync_state TEXT NOT NULL,
        sync_error TEXT
      );
      CREATE TABLE share_versions (
        id TEXT PRIMARY KEY,
        share_id TEXT NOT NULL REFERENCES shares(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        content TEXT,
        invalid_reason TEXT,
        plain_text TEXT NOT NULL,
        word_count INTEGER NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX share_versions_by_share ON share_versions(share_id, number);
      CREATE TABLE comments (
        id TEXT PRIMARY KEY,
        share_id TEXT NOT NULL,
        version_id TEXT NOT NULL,
        parent_id TEXT,
        author_id TEXT NOT NULL,
        author_name TEXT NOT NULL,
        body TEXT NOT NULL,
        anchor TEXT,
        resolved INTEGER NOT NULL DEFAULT 0,
        resolved_hlc TEXT,
        helpful INTEGER NOT NULL DEFAULT 0,
        helpful_hlc TEXT,
        created_at TEXT NOT NULL,
        sync_state TEXT NOT NULL,
        sync_error TEXT
      );
      CREATE INDEX comments_by_share ON comments(share_id);
      CREATE TABLE critiques (
        id TEXT PRIMARY KEY,
        share_id TEXT NOT NULL,
        version_id TEXT NOT NULL,
        author_id TEXT NOT NULL,
        author_name TEXT NOT NULL,
        worked TEXT NOT NULL,
        didnt TEXT NOT NULL,
        suggestions TEXT NOT NULL,
        words INTEGER NOT NULL,
        helpful INTEGER NOT NULL DEFAULT 0,
        helpful_hlc TEXT,
        created_at TEXT NOT NULL,
        sync_state TEXT NOT NULL,
        sync_error TEXT
      );
      CREATE INDEX critiques_by_share ON critiques(share_id);
      CREATE TABLE credit_entries (
        id TEXT PRIMARY KEY,
        circle_id TEXT NOT NULL,
        delta INTEGER NOT NULL,
        reason TEXT NOT NULL,
        ref_id TEXT NOT NULL,
        balance_after INTEGER NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX credit_entries_by_circle ON credit_entries(circle_id, created_at);
    `);
  },
};

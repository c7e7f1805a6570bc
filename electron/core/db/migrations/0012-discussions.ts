import type { Migration } from './index';

/**
 * Discussions, as this studio keeps them: one account's copy (keyed by owner, like every
 * community row) of the threads and posts it has read or written, so they read offline; a
 * thread or reply written offline waits here, `pending`, with its operation in the outbox.
 */
export const discussions: Migration = {
  version: 12,
  name: 'discussions',
  up: (db) => {
    db.exec(`
      CREATE TABLE discussion_categories (
        owner TEXT NOT NULL, id TEXT NOT NULL, circle_id TEXT NOT NULL, name TEXT NOT NULL, position INTEGER NOT NULL,
        PRIMARY KEY (owner, id)
      );
      CREATE INDEX discussion_categories_by_circle ON discussion_categories(owner, circle_id, position);
      CREATE TABLE discussion_threads (
        owner TEXT NOT NULL, id TEXT NOT NULL, circle_id TEXT NOT NULL, category_id TEXT, author_id TEXT NOT NULL,
        author_name TEXT NOT NULL, title TEXT NOT NULL, pinned INTEGER NOT NULL DEFAULT 0, locked INTEGER NOT NULL DEFAULT 0,
        post_count INTEGER NOT NULL, created_at TEXT NOT NULL, last_post_at TEXT NOT NULL, unread INTEGER NOT NULL DEFAULT 0,
        sync_state TEXT NOT NULL, sync_error TEXT,
        PRIMARY KEY (owner, id)
      );
      CREATE INDEX discussion_threads_listed ON discussion_threads(owner, circle_id, pinned, last_post_at);
      CREATE TABLE discussion_posts (
        owner TEXT NOT NULL, id TEXT NOT NULL, thread_id TEXT NOT NULL, author_id TEXT NOT NULL, author_name TEXT NOT NULL,
        body TEXT NOT NULL, created_at TEXT NOT NULL, sync_state TEXT NOT NULL, sync_error TEXT,
        PRIMARY KEY (owner, id)
      );
      CREATE INDEX discussion_posts_by_thread ON discussion_posts(owner, thread_id, created_at);
    `);
  },
};

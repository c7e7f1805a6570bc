import type { Migration } from './index';

/**
 * Prompts as last read from the community (one account's rows at a time), the day's prompt of
 * each library as last read (so it shows offline), the writer's suggestions waiting to be sent,
 * and which documents were written to which prompt (with the prompt's text: the link is the
 * writer's own and shows above the editor whatever happens to the library).
 */
export const prompts: Migration = {
  version: 15,
  name: 'prompts',
  up: (db) => {
    db.exec(`
      CREATE TABLE prompts (
        owner TEXT NOT NULL,
        id TEXT NOT NULL,
        circle_id TEXT,
        scope TEXT NOT NULL,
        text TEXT NOT NULL,
        status TEXT NOT NULL,
        author_id TEXT NOT NULL,
        author_name TEXT NOT NULL,
        thread_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        sync_state TEXT NOT NULL DEFAULT 'synced',
        sync_error TEXT,
        PRIMARY KEY (owner, id)
      );
      CREATE INDEX prompts_listed ON prompts (owner, scope, status, created_at, id);
      CREATE TABLE prompt_days (
        owner TEXT NOT NULL,
        scope TEXT NOT NULL,
        day TEXT NOT NULL,
        prompt_id TEXT NOT NULL,
        PRIMARY KEY (owner, scope, day)
      );
      CREATE TABLE document_prompts (
        document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        prompt_id TEXT NOT NULL,
        circle_id TEXT,
        text TEXT NOT NULL,
        day TEXT,
        thread_id TEXT,
        linked_at TEXT NOT NULL
      );
    `);
  },
};

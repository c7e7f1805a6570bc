import type { Migration } from './index';

/**
 * The writer's own profile as this studio last wrote or read it, per account: kept here so it
 * is edited offline, and so the project chosen for "what I'm working on" (never sent: only its
 * title, genre and word count are) is known when one of its documents is saved.
 */
export const profiles: Migration = {
  version: 16,
  name: 'profiles',
  up: (db) => {
    db.exec(`
      CREATE TABLE profile_drafts (
        owner TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        bio TEXT NOT NULL,
        genres TEXT NOT NULL,
        privacy TEXT NOT NULL,
        project_id TEXT,
        working_title TEXT,
        working_genre TEXT,
        working_words INTEGER,
        updated_at TEXT NOT NULL
      );
    `);
  },
};

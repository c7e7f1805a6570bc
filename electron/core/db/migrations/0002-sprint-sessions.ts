import type { Migration } from './index';

/** Sprints this studio writes in: the manuscript's word total at the start, and the last total sent. */
export const sprintSessions: Migration = {
  version: 2,
  name: 'sprint-sessions',
  up: (db) => {
    db.exec(`
      CREATE TABLE sprint_sessions (
        sprint_id TEXT PRIMARY KEY,
        server TEXT NOT NULL,
        title TEXT NOT NULL,
        starts_at TEXT NOT NULL,
        ends_at TEXT NOT NULL,
        baseline_words INTEGER NOT NULL,
        baseline_taken_at TEXT NOT NULL,
        words INTEGER NOT NULL DEFAULT 0,
        sent_words INTEGER
      );
    `);
  },
};

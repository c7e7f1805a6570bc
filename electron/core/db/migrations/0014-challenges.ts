import type { Migration } from './index';

/**
 * Challenges: the ones this account agreed to send its daily totals for (with the last view
 * read from the server, so the section opens offline), and the minutes of each local day in
 * which the writer's words changed (what a "10 hours in a month" challenge counts).
 */
export const challenges: Migration = {
  version: 14,
  name: 'challenges',
  up: (db) => {
    db.exec(`
      CREATE TABLE challenge_joins (
        owner TEXT NOT NULL,
        challenge_id TEXT NOT NULL,
        server TEXT NOT NULL,
        title TEXT NOT NULL,
        goal_kind TEXT NOT NULL CHECK (goal_kind IN ('words', 'days', 'minutes')),
        goal INTEGER NOT NULL CHECK (goal > 0),
        start_day TEXT NOT NULL,
        end_day TEXT NOT NULL,
        view TEXT,
        joined_at TEXT NOT NULL,
        PRIMARY KEY (owner, challenge_id)
      );
      CREATE TABLE writing_minutes (
        day TEXT NOT NULL,
        minute INTEGER NOT NULL CHECK (minute BETWEEN 0 AND 1439),
        PRIMARY KEY (day, minute)
      ) WITHOUT ROWID;
    `);
  },
};

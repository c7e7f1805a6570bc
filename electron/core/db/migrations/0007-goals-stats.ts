import type { Migration } from './index';

/**
 * Goals and statistics. Word targets for a project (with an optional deadline) or a document;
 * the writer's rules (writing days, what makes a day count, when a day ends, a session target)
 * as one JSON row; and net words per calendar day and hour, beside daily_words, so that a day
 * can end at 3 am for a night owl and the hours a writer writes in can be charted. Days
 * written before this migration have no hours and stay calendar days.
 */
export const goalsStats: Migration = {
  version: 7,
  name: 'goals-stats',
  up: (db) => {
    db.exec(`
      CREATE TABLE goals (
        target_id TEXT PRIMARY KEY,
        scope TEXT NOT NULL CHECK (scope IN ('project', 'document')),
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        words INTEGER NOT NULL CHECK (words > 0),
        deadline TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX goals_by_project ON goals(project_id);
      CREATE TABLE writing_rules (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        rules TEXT NOT NULL
      );
      CREATE TABLE hourly_words (
        day TEXT NOT NULL,
        hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        words INTEGER NOT NULL,
        PRIMARY KEY (day, hour, project_id)
      );
    `);
  },
};

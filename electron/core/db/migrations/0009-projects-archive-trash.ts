import type { Migration } from './index';

/**
 * Projects can be archived (out of the way, kept whole) and moved to a trash (restorable);
 * the studio remembers which project and document were open last and, per document, where
 * the writer left off (caret and scroll), so a reopened studio is where they were. Editor
 * settings (font, size, line width, smart quotes, typewriter scrolling) are rows of the
 * existing `settings` table and need no column.
 */
export const projectsArchiveTrash: Migration = {
  version: 9,
  name: 'projects-archive-trash',
  up: (db) => {
    db.exec(`
      ALTER TABLE projects ADD COLUMN archived_at TEXT;
      ALTER TABLE projects ADD COLUMN trashed_at TEXT;
      ALTER TABLE projects ADD COLUMN opened_at TEXT;
      ALTER TABLE projects ADD COLUMN last_document_id TEXT;
      ALTER TABLE documents ADD COLUMN place TEXT;
    `);
  },
};

import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { StudioError } from '../../../shared/api/result';
import type { Project } from '../../../shared/api/studio-api';
import type { Clock } from '../clock';

interface ProjectRow {
  id: string;
  title: string;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
  trashed_at: string | null;
  opened_at: string | null;
  last_document_id: string | null;
  word_count: number;
}

const toProject = (row: ProjectRow): Project => ({
  id: row.id,
  title: row.title,
  wordCount: row.word_count,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  archivedAt: row.archived_at,
  trashedAt: row.trashed_at,
  openedAt: row.opened_at,
  lastDocumentId: row.last_document_id,
});

/** Words of a project: its documents that are not in the trash, nor inside a trashed one. */
export const VISIBLE_DOCUMENTS_CTE = `
  WITH RECURSIVE visible(id) AS (
    SELECT id FROM documents WHERE parent_id IS NULL AND trashed_at IS NULL AND project_id = :projectId
    UNION ALL
    SELECT d.id FROM documents d JOIN visible v ON d.parent_id = v.id WHERE d.trashed_at IS NULL
  )`;

export function createProjectsRepo(db: Database, clock: Clock) {
  const selectAll = db.prepare<[], Omit<ProjectRow, 'word_count'>>('SELECT * FROM projects WHERE trashed_at IS NULL ORDER BY updated_at DESC');
  const selectTrashed = db.prepare<[], Omit<ProjectRow, 'word_count'>>('SELECT * FROM projects WHERE trashed_at IS NOT NULL ORDER BY trashed_at DESC');
  const selectOne = db.prepare<[string], Omit<ProjectRow, 'word_count'>>('SELECT * FROM projects WHERE id = ?');
  const wordCount = db.prepare<{ projectId: string }, { words: number }>(`${VISIBLE_DOCUMENTS_CTE}
    SELECT COALESCE(SUM(c.word_count), 0) AS words FROM visible v JOIN document_content c ON c.document_id = v.id`);

  const markOpened = db.prepare('UPDATE projects SET opened_at = ?, last_document_id = ? WHERE id = ?');
  const setFlag = (column: 'archived_at' | 'trashed_at', id: string, on: boolean): Project => {
    repo.get(id);
    db.prepare(`UPDATE projects SET ${column} = ? WHERE id = ?`).run(on ? clock().toISOString() : null, id);
    return repo.get(id);
  };

  const repo = {
    /** Every project not in the trash, archived ones too (the renderer shows them apart). */
    list: (): Project[] =>
      selectAll.all().map((row) => toProject({ ...row, word_count: repo.wordCount(row.id) })),
    trashed: (): Project[] => selectTrashed.all().map((row) => toProject({ ...row, word_count: repo.wordCount(row.id) })),
    get(id: string): Project {
      const row = selectOne.get(id);
      if (!row) throw new StudioError('not_found', 'That project does not exist.');
      return toProject({ ...row, word_count: repo.wordCount(id) });
    },
    wordCount: (projectId: string): number => wordCount.get({ projectId })?.words ?? 0,
    create(title: string): Project {
      const now = clock().toISOString();
      const id = randomUUID();
      db.prepare('INSERT INTO projects (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)').run(id, title, now, now);
      return repo.get(id);
    },
    rename(id: string, title: string): Project {
      repo.get(id);
      db.prepare('UPDATE projects SET title = ?, updated_at = ? WHERE id = ?').run(title, clock().toISOString(), id);
      return repo.get(id);
    },
    archive: (id: string, archived: boolean): Project => setFlag('archived_at', id, archived),
    /** To the trash, whole: its documents stay as they are, and come back with it. */
    trash: (id: string): Project => setFlag('trashed_at', id, true),
    restore: (id: string): Project => setFlag('trashed_at', id, false),
    /** Remembers the document opened last, so the studio reopens it (and this project) next time. */
    opened(id: string, documentId: string): void {
      markOpened.run(clock().toISOString(), documentId, id);
    },
    touch(id: string): void {
      db.prepare('UPDATE projects SET updated_at = ? WHERE id = ?').run(clock().toISOString(), id);
    },
  };
  return repo;
}
export type ProjectsRepo = ReturnType<typeof createProjectsRepo>;

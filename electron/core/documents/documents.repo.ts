import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { StudioError } from '../../../shared/api/result';
import type { DocumentNode } from '../../../shared/api/studio-api';
import type { Clock } from '../clock';
import { VISIBLE_DOCUMENTS_CTE } from '../projects/projects.repo';

interface DocumentRow {
  id: string;
  project_id: string;
  parent_id: string | null;
  title: string;
  position: number;
  updated_at: string;
  trashed_at: string | null;
  word_count: number | null;
}

const toNode = (row: DocumentRow): DocumentNode => ({
  id: row.id,
  projectId: row.project_id,
  parentId: row.parent_id,
  title: row.title,
  position: row.position,
  wordCount: row.word_count ?? 0,
  updatedAt: row.updated_at,
  trashedAt: row.trashed_at,
});

const SELECT = `SELECT d.id, d.project_id, d.parent_id, d.title, d.position, d.updated_at, d.trashed_at, c.word_count
  FROM documents d LEFT JOIN document_content c ON c.document_id = d.id`;

/** The binder's tree: documents ordered by (parent, position), trash kept apart. */
export function createDocumentsRepo(db: Database, clock: Clock) {
  const selectOne = db.prepare<[string], DocumentRow>(`${SELECT} WHERE d.id = ?`);
  const selectVisible = db.prepare<{ projectId: string }, DocumentRow>(
    `${VISIBLE_DOCUMENTS_CTE} ${SELECT} JOIN visible v ON v.id = d.id ORDER BY d.parent_id IS NOT NULL, d.parent_id, d.position`,
  );
  const selectTrashed = db.prepare<[string], DocumentRow>(
    `${SELECT} WHERE d.project_id = ? AND d.trashed_at IS NOT NULL ORDER BY d.trashed_at DESC`,
  );
  const siblings = db.prepare<[string, string | null, string | null], { id: string }>(
    `SELECT id FROM documents WHERE project_id = ? AND parent_id IS ? AND trashed_at IS NULL AND id IS NOT ?
     ORDER BY position`,
  );
  const setPlace = db.prepare('UPDATE documents SET parent_id = ?, position = ? WHERE id = ?');

  /** Rewrites sibling positions 0..n-1 with `id` inserted at `index` (clamped). */
  const placeAt = (projectId: string, parentId: string | null, id: string, index: number): void => {
    const ids = siblings.all(projectId, parentId, id).map((r) => r.id);
    ids.splice(Math.min(index, ids.length), 0, id);
    ids.forEach((sibling, position) => setPlace.run(parentId, position, sibling));
  };

  const repo = {
    get(id: string): DocumentNode {
      const row = selectOne.get(id);
      if (!row) throw new StudioError('not_found', 'That document does not exist.');
      return toNode(row);
    },
    tree: (projectId: string): DocumentNode[] => selectVisible.all({ projectId }).map(toNode),
    trashed: (projectId: string): DocumentNode[] => selectTrashed.all(projectId).map(toNode),

    create(projectId: string, parentId: string | null, title: string): DocumentNode {
      if (parentId) {
        const parent = repo.get(parentId);
        if (parent.projectId !== projectId) throw new StudioError('invalid_input', 'The parent is in another project.');
        if (parent.trashedAt) throw new StudioError('conflict', 'The parent document is in the trash.');
      }
      const now = clock().toISOString();
      const id = randomUUID();
      db.transaction(() => {
        db.prepare(
          `INSERT INTO documents (id, project_id, parent_id, title, position, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(id, projectId, parentId, title, 0, now, now);
        placeAt(projectId, parentId, id, Number.MAX_SAFE_INTEGER);
      })();
      return repo.get(id);
    },

    rename(id: string, title: string): DocumentNode {
      repo.get(id);
      db.prepare('UPDATE documents SET title = ?, updated_at = ? WHERE id = ?').run(title, clock().toISOString(), id);
      return repo.get(id);
    },

    /** Moves a document (with its subtree) under `parentId` at `index`; refuses cycles. */
    move(id: string, parentId: string | null, index: number): DocumentNode[] {
      const doc = repo.get(id);
      if (doc.trashedAt) throw new StudioError('conflict', 'A document in the trash cannot be moved; restore it first.');
      for (let cursor = parentId; cursor !== null; ) {
        if (cursor === id) throw new StudioError('invalid_input', 'A document cannot be moved inside itself.');
        const ancestor = repo.get(cursor);
        if (ancestor.projectId !== doc.projectId) throw new StudioError('invalid_input', 'The new parent is in another project.');
        if (ancestor.trashedAt) throw new StudioError('conflict', 'The new parent is in the trash.');
        cursor = ancestor.parentId;
      }
      db.transaction(() => {
        placeAt(doc.projectId, doc.parentId, id, Number.MAX_SAFE_INTEGER); // close the old gap
        placeAt(doc.projectId, parentId, id, index);
      })();
      return repo.tree(doc.projectId);
    },

    trash(id: string): DocumentNode {
      const doc = repo.get(id);
      db.prepare('UPDATE documents SET trashed_at = ? WHERE id = ?').run(clock().toISOString(), id);
      // Renumber the siblings left behind so positions stay dense.
      const rest = siblings.all(doc.projectId, doc.parentId, id);
      rest.forEach((row, position) => setPlace.run(doc.parentId, position, row.id));
      return repo.get(id);
    },

    /** Restores to the old parent and place among its siblings when that parent is still there, else to the end of the top level. */
    restore(id: string): DocumentNode {
      const doc = repo.get(id);
      if (!doc.trashedAt) return doc;
      let parentId = doc.parentId;
      // Its position was kept when it was trashed (only its siblings were renumbered).
      let index = doc.position;
      if (parentId) {
        const visible = new Set(repo.tree(doc.projectId).map((d) => d.id));
        if (!visible.has(parentId)) [parentId, index] = [null, Number.MAX_SAFE_INTEGER];
      }
      db.transaction(() => {
        db.prepare('UPDATE documents SET trashed_at = NULL WHERE id = ?').run(id);
        placeAt(doc.projectId, parentId, id, index);
      })();
      return repo.get(id);
    },
  };
  return repo;
}
export type DocumentsRepo = ReturnType<typeof createDocumentsRepo>;

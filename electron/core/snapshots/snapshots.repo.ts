import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { StudioError } from '../../../shared/api/result';
import type { Snapshot } from '../../../shared/api/studio-api';
import type { Clock } from '../clock';
import type { ParsedContent } from '../documents/content.repo';

interface SnapshotRow {
  id: string;
  document_id: string;
  name: string;
  kind: 'manual' | 'auto';
  word_count: number;
  created_at: string;
}

const toSnapshot = (row: SnapshotRow): Snapshot => ({
  id: row.id,
  documentId: row.document_id,
  name: row.name,
  kind: row.kind,
  wordCount: row.word_count,
  createdAt: row.created_at,
});

export function createSnapshotsRepo(db: Database, clock: Clock) {
  const META = 'id, document_id, name, kind, word_count, created_at';
  const list = db.prepare<[string], SnapshotRow>(
    `SELECT ${META} FROM snapshots WHERE document_id = ? ORDER BY created_at DESC, rowid DESC`,
  );
  const one = db.prepare<[string], SnapshotRow & { content: string; plain_text: string }>(
    `SELECT ${META}, content, plain_text FROM snapshots WHERE id = ?`,
  );
  const insert = db.prepare(
    `INSERT INTO snapshots (id, document_id, name, kind, content, plain_text, word_count, created_at)
     VALUES (@id, @documentId, @name, @kind, @content, @plainText, @wordCount, @createdAt)`,
  );
  return {
    list: (documentId: string): Snapshot[] => list.all(documentId).map(toSnapshot),
    get(id: string): Snapshot & ParsedContent {
      const row = one.get(id);
      if (!row) throw new StudioError('not_found', 'That snapshot does not exist.');
      return { ...toSnapshot(row), content: row.content, plainText: row.plain_text };
    },
    create(documentId: string, name: string, kind: Snapshot['kind'], content: ParsedContent): Snapshot {
      const id = randomUUID();
      insert.run({
        id,
        documentId,
        name,
        kind,
        content: content.content,
        plainText: content.plainText,
        wordCount: content.wordCount,
        createdAt: clock().toISOString(),
      });
      return toSnapshot(one.get(id)!);
    },
  };
}

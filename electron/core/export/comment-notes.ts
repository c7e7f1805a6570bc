import type { Database } from 'better-sqlite3';
import type { Manuscript } from './manuscript';

/** A comment on the manuscript's text as a Word comment shows it: who, when, what, and the replies under it. */
export interface CommentNote {
  author: string;
  date: Date;
  body: string;
  replies: Array<{ author: string; date: Date; body: string }>;
}

interface Row {
  id: string;
  parent_id: string | null;
  author_name: string;
  body: string;
  created_at: string;
}

/**
 * The comments whose marks are in the book, with their replies, read from the studio's copy
 * of the critique (any signed-in account's copy: a comment is the same whoever synced it).
 */
export function commentNotes(db: Database, book: Manuscript): Map<string, CommentNote> {
  const ids = new Set<string>();
  for (const chapter of book.chapters) for (const block of chapter.blocks) if ('runs' in block) for (const run of block.runs) for (const id of run.comments ?? []) ids.add(id);
  const notes = new Map<string, CommentNote>();
  if (ids.size === 0) return notes;
  const one = db.prepare<[string], Row>('SELECT id, parent_id, author_name, body, created_at FROM comments WHERE id = ? LIMIT 1');
  const replies = db.prepare<[string], Row>('SELECT id, parent_id, author_name, body, min(created_at) AS created_at FROM comments WHERE parent_id = ? GROUP BY id ORDER BY created_at, id');
  for (const id of ids) {
    const row = one.get(id);
    if (!row) continue;
    notes.set(id, {
      author: row.author_name,
      date: new Date(row.created_at),
      body: row.body,
      replies: replies.all(id).map((r) => ({ author: r.author_name, date: new Date(r.created_at), body: r.body })),
    });
  }
  return notes;
}

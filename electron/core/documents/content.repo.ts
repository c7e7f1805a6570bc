import type { Database } from 'better-sqlite3';
import type { DocumentPlace } from '../../../shared/api/projects';
import type { OpenDocument } from '../../../shared/api/studio-api';
import { parseLexicalState, plainTextOf } from '../../../shared/schemas/lexical';
import { countWords } from '../../../shared/text/word-count';
import type { Clock } from '../clock';
import type { DocumentsRepo } from './documents.repo';

export interface ParsedContent {
  content: string;
  plainText: string;
  wordCount: number;
}

/**
 * The writer's own documents may hold more nodes than a peer's shared draft (50,000): a novel
 * pasted into one document with a line break per line must still save. The 20 MB size limit
 * bounds them anyway.
 */
export const OWN_DOCUMENT_MAX_NODES = 1_000_000;

/** Validates serialized Lexical JSON and derives its text and count: the core never trusts a count it is sent. */
export function parseContent(content: string): ParsedContent {
  const plainText = plainTextOf(parseLexicalState(content, { maxNodes: OWN_DOCUMENT_MAX_NODES }));
  return { content, plainText, wordCount: countWords(plainText) };
}

function readPlace(json: string | null): DocumentPlace | null {
  if (!json) return null;
  try {
    const place = JSON.parse(json) as DocumentPlace;
    return typeof place.block === 'number' && typeof place.offset === 'number' && typeof place.scroll === 'number' ? place : null;
  } catch {
    return null; // a place is a convenience: never fail an open over it
  }
}

export function createContentRepo(db: Database, documents: DocumentsRepo, clock: Clock) {
  const select = db.prepare<[string], { content: string; plain_text: string; word_count: number; updated_at: string }>(
    'SELECT content, plain_text, word_count, updated_at FROM document_content WHERE document_id = ?',
  );
  const upsert = db.prepare(
    `INSERT INTO document_content (document_id, content, plain_text, word_count, updated_at)
     VALUES (@id, @content, @plainText, @wordCount, @now)
     ON CONFLICT(document_id) DO UPDATE SET content = excluded.content, plain_text = excluded.plain_text,
       word_count = excluded.word_count, updated_at = excluded.updated_at`,
  );
  const touch = db.prepare('UPDATE documents SET updated_at = ? WHERE id = ?');
  const selectPlace = db.prepare<[string], { place: string | null }>('SELECT place FROM documents WHERE id = ?');
  const updatePlace = db.prepare('UPDATE documents SET place = ? WHERE id = ?');

  return {
    open(id: string): OpenDocument {
      const doc = documents.get(id);
      const row = select.get(id);
      return {
        id,
        projectId: doc.projectId,
        title: doc.title,
        content: row?.content ?? null,
        wordCount: row?.word_count ?? 0,
        updatedAt: row?.updated_at ?? doc.updatedAt,
        place: readPlace(selectPlace.get(id)?.place ?? null),
      };
    },
    /** Where the writer left off; not a change to the document (its updated time stays). */
    setPlace(id: string, place: DocumentPlace): null {
      documents.get(id);
      updatePlace.run(JSON.stringify(place), id);
      return null;
    },
    current(id: string): ParsedContent | undefined {
      const row = select.get(id);
      return row && { content: row.content, plainText: row.plain_text, wordCount: row.word_count };
    },
    /** Writes content; returns the previous word count so callers can keep daily totals. */
    write(id: string, parsed: ParsedContent): { previousWords: number } {
      const previousWords = select.get(id)?.word_count ?? 0;
      const now = clock().toISOString();
      upsert.run({ id, content: parsed.content, plainText: parsed.plainText, wordCount: parsed.wordCount, now });
      touch.run(now, id);
      return { previousWords };
    },
  };
}
export type ContentRepo = ReturnType<typeof createContentRepo>;

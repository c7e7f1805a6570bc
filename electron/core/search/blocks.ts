import type { Database } from 'better-sqlite3';

/**
 * The search index holds a document's text block by block (each line of its plain text: a
 * paragraph, heading or list item), so an autosave rewrites only the blocks that changed —
 * one paragraph when a writer types a sentence — instead of the whole chapter (bench:search).
 *
 * A block's id is its document's number times SLOTS plus a slot: the document of a hit is
 * `rowid / SLOTS`, worked out without reading a row, and a document's blocks are one range
 * of the table's key. Slots are reused; a block's place in the text is not stored (a search
 * only needs the words and the document).
 */
export const SLOTS = 2 ** 24; // more than the lines of the 20 MB a document may hold
/** `rowid / SLOTS` with integer division, in SQL: the document number of a block. */
export const DOCUMENT_OF_BLOCK = `(rowid >> 24)`;

/** The blocks of a plain text: its non-blank lines. */
export function blocksOf(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

/** Reads, numbers and rewrites a document's blocks; the triggers of migration 19 keep the FTS5 index in step. */
export function createBlockIndex(db: Database) {
  const numberOf = db.prepare<[string], number>('SELECT no FROM search_documents WHERE document_id = ?').pluck();
  const addDocument = db.prepare<[string], number>('INSERT INTO search_documents (document_id) VALUES (?) RETURNING no').pluck();
  const stored = db.prepare<[number, number], { id: number; text: string }>('SELECT id, text FROM document_blocks WHERE id BETWEEN ? AND ?');
  const remove = db.prepare<[number]>('DELETE FROM document_blocks WHERE id = ?');
  const insert = db.prepare<[number, string]>('INSERT INTO document_blocks (id, text) VALUES (?, ?)');

  /** Brings a document's blocks to `text`, writing only those whose text changed; a moved block stays as it is. */
  function sync(documentId: string, text: string): { inserted: number; deleted: number } {
    const no = numberOf.get(documentId) ?? addDocument.get(documentId)!;
    const first = no * SLOTS;
    const unmatched = new Map<string, number[]>();
    for (const block of stored.all(first, first + SLOTS - 1)) {
      const ids = unmatched.get(block.text);
      if (ids) ids.push(block.id);
      else unmatched.set(block.text, [block.id]);
    }
    const added: string[] = [];
    const kept = new Set<number>();
    for (const block of blocksOf(text)) {
      const id = unmatched.get(block)?.pop();
      if (id === undefined) added.push(block);
      else kept.add(id - first);
    }
    let deleted = 0;
    for (const ids of unmatched.values()) {
      for (const id of ids) {
        remove.run(id);
        deleted++;
      }
    }
    let slot = 0;
    for (const block of added) {
      while (kept.has(slot)) slot++;
      if (slot >= SLOTS) throw new Error('A document has more blocks than the search index can hold.');
      insert.run(first + slot++, block);
    }
    return { inserted: added.length, deleted };
  }

  return { sync };
}
export type BlockIndex = ReturnType<typeof createBlockIndex>;

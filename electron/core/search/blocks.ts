import type { Database } from 'better-sqlite3';

/**
 * The search index holds a document's text in blocks of about sixteen paragraphs, so bringing
 * it up to date after an autosave rewrites only the block that changed — the paragraphs
 * around the one a writer types in — instead of the whole chapter.
 *
 * A save does not touch the index: a trigger notes the document in search_pending (migration
 * 19) and the next search first brings the noted documents' blocks up to date (catchUp), in
 * one transaction. Every search sees every saved word. Why not inside the save: an FTS5 write
 * transaction costs milliseconds whatever it writes (one changed block: 0.3 ms of rows, 3-5 ms
 * CPU with its commit; bench:search), so an autosave that indexed cost as much as the old
 * index by document. Now the save pays for one small row, and the first search after a burst
 * of typing pays once.
 *
 * Blocks are cut where the text itself says (content-defined, as rsync and backup tools cut
 * files): after a paragraph whose hash is a multiple of BLOCK_PARAGRAPHS, so an edit moves no
 * boundary but its own paragraph's, and a moved paragraph changes only the blocks it left and
 * joined. A block per paragraph made a common word 17,000 rows to rank over a million words
 * (26 ms for "the"); sixteen keeps every kind of query near the old index by document.
 *
 * A block's id is its document's number times SLOTS plus a slot: the document of a hit is
 * `rowid >> 24`, worked out without reading a row, and a document's blocks are one range of
 * the table's key. Slots are reused; a block's place in the text is not stored (a search only
 * needs the words and the document).
 */
export const SLOTS = 2 ** 24; // more than the lines of the 20 MB a document may hold
/** `rowid / SLOTS` with integer division, in SQL: the document number of a block. */
export const DOCUMENT_OF_BLOCK = `(rowid >> 24)`;
/** Paragraphs in a block, on average. */
export const BLOCK_PARAGRAPHS = 16;
/** Past this many characters a block ends sooner, so a long run of paragraphs without a boundary stays a block of a few thousand words. */
const BLOCK_CHARS = 16_000;

/**
 * FNV-1a of a line's first 32 characters: the same in every run (a boundary must not move
 * between saves), and typing on at the end of a paragraph never moves one. The whole line
 * cost 0.3 ms for a 5,000-word chapter.
 */
function hashOf(line: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < Math.min(line.length, 32); i++) hash = Math.imul(hash ^ line.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** The blocks of a plain text: its non-blank lines, a few at a time, cut where the content says. */
export function blocksOf(text: string, paragraphs = BLOCK_PARAGRAPHS): string[] {
  const blocks: string[] = [];
  let lines: string[] = [];
  let chars = 0;
  for (const line of text.split('\n')) {
    if (!/\S/.test(line)) continue;
    lines.push(line);
    chars += line.length;
    // Past BLOCK_CHARS a block still ends where the content says, only more readily (a cut by
    // size alone moved with every word typed before it: two blocks rewritten an autosave, not one).
    const hash = hashOf(line);
    if (hash % paragraphs === 0 || (chars >= BLOCK_CHARS && hash % 4 === 0) || chars >= 4 * BLOCK_CHARS) {
      blocks.push(lines.join('\n'));
      lines = [];
      chars = 0;
    }
  }
  if (lines.length > 0) blocks.push(lines.join('\n'));
  return blocks;
}

/** Reads, numbers and rewrites documents' blocks; the triggers of migration 19 keep the FTS5 index in step with them. */
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

  const pending = db.prepare<[], { id: string; text: string | null }>(
    'SELECT p.document_id AS id, c.plain_text AS text FROM search_pending p LEFT JOIN document_content c ON c.document_id = p.document_id',
  );
  const done = db.prepare<[string]>('DELETE FROM search_pending WHERE document_id = ?');
  /** Brings every document saved since the last search up to date; returns how many. */
  const catchUp = db.transaction((): number => {
    const rows = pending.all();
    for (const row of rows) {
      if (row.text !== null) sync(row.id, row.text);
      done.run(row.id);
    }
    return rows.length;
  });
  const hasPending = db.prepare('SELECT 1 FROM search_pending LIMIT 1').pluck();

  return { sync, catchUp: () => (hasPending.get() ? catchUp() : 0) };
}
export type BlockIndex = ReturnType<typeof createBlockIndex>;

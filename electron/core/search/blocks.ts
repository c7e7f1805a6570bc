import type { Database } from 'better-sqlite3';

/**
 * The search index holds a document's text in blocks of about sixteen paragraphs, so bringing
 * it up to date after an autosave rewrites only the block that changed — the paragraphs
 * around the one a writer types in — instead of the whole chapter.
 *
 * A save does not touch the index: a trigger notes the document in search_pending (migration
 * 19) and the next search first brings the noted documents' blocks up to date (catchUp), in
 * one transaction. Every search sees every saved word. When the studio has been idle a
 * moment, the same work is done in the background in small slices (idle-catch-up.ts), so the
 * first search after an import or a burst of typing usually finds nothing left to do. Why not inside the save: an FTS5 write
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
 * the table's key. Slots are reused, so a slot says nothing of where a block is: its place in
 * the text is a row of block_places (migration 21), rewritten when text before it changes,
 * which costs no FTS5 write.
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

/**
 * A block and where it lies in the text it was cut from: `start`, its first line's offset, and
 * `gaps`, for each line after the first, how many characters more than the one "\n" of the
 * block's text stand before it in the text ("\n\n" between paragraphs: 1; blank lines: more).
 * With them a search cuts a snippet from the block alone and still says where the match is in
 * the document (block_places, migration 21), instead of reading the whole document's text.
 */
export interface PlacedBlock {
  text: string;
  start: number;
  gaps: number[];
}

/** The blocks of a plain text: its non-blank lines, a few at a time, cut where the content says. */
export function blocksOf(text: string, paragraphs = BLOCK_PARAGRAPHS): string[] {
  return placedBlocksOf(text, paragraphs).map((block) => block.text);
}

/** The same blocks as blocksOf, each with its place in the text. */
export function placedBlocksOf(text: string, paragraphs = BLOCK_PARAGRAPHS): PlacedBlock[] {
  const blocks: PlacedBlock[] = [];
  let lines: string[] = [];
  let gaps: number[] = [];
  let start = 0;
  let lastEnd = 0;
  let chars = 0;
  let at = 0;
  for (const line of text.split('\n')) {
    const lineStart = at;
    at += line.length + 1;
    if (!/\S/.test(line)) continue;
    if (lines.length === 0) start = lineStart;
    else gaps.push(lineStart - lastEnd - 1);
    lines.push(line);
    lastEnd = lineStart + line.length;
    chars += line.length;
    // Past BLOCK_CHARS a block still ends where the content says, only more readily (a cut by
    // size alone moved with every word typed before it: two blocks rewritten an autosave, not one).
    const hash = hashOf(line);
    if (hash % paragraphs === 0 || (chars >= BLOCK_CHARS && hash % 4 === 0) || chars >= 4 * BLOCK_CHARS) {
      blocks.push({ text: lines.join('\n'), start, gaps });
      lines = [];
      gaps = [];
      chars = 0;
    }
  }
  if (lines.length > 0) blocks.push({ text: lines.join('\n'), start, gaps });
  return blocks;
}

/** A block's gaps as block_places keeps them ("1,1,3"). */
export const gapsText = (gaps: number[]) => gaps.join(',');

/** Where an offset in a block's text (as placedBlocksOf cut it, placed at `start` with `gaps`) is in the document's text. */
export function documentOffset(blockText: string, start: number, gaps: string, offset: number): number {
  const extra = gaps === '' ? [] : gaps.split(',').map(Number);
  let added = 0;
  let line = 0;
  for (let nl = blockText.indexOf('\n'); nl !== -1 && nl < offset; nl = blockText.indexOf('\n', nl + 1)) added += extra[line++] ?? 0;
  return start + offset + added;
}

/** Reads, numbers and rewrites documents' blocks; the triggers of migration 19 keep the FTS5 index in step with them. */
export function createBlockIndex(db: Database) {
  const numberOf = db.prepare<[string], number>('SELECT no FROM search_documents WHERE document_id = ?').pluck();
  const addDocument = db.prepare<[string], number>('INSERT INTO search_documents (document_id) VALUES (?) RETURNING no').pluck();
  const stored = db.prepare<[number, number], { id: number; text: string; start: number | null; gaps: string | null }>(
    'SELECT b.id, b.text, pl.start, pl.gaps FROM document_blocks b LEFT JOIN block_places pl ON pl.id = b.id WHERE b.id BETWEEN ? AND ?',
  );
  const remove = db.prepare<[number]>('DELETE FROM document_blocks WHERE id = ?');
  const insert = db.prepare<[number, string]>('INSERT INTO document_blocks (id, text) VALUES (?, ?)');
  // A block's place changes when text before it does (no FTS5 row is written for that: a row of its own).
  const place = db.prepare<[number, number, string]>('INSERT OR REPLACE INTO block_places (id, start, gaps) VALUES (?, ?, ?)');

  /** Brings a document's blocks to `text`, writing only those whose text changed; a moved block stays as it is, its place noted. */
  function sync(documentId: string, text: string): { inserted: number; deleted: number } {
    const no = numberOf.get(documentId) ?? addDocument.get(documentId)!;
    const first = no * SLOTS;
    const unmatched = new Map<string, number[]>();
    const placed = new Map<number, string>();
    for (const block of stored.all(first, first + SLOTS - 1)) {
      const ids = unmatched.get(block.text);
      if (ids) ids.push(block.id);
      else unmatched.set(block.text, [block.id]);
      if (block.start !== null) placed.set(block.id, `${block.start}:${block.gaps}`);
    }
    const added: PlacedBlock[] = [];
    const kept = new Set<number>();
    for (const block of placedBlocksOf(text)) {
      const id = unmatched.get(block.text)?.pop();
      if (id === undefined) added.push(block);
      else {
        kept.add(id - first);
        const gaps = gapsText(block.gaps);
        if (placed.get(id) !== `${block.start}:${gaps}`) place.run(id, block.start, gaps);
      }
    }
    let deleted = 0;
    for (const ids of unmatched.values()) {
      for (const id of ids) {
        remove.run(id); // its place goes with it (a trigger of migration 21)
        deleted++;
      }
    }
    let slot = 0;
    for (const block of added) {
      while (kept.has(slot)) slot++;
      if (slot >= SLOTS) throw new Error('A document has more blocks than the search index can hold.');
      insert.run(first + slot, block.text);
      place.run(first + slot++, block.start, gapsText(block.gaps));
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

  const somePending = db.prepare<[], string>('SELECT document_id FROM search_pending LIMIT 16').pluck();
  const textOf = db.prepare<[string], string>('SELECT plain_text FROM document_content WHERE document_id = ?').pluck();
  /**
   * Brings pending documents up to date one at a time until `budgetMs` have passed (at least
   * one document, however long it takes: a document's blocks change in one transaction), in
   * one transaction; returns how many. For the background catch-up (idle-catch-up.ts).
   */
  const catchUpFor = db.transaction((budgetMs: number): number => {
    const until = performance.now() + budgetMs;
    let count = 0;
    for (let ids = somePending.all(); ids.length > 0; ids = somePending.all()) {
      for (const id of ids) {
        const text = textOf.get(id);
        if (text !== undefined) sync(id, text);
        done.run(id);
        count++;
        if (performance.now() >= until) return count;
      }
    }
    return count;
  });

  /**
   * Runs a catch-up transaction without waiting for the disk at its commit (synchronous NORMAL
   * instead of the studio's FULL; in WAL mode the commit is still atomic and in order, and the
   * next save's commit makes it durable): the index is worked out from the saved text, and a
   * catch-up lost to a power cut loses its search_pending deletions with it, so it is done again.
   * The fsync was 2 ms of the first search after an autosave (bench:search, wall against CPU).
   */
  const withoutFsync = <T>(work: () => T): T => {
    const was = db.pragma('synchronous', { simple: true }) as number;
    if (was <= 1) return work();
    db.pragma('synchronous = NORMAL');
    try {
      return work();
    } finally {
      db.pragma(`synchronous = ${was}`);
    }
  };

  return {
    sync,
    catchUp: () => (hasPending.get() ? withoutFsync(catchUp) : 0),
    catchUpFor: (budgetMs: number) => (hasPending.get() ? withoutFsync(() => catchUpFor(budgetMs)) : 0),
    hasPending: () => hasPending.get() !== undefined,
  };
}
export type BlockIndex = ReturnType<typeof createBlockIndex>;

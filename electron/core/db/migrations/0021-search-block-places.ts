import type { Migration } from './index';
import { gapsText, placedBlocksOf, SLOTS } from '../../search/blocks';

/**
 * Where each search block lies in its document's text (search/blocks.ts, PlacedBlock): a search
 * cuts a hit's snippet from its best block and still says where the match is in the document,
 * instead of reading the whole text of every hit (20 hits of 2,000-word chapters: 0.4 ms of a
 * 1.2 ms query, more for longer chapters; bench:search). The block rows and the FTS5 index are
 * not touched: a block's place is a row of its own, written when text before it changes.
 *
 * Existing blocks get their places here, matched by text against the document's text cut
 * again; a document waiting in search_pending gets them when it is caught up, and until then
 * a hit without a place is cut from the whole text, as before.
 */
export const searchBlockPlaces: Migration = {
  version: 21,
  name: 'search-block-places',
  up: (db) => {
    db.exec(`
      CREATE TABLE block_places (
        id INTEGER PRIMARY KEY,
        start INTEGER NOT NULL,
        gaps TEXT NOT NULL
      );
      CREATE TRIGGER document_blocks_places_delete AFTER DELETE ON document_blocks BEGIN
        DELETE FROM block_places WHERE id = old.id;
      END;
    `);
    const blocks = db.prepare<[number, number], { id: number; text: string }>('SELECT id, text FROM document_blocks WHERE id BETWEEN ? AND ?');
    const place = db.prepare('INSERT INTO block_places (id, start, gaps) VALUES (?, ?, ?)');
    // A page of documents at a time (a library of novels need not be in memory at once).
    const page = db.prepare<[number], { no: number; text: string }>(`
      SELECT sd.no, c.plain_text AS text FROM search_documents sd JOIN document_content c ON c.document_id = sd.document_id
      WHERE sd.no > ? AND sd.document_id NOT IN (SELECT document_id FROM search_pending) ORDER BY sd.no LIMIT 100`);
    for (let rows = page.all(-1); rows.length > 0; rows = page.all(rows.at(-1)!.no)) {
      for (const { no, text } of rows) {
        const unplaced = new Map<string, number[]>();
        for (const block of blocks.all(no * SLOTS, no * SLOTS + SLOTS - 1)) unplaced.set(block.text, [...(unplaced.get(block.text) ?? []), block.id]);
        for (const block of placedBlocksOf(text)) {
          const id = unplaced.get(block.text)?.shift();
          if (id !== undefined) place.run(id, block.start, gapsText(block.gaps));
        }
      }
    }
  },
};

import type { Migration } from './index';
import { blocksOf, SLOTS } from '../../search/blocks';

/**
 * The search index by block instead of by document, brought up to date by the next search
 * rather than by every save (electron/core/search/blocks.ts): saving a 5,000-word chapter
 * after typing a sentence rewrote the whole chapter's index (+3.9 ms a save, mostly FTS5
 * segment writes at commit); now a save notes the document in search_pending, and the next
 * search rewrites only the blocks whose text changed.
 *
 * search_documents numbers documents (an INTEGER PRIMARY KEY keeps its values through VACUUM);
 * document_blocks is the FTS5 index's external content, kept in step by triggers. Prefix
 * indexes of 3 and 4 letters: "lig*" and "ligh*" read one list each instead of merging every
 * word that starts so (4 letters over a million words: 12.6 -> 2.7 ms CPU). Longer prefixes
 * ("lighth*") match few words, and a 6-letter index measured no faster within the noise of
 * bench:search while adding to every write. FTS5's merge settings (automerge 0/4/16,
 * crisismerge 64, usermerge 16, pgsz 4000) made no measurable difference to writing a block;
 * they stay at their defaults.
 */
export const searchBlocks: Migration = {
  version: 19,
  name: 'search-blocks',
  up: (db) => {
    db.exec(`
      DROP TRIGGER IF EXISTS document_search_insert;
      DROP TRIGGER IF EXISTS document_search_delete;
      DROP TRIGGER IF EXISTS document_search_update;
      DROP TABLE IF EXISTS document_search;
      CREATE TABLE search_documents (
        no INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL UNIQUE
      );
      -- Documents whose text changed since the index last read it (see search/blocks.ts).
      CREATE TABLE search_pending (
        document_id TEXT PRIMARY KEY
      ) WITHOUT ROWID;
      CREATE TABLE document_blocks (
        id INTEGER PRIMARY KEY,
        text TEXT NOT NULL
      );
      CREATE VIRTUAL TABLE block_search USING fts5(
        text,
        content = 'document_blocks',
        content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '3 4'
      );
    `);
    const number = db.prepare<[string], number>('INSERT INTO search_documents (document_id) VALUES (?) RETURNING no').pluck();
    const insert = db.prepare('INSERT INTO document_blocks (id, text) VALUES (?, ?)');
    // A page of documents at a time (a library of novels need not be in memory at once).
    const page = db.prepare<[string], { document_id: string; plain_text: string }>(
      'SELECT document_id, plain_text FROM document_content WHERE document_id > ? ORDER BY document_id LIMIT 100',
    );
    for (let rows = page.all(''); rows.length > 0; rows = page.all(rows.at(-1)!.document_id)) {
      for (const row of rows) {
        const first = number.get(row.document_id)! * SLOTS;
        blocksOf(row.plain_text).forEach((block, slot) => insert.run(first + slot, block));
      }
    }
    db.exec(`
      INSERT INTO block_search (block_search) VALUES ('rebuild');
      CREATE TRIGGER document_blocks_insert AFTER INSERT ON document_blocks BEGIN
        INSERT INTO block_search (rowid, text) VALUES (new.id, new.text);
      END;
      CREATE TRIGGER document_blocks_delete AFTER DELETE ON document_blocks BEGIN
        INSERT INTO block_search (block_search, rowid, text) VALUES ('delete', old.id, old.text);
      END;
      CREATE TRIGGER document_blocks_update AFTER UPDATE ON document_blocks BEGIN
        INSERT INTO block_search (block_search, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO block_search (rowid, text) VALUES (new.id, new.text);
      END;
      -- A save only notes that the document's text changed; the next search brings its blocks up to date.
      -- (Not INSERT OR IGNORE: an upsert's conflict clause would override the trigger's.)
      CREATE TRIGGER document_content_search_insert AFTER INSERT ON document_content BEGIN
        INSERT INTO search_pending (document_id) SELECT new.document_id
        WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE document_id = new.document_id);
      END;
      CREATE TRIGGER document_content_search_update AFTER UPDATE OF plain_text ON document_content
      WHEN old.plain_text IS NOT new.plain_text BEGIN
        INSERT INTO search_pending (document_id) SELECT new.document_id
        WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE document_id = new.document_id);
      END;
      -- A document's text gone (its document deleted for good): its blocks go too.
      CREATE TRIGGER document_content_blocks_delete AFTER DELETE ON document_content BEGIN
        DELETE FROM search_pending WHERE document_id = old.document_id;
        DELETE FROM document_blocks WHERE id BETWEEN
          (SELECT no FROM search_documents WHERE document_id = old.document_id) * ${SLOTS}
          AND (SELECT no FROM search_documents WHERE document_id = old.document_id) * ${SLOTS} + ${SLOTS - 1};
        DELETE FROM search_documents WHERE document_id = old.document_id;
      END;
    `);
  },
};

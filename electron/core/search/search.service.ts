import type { Database, Statement } from 'better-sqlite3';
import { StudioError } from '../../../shared/api/result';
import type { SearchHit, SearchOutputs, SearchResults } from '../../../shared/api/search';
import type { StudioParsedInput } from '../../../shared/schemas/studio';
import { createBlockIndex, DOCUMENT_OF_BLOCK, documentOffset, SLOTS } from './blocks';
import { textPattern, toFtsQuery } from './fts-query';
import { startIdleCatchUp, type IdleCatchUpOptions } from './idle-catch-up';
import { locateSnippet, snippetOf, snippetParts } from './snippet';

type Input = StudioParsedInput<'search.query'>;

/**
 * The numbers (search_documents.no) of documents a search may not find: those in the trash,
 * everything inside them, and every document of a project in the trash. Walked down from the
 * trashed ones (usually none or few) rather than up from every document, and worked out once
 * a query as a set the ranked documents are checked against. Joining every ranked document
 * to documents and projects, and finding the trashed ones by reading every document, cost
 * about 0.3 ms of a query for a word in every chapter (500 chapters, bench:search). The
 * recursive step follows documents_by_parent (project, parent), not a scan.
 */
const UNFINDABLE = `
  hidden(id, project_id) AS (
    SELECT id, project_id FROM documents WHERE trashed_at IS NOT NULL
    UNION
    SELECT d.id, d.project_id FROM projects p CROSS JOIN documents d ON d.project_id = p.id WHERE p.trashed_at IS NOT NULL
    UNION
    SELECT d.id, d.project_id FROM hidden h CROSS JOIN documents d ON d.project_id = h.project_id AND d.parent_id = h.id
  ),
  unfindable(no) AS (SELECT sd.no FROM hidden h JOIN search_documents sd ON sd.document_id = h.id)`;
/** In one project: its documents' numbers (the project itself not in the trash), less the hidden ones. */
const IN_PROJECT = `
  in_project(no) AS (
    SELECT sd.no FROM documents d JOIN search_documents sd ON sd.document_id = d.id
    WHERE d.project_id = :projectId AND d.id NOT IN (SELECT id FROM hidden)
      AND NOT EXISTS (SELECT 1 FROM projects WHERE id = :projectId AND trashed_at IS NOT NULL)
  )`;

interface HitRow {
  documentId: string;
  documentTitle: string;
  projectId: string;
  projectTitle: string;
  text: string;
}

/**
 * Search across projects: the FTS5 index of blocks ranks (bm25) and the snippets are cut here
 * from each hit's best block, placed in the document's text by block_places (FTS5's snippet()
 * tokenizes what it cuts from and cost 1 ms a hit on 2,000-word chapters; reading every hit's
 * whole text was 0.4 ms of a query; bench:search). A query of one or two letters is a
 * substring scan.
 * Documents saved since the last search are brought into the index by the search itself, or
 * before it in the background when the studio is idle (idle-catch-up.ts; close() stops that).
 */
export function createSearch(db: Database, { idle }: { idle?: IdleCatchUpOptions } = {}) {
  // The index holds blocks (blocks.ts): each piece of the query is matched on its own, block
  // hits are grouped by document (a document has every piece, in any of its blocks, as before)
  // and a document's score is the sum over pieces of its best block's bm25. Ranked first, by
  // document number alone (no join per ranked document), then the page of hits is read.
  const rankedBy = new Map<string, Statement<Record<string, string | number | null>, { no: number; best: number }>>();
  const ranked = (pieces: number, scoped: boolean) => {
    const key = `${pieces}:${scoped}`;
    let statement = rankedBy.get(key);
    if (!statement) {
      const each = Array.from({ length: pieces }, (_, i) => i);
      // best: the rowid of the document's best block for the first piece (SQLite gives a bare
      // column the value of the row min() chose): the snippet is cut from it.
      statement = db.prepare<Record<string, string | number | null>, { no: number; best: number }>(
        `WITH RECURSIVE ${UNFINDABLE}, ${scoped ? `${IN_PROJECT},` : ''}
        ${each.map((i) => `p${i}(no, best, score) AS (SELECT ${DOCUMENT_OF_BLOCK}, rowid, min(rank) FROM block_search WHERE block_search MATCH :m${i} GROUP BY 1)`).join(',\n')}
        SELECT p0.no AS no, p0.best AS best FROM p0 ${each.slice(1).map((i) => `JOIN p${i} ON p${i}.no = p0.no`).join(' ')}
        WHERE ${scoped ? 'p0.no IN (SELECT no FROM in_project)' : 'p0.no NOT IN (SELECT no FROM unfindable)'}
        ORDER BY ${each.map((i) => `p${i}.score`).join(' + ')} LIMIT :limit`,
      );
      rankedBy.set(key, statement);
    }
    return statement;
  };
  // A hit: its document, and its best block with the block's place in the document's text.
  const hitOf = db.prepare<{ no: number; best: number }, Omit<HitRow, 'text'> & { block: string | null; start: number | null; gaps: string | null }>(`
    SELECT d.id AS documentId, d.title AS documentTitle, d.project_id AS projectId, p.title AS projectTitle, b.text AS block, pl.start, pl.gaps
    FROM search_documents sd JOIN documents d ON d.id = sd.document_id JOIN projects p ON p.id = d.project_id
      LEFT JOIN document_blocks b ON b.id = :best LEFT JOIN block_places pl ON pl.id = :best
    WHERE sd.no = :no`);
  const textOf = db.prepare<[string], string>('SELECT plain_text FROM document_content WHERE document_id = ?').pluck();
  // FTS5 cuts the snippet from a block for any of the pieces.
  const ftsSnippet = db
    .prepare<{ match: string; first: number; last: number }, string>(
      "SELECT snippet(block_search, 0, char(1), char(2), '…', 24) FROM block_search WHERE block_search MATCH :match AND rowid BETWEEN :first AND :last ORDER BY rank LIMIT 1",
    )
    .pluck();
  const scanned = db.prepare<{ like: string; projectId: string | null; limit: number }, HitRow>(`
    WITH RECURSIVE ${UNFINDABLE}
    SELECT c.document_id AS documentId, d.title AS documentTitle, d.project_id AS projectId, p.title AS projectTitle, c.plain_text AS text
    FROM document_content c JOIN documents d ON d.id = c.document_id JOIN projects p ON p.id = d.project_id
    WHERE c.plain_text LIKE :like ESCAPE '\\' AND (:projectId IS NULL OR d.project_id = :projectId) AND d.id NOT IN (SELECT id FROM hidden)
    ORDER BY d.updated_at DESC LIMIT :limit`);

  const blocks = createBlockIndex(db);
  const query = ({ query, projectId, limit }: Input): SearchResults => {
    blocks.catchUp(); // what was saved since the last search, before anything is searched
    const fts = toFtsQuery(query);
    const scope = { projectId: projectId ?? null, limit };
    if (fts.wordChars < 3 || fts.match === null) {
      // Too short for words to be useful (or no word at all): a plain substring scan.
      const like = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const needle = new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
      const hits = scanned.all({ like, ...scope }).flatMap(({ text, ...row }): SearchHit[] => {
        const found = snippetOf(text, needle, false);
        return found ? [{ ...row, ...found }] : [];
      });
      return { mode: 'scan', hits };
    }
    let ranks: Array<{ no: number; best: number }>;
    try {
      const pieces = Object.fromEntries(fts.matches.map((m, i) => [`m${i}`, m]));
      ranks = ranked(fts.matches.length, scope.projectId !== null).all({ ...pieces, ...(scope.projectId === null ? { limit } : scope) });
    } catch (error) {
      // toFtsQuery quotes everything, so this is not expected; if it happens it is still an answer, not a crash.
      if (error instanceof Error && /fts5|syntax/i.test(error.message)) {
        throw new StudioError('invalid_input', 'Margin could not search for that. Try fewer symbols, or put a phrase in quotes.');
      }
      throw error;
    }
    const pattern = textPattern(fts.pieces);
    const anyPiece = fts.matches.join(' OR ');
    const hits = ranks.flatMap(({ no, best }): SearchHit[] => {
      const hit = hitOf.get({ no, best });
      if (!hit) return [];
      const { block, start, gaps, ...row } = hit;
      if (block !== null && start !== null && gaps !== null) {
        // The snippet from the best block alone; the match placed in the document's text.
        const at = (offset: number) => documentOffset(block, start, gaps, offset);
        const found = pattern && snippetOf(block, pattern);
        if (found) return [{ ...row, snippet: found.snippet, match: { start: at(found.match.start), end: at(found.match.end) } }];
        // Our pattern and the tokenizer disagreed (a rare script, say): FTS5 cuts this one.
        const snippet = snippetParts(ftsSnippet.get({ match: anyPiece, first: best, last: best }) ?? '');
        const local = locateSnippet(snippet, block);
        return [{ ...row, snippet, match: local && { start: at(local.start), end: at(local.end) } }];
      }
      // A block without a place (not expected: migration 21 and every catch-up write them):
      // the snippet from the document's whole text, as before.
      const text = textOf.get(row.documentId) ?? '';
      const found = pattern && snippetOf(text, pattern);
      if (found) return [{ ...row, ...found }];
      const snippet = snippetParts(ftsSnippet.get({ match: anyPiece, first: no * SLOTS, last: no * SLOTS + SLOTS - 1 }) ?? '');
      return [{ ...row, snippet, match: locateSnippet(snippet, text) }];
    });
    return { mode: 'index', hits };
  };

  const background = startIdleCatchUp(db, blocks, idle);
  const handlers: { [M in keyof SearchOutputs]: (input: StudioParsedInput<M>) => SearchOutputs[M] } = { 'search.query': query };
  return { handlers, query, close: background.stop };
}

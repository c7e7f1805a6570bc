import type { Database, Statement } from 'better-sqlite3';
import { StudioError } from '../../../shared/api/result';
import type { SearchHit, SearchOutputs, SearchResults } from '../../../shared/api/search';
import type { StudioParsedInput } from '../../../shared/schemas/studio';
import { createBlockIndex, DOCUMENT_OF_BLOCK, SLOTS } from './blocks';
import { textPattern, toFtsQuery } from './fts-query';
import { locateSnippet, snippetOf, snippetParts } from './snippet';

type Input = StudioParsedInput<'search.query'>;

/**
 * Documents a search may not find: those in the trash and everything inside them. Walked
 * down from the trashed ones (usually none or few) rather than up from every document.
 */
const HIDDEN = `
  WITH RECURSIVE hidden(id) AS (
    SELECT id FROM documents WHERE trashed_at IS NOT NULL
    UNION
    SELECT d.id FROM documents d JOIN hidden h ON d.parent_id = h.id
  )`;
/** Hits must be in a project that is not in the trash (and in the one asked for, if any). */
const FINDABLE = `p.trashed_at IS NULL AND (:projectId IS NULL OR d.project_id = :projectId) AND d.id NOT IN (SELECT id FROM hidden)`;

const HIT_COLUMNS = 'c.document_id AS documentId, d.title AS documentTitle, d.project_id AS projectId, p.title AS projectTitle';
const HIT_JOINS = 'JOIN documents d ON d.id = c.document_id JOIN projects p ON p.id = d.project_id';

interface HitRow {
  documentId: string;
  documentTitle: string;
  projectId: string;
  projectTitle: string;
}

/**
 * Search across projects: the FTS5 index of blocks ranks (bm25) and the snippets are cut here
 * from the hits' text, since FTS5's snippet() tokenizes each whole document and cost 1 ms a hit on
 * 2,000-word chapters (bench:search). A query of one or two letters is a substring scan.
 */
export function createSearch(db: Database) {
  // The index holds blocks (blocks.ts): each piece of the query is matched on its own, block
  // hits are grouped by document (a document has every piece, in any of its blocks, as before)
  // and a document's score is the sum over pieces of its best block's bm25. Ranked first
  // (document numbers only), then the text of just the hits is read.
  const rankedBy = new Map<number, Statement<Record<string, string | number | null>, HitRow & { no: number; text: string }>>();
  const ranked = (pieces: number) => {
    let statement = rankedBy.get(pieces);
    if (!statement) {
      const each = Array.from({ length: pieces }, (_, i) => i);
      statement = db.prepare(`${HIDDEN},
        ${each.map((i) => `p${i}(no, score) AS (SELECT ${DOCUMENT_OF_BLOCK}, min(rank) FROM block_search WHERE block_search MATCH :m${i} GROUP BY 1)`).join(',\n')}
        SELECT ${HIT_COLUMNS}, top.no AS no, c.plain_text AS text
        FROM (SELECT p0.no AS no, ${each.map((i) => `p${i}.score`).join(' + ')} AS score
              FROM p0 ${each.slice(1).map((i) => `JOIN p${i} ON p${i}.no = p0.no`).join(' ')}
              JOIN search_documents sd ON sd.no = p0.no JOIN document_content c ON c.document_id = sd.document_id ${HIT_JOINS}
              WHERE ${FINDABLE}
              ORDER BY score LIMIT :limit) top
        JOIN search_documents sd ON sd.no = top.no JOIN document_content c ON c.document_id = sd.document_id ${HIT_JOINS}
        ORDER BY top.score`);
      rankedBy.set(pieces, statement);
    }
    return statement;
  };
  // FTS5 cuts the snippet from the document's best block for any of the pieces.
  const ftsSnippet = db
    .prepare<{ match: string; first: number; last: number }, string>(
      "SELECT snippet(block_search, 0, char(1), char(2), '…', 24) FROM block_search WHERE block_search MATCH :match AND rowid BETWEEN :first AND :last ORDER BY rank LIMIT 1",
    )
    .pluck();
  const scanned = db.prepare<{ like: string; projectId: string | null; limit: number }, HitRow & { text: string }>(`${HIDDEN}
    SELECT ${HIT_COLUMNS}, c.plain_text AS text
    FROM document_content c ${HIT_JOINS}
    WHERE c.plain_text LIKE :like ESCAPE '\\' AND ${FINDABLE}
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
    let rows: Array<HitRow & { no: number; text: string }>;
    try {
      rows = ranked(fts.matches.length).all({ ...Object.fromEntries(fts.matches.map((m, i) => [`m${i}`, m])), ...scope });
    } catch (error) {
      // toFtsQuery quotes everything, so this is not expected; if it happens it is still an answer, not a crash.
      if (error instanceof Error && /fts5|syntax/i.test(error.message)) {
        throw new StudioError('invalid_input', 'Margin could not search for that. Try fewer symbols, or put a phrase in quotes.');
      }
      throw error;
    }
    const pattern = textPattern(fts.pieces);
    const hits = rows.map(({ no, text, ...row }): SearchHit => {
      const found = pattern && snippetOf(text, pattern);
      if (found) return { ...row, ...found };
      // Our pattern and the tokenizer disagreed (a rare script, say): FTS5 cuts this one.
      const snippet = snippetParts(ftsSnippet.get({ match: fts.matches.join(' OR '), first: no * SLOTS, last: no * SLOTS + SLOTS - 1 }) ?? '');
      return { ...row, snippet, match: locateSnippet(snippet, text) };
    });
    return { mode: 'index', hits };
  };

  const handlers: { [M in keyof SearchOutputs]: (input: StudioParsedInput<M>) => SearchOutputs[M] } = { 'search.query': query };
  return { handlers, query };
}

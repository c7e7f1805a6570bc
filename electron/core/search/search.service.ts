import type { Database } from 'better-sqlite3';
import { StudioError } from '../../../shared/api/result';
import type { SearchHit, SearchOutputs, SearchResults } from '../../../shared/api/search';
import type { StudioParsedInput } from '../../../shared/schemas/studio';
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
 * Search across projects: the FTS5 index ranks (bm25) and the snippets are cut here from the
 * hits' text, since FTS5's snippet() tokenizes each whole document and cost 1 ms a hit on
 * 2,000-word chapters (bench:search). A query of one or two letters is a substring scan.
 */
export function createSearch(db: Database) {
  // Ranked first (rowids only), then the text of just those hits is read.
  const ranked = db.prepare<{ match: string; projectId: string | null; limit: number }, HitRow & { rowid: number; text: string }>(`${HIDDEN}
    SELECT ${HIT_COLUMNS}, c.rowid AS rowid, c.plain_text AS text
    FROM (SELECT s.rowid AS rowid, s.rank AS rank FROM document_search s
          JOIN document_content c ON c.rowid = s.rowid ${HIT_JOINS}
          WHERE document_search MATCH :match AND ${FINDABLE}
          ORDER BY s.rank LIMIT :limit) top
    JOIN document_content c ON c.rowid = top.rowid ${HIT_JOINS}
    ORDER BY top.rank`);
  const ftsSnippet = db
    .prepare<{ match: string; rowid: number }, string>(
      "SELECT snippet(document_search, 0, char(1), char(2), '…', 24) FROM document_search WHERE document_search MATCH :match AND rowid = :rowid",
    )
    .pluck();
  const scanned = db.prepare<{ like: string; projectId: string | null; limit: number }, HitRow & { text: string }>(`${HIDDEN}
    SELECT ${HIT_COLUMNS}, c.plain_text AS text
    FROM document_content c ${HIT_JOINS}
    WHERE c.plain_text LIKE :like ESCAPE '\\' AND ${FINDABLE}
    ORDER BY d.updated_at DESC LIMIT :limit`);

  const query = ({ query, projectId, limit }: Input): SearchResults => {
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
    let rows: Array<HitRow & { rowid: number; text: string }>;
    try {
      rows = ranked.all({ match: fts.match, ...scope });
    } catch (error) {
      // toFtsQuery quotes everything, so this is not expected; if it happens it is still an answer, not a crash.
      if (error instanceof Error && /fts5|syntax/i.test(error.message)) {
        throw new StudioError('invalid_input', 'Margin could not search for that. Try fewer symbols, or put a phrase in quotes.');
      }
      throw error;
    }
    const pattern = textPattern(fts.pieces);
    const hits = rows.map(({ rowid, text, ...row }): SearchHit => {
      const found = pattern && snippetOf(text, pattern);
      if (found) return { ...row, ...found };
      // Our pattern and the tokenizer disagreed (a rare script, say): FTS5 cuts this one.
      const snippet = snippetParts(ftsSnippet.get({ match: fts.match!, rowid }) ?? '');
      return { ...row, snippet, match: locateSnippet(snippet, text) };
    });
    return { mode: 'index', hits };
  };

  const handlers: { [M in keyof SearchOutputs]: (input: StudioParsedInput<M>) => SearchOutputs[M] } = { 'search.query': query };
  return { handlers, query };
}

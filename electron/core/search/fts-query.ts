/**
 * A writer's search box text as an FTS5 query that can never be a syntax error: every word
 * and every "quoted phrase" becomes a quoted FTS5 string (quotes doubled), a trailing * a
 * prefix query, and the pieces are ANDed. Operators typed by the writer (AND, NEAR, column
 * filters, parentheses) are searched for as words, not obeyed.
 */
export interface FtsQuery {
  /** The FTS5 MATCH expression, or null when nothing in the text is a word. */
  match: string | null;
  /** Each piece's own MATCH expression (the index holds blocks: a document must have every piece, not a block). */
  matches: string[];
  /** Letters and digits in the query: under three, the index is not used (a scan finds substrings). */
  wordChars: number;
  /** The same pieces as word lists, for finding and highlighting the matches in the text. */
  pieces: Array<{ words: string[]; prefix: boolean }>;
}

const WORD_CHAR = /[\p{L}\p{N}]/gu;
const WORDS = /[\p{L}\p{N}\p{M}]+/gu;
const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;

export function toFtsQuery(input: string): FtsQuery {
  const match: string[] = [];
  const pieces: FtsQuery['pieces'] = [];
  for (const [, phrase, word] of input.matchAll(/"([^"]*)"?|(\S+)/g)) {
    if (phrase !== undefined) {
      if (!phrase.match(WORD_CHAR)) continue;
      match.push(quote(phrase));
      pieces.push({ words: phrase.match(WORDS) ?? [], prefix: false });
      continue;
    }
    const prefix = word!.endsWith('*');
    const bare = word!.replace(/\*+$/, '').replaceAll('"', '');
    if (!bare.match(WORD_CHAR)) continue;
    match.push(prefix ? `${quote(bare)}*` : quote(bare));
    pieces.push({ words: bare.match(WORDS) ?? [], prefix });
  }
  return { match: match.length > 0 ? match.join(' ') : null, matches: match, wordChars: input.match(WORD_CHAR)?.length ?? 0, pieces };
}

// Latin letters with diacritics, grouped by their base letter: "e" matches é, è, ê, ë… as the
// index's remove_diacritics 2 does.
const FOLDS = new Map<string, string>();
for (let code = 0xc0; code <= 0x24f; code++) {
  const char = String.fromCodePoint(code);
  const base = char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  if (base.length === 1 && base !== char.toLowerCase()) FOLDS.set(base, (FOLDS.get(base) ?? '') + char);
}
const escapeClass = (c: string) => c.replace(/[\\\]^-]/g, '\\$&');

function letterPattern(char: string): string {
  const base = char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase() || char;
  if (!/\p{L}/u.test(base)) return `${char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\p{M}*`;
  return `[${escapeClass(base)}${FOLDS.get(base) ?? ''}]\\p{M}*`;
}

/**
 * The pieces as one case- and diacritic-insensitive pattern over the plain text: whole words
 * (or word starts, for prefixes), a phrase's words with anything but letters between them.
 */
export function textPattern(pieces: FtsQuery['pieces']): RegExp | null {
  const alternatives = pieces
    .filter((p) => p.words.length > 0)
    .map(({ words, prefix }) => {
      const body = words.map((w) => [...w].map(letterPattern).join('')).join('[^\\p{L}\\p{N}]+');
      // No lookbehind for the word start: it would run at every position (30 ms a query on
      // long chapters); snippetOf checks the character before each match instead.
      return `${body}${prefix ? '' : '(?![\\p{L}\\p{N}\\p{M}])'}`;
    });
  return alternatives.length > 0 ? new RegExp(alternatives.join('|'), 'giu') : null;
}

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

// Letters with diacritics (Latin, Latin Extended Additional for Vietnamese, Greek), grouped by
// their base letter: "e" matches é, è, ê, ë… as the index's remove_diacritics 2 does.
const FOLDS = new Map<string, string>();
const foldRanges: Array<[number, number]> = [[0xc0, 0x24f], [0x370, 0x3ff], [0x1e00, 0x1eff], [0x1f00, 0x1fff]];
for (const [from, to] of foldRanges) {
  for (let code = from; code <= to; code++) {
    const char = String.fromCodePoint(code);
    const base = char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    if (base.length === 1 && base !== char.toLowerCase()) FOLDS.set(base, (FOLDS.get(base) ?? '') + char);
  }
}
const escapeClass = (c: string) => c.replace(/[\\\]^-]/g, '\\$&');
const escapeLiteral = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Combining diacritics a decomposed text may carry after a letter (the blocks of them, not \p{M}: see textPattern). */
const MARKS = '[\\u0300-\\u036f\\u1ab0-\\u1aff\\u1dc0-\\u1dff\\u20d0-\\u20ff\\ufe20-\\ufe2f]*';
/** What may stand between a phrase's words: spaces and punctuation (ASCII, Latin-1, general and CJK punctuation). */
const BETWEEN = '[\\s!-\\/:-@\\[-`{-~\\u00a0-\\u00bf\\u00d7\\u00f7\\u2000-\\u206f\\u2e00-\\u2e7f\\u3000-\\u303f]+';

/** Letters already spelled out (normalize() and the set below cost more than the rest of building a pattern). */
const letterPatterns = new Map<string, string>();

/** One letter of the query as a class of every way the text may write it (case, diacritics), without the `i` flag. */
function letterPattern(char: string): string {
  let pattern = letterPatterns.get(char);
  if (pattern === undefined) {
    pattern = spellOut(char);
    if (letterPatterns.size < 4096) letterPatterns.set(char, pattern);
  }
  return pattern;
}

function spellOut(char: string): string {
  const base = char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase() || char;
  if (!/\p{L}/u.test(base)) return `${escapeLiteral(char)}${MARKS}`;
  const forms = new Set([base, base.toUpperCase(), char, char.toLowerCase(), char.toUpperCase(), ...(FOLDS.get(base) ?? '')]);
  if (base === 'σ') forms.add('ς');
  const single = [...forms].filter((form) => [...form].length === 1);
  return `[${single.map(escapeClass).join('')}]${MARKS}`;
}

/**
 * The pieces as one case- and diacritic-insensitive pattern over the plain text: whole words
 * (or word starts, for prefixes), a phrase's words with spaces or punctuation between them.
 * Whole-word pieces are in capture group 1, longest first: snippetOf checks that the
 * character after such a match ends the word, and the one before every match starts it.
 *
 * Built to compile fast: V8 compiles a pattern the first time it runs, and the writer's every
 * query is a new one. `\p{L}` lookarounds, `\p{M}*` after each letter and the `i` flag made
 * that 0.42 ms a query (median; 1.4 ms p95), more than cutting twenty snippets; letter classes
 * spelled out, the diacritic blocks and a check in code instead cost 0.02 ms. Where this and
 * the tokenizer disagree (a script not spelled out here), FTS5 cuts the snippet instead.
 */
export function textPattern(pieces: FtsQuery['pieces']): RegExp | null {
  const body = ({ words }: FtsQuery['pieces'][number]) => words.map((w) => [...w].map(letterPattern).join('')).join(BETWEEN);
  const withWords = pieces.filter((p) => p.words.length > 0);
  const starts = withWords.filter((p) => p.prefix).map(body);
  const whole = withWords
    .filter((p) => !p.prefix)
    .sort((a, b) => b.words.join(' ').length - a.words.join(' ').length)
    .map(body);
  const alternatives = [...starts, ...(whole.length > 0 ? [`(${whole.join('|')})`] : [])];
  return alternatives.length > 0 ? new RegExp(alternatives.join('|'), 'gu') : null;
}

import search from 'approx-string-match';

/** How much context an anchor keeps on each side of its quote. */
export const CONTEXT_CHARS = 32;
export const MAX_QUOTE_CHARS = 2000;

/**
 * Where an inline comment points, made on the shared version's plain text: the quoted
 * passage, a little context either side, and its offset (DESIGN.md: Offline first).
 */
export interface TextAnchor {
  quote: string;
  prefix: string;
  suffix: string;
  start: number;
}

export type AnchorHow = 'exact' | 'approximate';
export interface AnchorMatch {
  start: number;
  end: number;
  how: AnchorHow;
}

export function anchorAt(text: string, start: number, end: number): TextAnchor {
  return {
    quote: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_CHARS), start),
    suffix: text.slice(end, end + CONTEXT_CHARS),
    start,
  };
}

/** Characters shared by the end of `a` and the end of `b` (how well the text before agrees with a prefix). */
function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}
function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** How well a candidate's surroundings agree with the anchor's context, 0..1. */
function contextScore(text: string, start: number, end: number, anchor: TextAnchor): number {
  const before = text.slice(Math.max(0, start - anchor.prefix.length), start);
  const after = text.slice(end, end + anchor.suffix.length);
  const total = anchor.prefix.length + anchor.suffix.length;
  if (total === 0) return 1;
  return (commonSuffixLength(before, anchor.prefix) + commonPrefixLength(after, anchor.suffix)) / total;
}

/** Nearer the old offset is a little better; only breaks ties between equally good candidates. */
function proximityScore(start: number, expected: number, textLength: number): number {
  return 1 - Math.min(1, Math.abs(start - expected) / Math.max(1, textLength));
}

const MAX_EXACT_CANDIDATES = 1000;

/**
 * Finds an anchor again in a text that may have been edited since: exact at its old offset,
 * then exact elsewhere (the best context wins), then approximately (Myers' bit-parallel
 * matcher from approx-string-match, up to a quarter of the quote in errors). Null: the
 * passage is gone, and the comment is shown detached, never dropped.
 */
export function findAnchor(text: string, anchor: TextAnchor): AnchorMatch | null {
  const { quote } = anchor;
  if (quote.length === 0) return null;
  if (text.startsWith(quote, anchor.start) && contextScore(text, anchor.start, anchor.start + quote.length, anchor) === 1) {
    return { start: anchor.start, end: anchor.start + quote.length, how: 'exact' };
  }

  let best: { start: number; score: number } | null = null;
  for (let at = text.indexOf(quote), n = 0; at !== -1 && n < MAX_EXACT_CANDIDATES; at = text.indexOf(quote, at + 1), n++) {
    const score = contextScore(text, at, at + quote.length, anchor) * 10 + proximityScore(at, anchor.start, text.length);
    if (!best || score > best.score) best = { start: at, score };
  }
  if (best) return { start: best.start, end: best.start + quote.length, how: 'exact' };

  // Very short quotes match approximately almost anywhere: only trust exact ones.
  if (quote.length < 8) return null;
  const maxErrors = Math.min(Math.floor(quote.length / 4), 250);
  // Near the old place first (edits rarely move a passage far), then the whole text: the
  // matcher's cost grows with the text it scans, and a novel is long.
  const reach = APPROX_WINDOW + quote.length * 4;
  const from = Math.max(0, anchor.start - reach);
  const near = approximate(text.slice(from, anchor.start + quote.length + reach), anchor, maxErrors, from, text);
  const approx = near ?? (from > 0 || anchor.start + quote.length + reach < text.length ? approximate(text, anchor, maxErrors, 0, text) : null);
  return approx ? { start: approx.start, end: approx.end, how: 'approximate' } : null;
}

/** How far either side of its old offset a passage is first looked for approximately. */
const APPROX_WINDOW = 8000;

function approximate(slice: string, anchor: TextAnchor, maxErrors: number, offset: number, text: string) {
  let best: { start: number; end: number; score: number } | null = null;
  for (const match of search(slice, anchor.quote, maxErrors)) {
    const start = match.start + offset;
    const end = match.end + offset;
    const quality = 1 - match.errors / anchor.quote.length;
    const score = quality * 20 + contextScore(text, start, end, anchor) * 5 + proximityScore(start, anchor.start, text.length);
    if (!best || score > best.score) best = { start, end, score };
  }
  return best;
}

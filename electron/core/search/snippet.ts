import type { SnippetPart } from '../../../shared/api/search';

/** Marks FTS5's snippet() puts around a match: control characters a document's plain text never holds. */
export const OPEN = '\u0001';
export const CLOSE = '\u0002';
export const ELLIPSIS = '…';

/** Splits a marked snippet into plain and matched parts (text only: the renderer never sees markup). */
export function snippetParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  // eslint-disable-next-line no-control-regex -- the marks are control characters on purpose
  for (const [, match, plain] of marked.matchAll(/\u0001([^\u0002]*)\u0002|([^\u0001]+)/g)) {
    if (match !== undefined) parts.push({ text: match, match: true });
    else parts.push({ text: plain!.replaceAll(CLOSE, ''), match: false });
  }
  return parts;
}

/**
 * Where the first match of a snippet lies in the text it was cut from. FTS5 cuts snippets
 * from the text itself (adding an ellipsis where it cut), so the snippet's text is found in it.
 */
export function locateSnippet(parts: SnippetPart[], text: string): { start: number; end: number } | null {
  const first = parts.findIndex((p) => p.match);
  if (first < 0) return null;
  let joined = parts.map((p) => p.text).join('');
  let lead = parts.slice(0, first).reduce((n, p) => n + p.text.length, 0);
  if (joined.startsWith(ELLIPSIS) && !text.startsWith(ELLIPSIS)) {
    joined = joined.slice(ELLIPSIS.length);
    lead -= ELLIPSIS.length;
  }
  if (joined.endsWith(ELLIPSIS) && !text.endsWith(ELLIPSIS)) joined = joined.slice(0, -ELLIPSIS.length);
  const at = text.indexOf(joined);
  if (at < 0) return null;
  const start = at + lead;
  return { start, end: start + parts[first]!.text.length };
}

const CONTEXT = 70;
const WORD_BEFORE = /[\p{L}\p{N}\p{M}]$/u;
const WORD_AFTER = /^[\p{L}\p{N}\p{M}]/u;

/**
 * Matches of `pattern` (global) in `text`: only those that start a word, if asked, and for a
 * match of the pattern's group 1 (textPattern's whole words) only those that end one.
 */
function* wordMatches(text: string, pattern: RegExp, from: number, wordStart: boolean): Generator<{ index: number; text: string }> {
  pattern.lastIndex = from;
  for (let found = pattern.exec(text); found; found = pattern.exec(text)) {
    if (found[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    const end = found.index + found[0].length;
    const startsWord = !wordStart || !WORD_BEFORE.test(text.slice(Math.max(0, found.index - 2), found.index));
    const endsWord = found[1] === undefined || !WORD_AFTER.test(text.slice(end, end + 2));
    if (startsWord && endsWord) yield { index: found.index, text: found[0] };
    else pattern.lastIndex = found.index + 1;
  }
}

/**
 * A snippet cut around the first match of `pattern` (global) that starts a word in `text`,
 * every such match inside it highlighted, with where the first one is. Null when none.
 */
export function snippetOf(text: string, pattern: RegExp, wordStart = true): { snippet: SnippetPart[]; match: { start: number; end: number } } | null {
  const first = wordMatches(text, pattern, 0, wordStart).next().value;
  if (!first) return null;
  const start = first.index;
  const end = start + first.text.length;
  // Widen to whole words, and stay inside the paragraph where the match is.
  const paragraphStart = text.lastIndexOf('\n', start) + 1;
  const paragraphEnd = text.indexOf('\n', end);
  const limitEnd = paragraphEnd < 0 ? text.length : paragraphEnd;
  let from = Math.max(paragraphStart, start - CONTEXT);
  if (from > paragraphStart) from = text.indexOf(' ', from) + 1 || from;
  let to = Math.min(limitEnd, end + CONTEXT);
  if (to < limitEnd) to = text.lastIndexOf(' ', to) > end ? text.lastIndexOf(' ', to) : to;
  const parts: SnippetPart[] = [];
  // An ellipsis only where the cut is inside a paragraph.
  if (from > paragraphStart) parts.push({ text: ELLIPSIS, match: false });
  let at = from;
  for (const found of wordMatches(text, pattern, from, wordStart)) {
    if (found.index + found.text.length > to) break;
    if (found.index > at) parts.push({ text: text.slice(at, found.index), match: false });
    parts.push({ text: found.text, match: true });
    at = found.index + found.text.length;
  }
  if (at < to) parts.push({ text: text.slice(at, to), match: false });
  if (to < limitEnd) parts.push({ text: ELLIPSIS, match: false });
  return { snippet: mergePlain(parts), match: { start, end } };
}

const mergePlain = (parts: SnippetPart[]) =>
  parts.reduce<SnippetPart[]>((out, part) => {
    const last = out.at(-1);
    if (last && !last.match && !part.match) last.text += part.text;
    else out.push({ ...part });
    return out;
  }, []);

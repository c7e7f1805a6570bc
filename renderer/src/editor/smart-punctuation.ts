/** Typographer's punctuation for what is typed: curly quotes by context, dashes and an ellipsis. */

/** Characters after which a quote opens rather than closes. */
const OPENS_AFTER = /[\s([{“‘—–\-/]/;

export function quoteFor(typed: '"' | "'", before: string | undefined): string {
  const opening = before === undefined || before === '' || OPENS_AFTER.test(before);
  if (typed === '"') return opening ? '“' : '”';
  return opening ? '‘' : '’';
}

/**
 * What typing `key` after `before` becomes: `replace` characters before the caret are
 * swapped for `insert`; null when the key is typed as it is.
 */
export function smartReplacement(key: string, before: string): { replace: number; insert: string } | null {
  if (key === '"' || key === "'") return { replace: 0, insert: quoteFor(key, before.at(-1)) };
  if (key === '-' && before.endsWith('-')) return { replace: 1, insert: '—' };
  if (key === '.' && before.endsWith('..')) return { replace: 2, insert: '…' };
  return null;
}

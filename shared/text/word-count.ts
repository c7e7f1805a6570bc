/**
 * The one word counter of Margin, used by the editor, the core and the server.
 *
 * Conventions (the ones writers' tools such as Word and Scrivener follow):
 * - contractions and hyphenated compounds are one word: "don't", "well-known";
 * - an em or en dash separates words: "yes—no" is two;
 * - numbers with separators are one word: "3.14", "1,000", "12:30";
 * - each Han, Hiragana or Katakana character is a word (CJK text has no spaces);
 *   Hangul is written with spaces and is counted by them;
 * - an emoji standing on its own counts as a word; one inside a word adds nothing.
 */

// Word characters excluding the scripts counted per character. The `v` flag allows
// set subtraction (`--`), so the two alternatives never overlap.
const WORD_CHAR = String.raw`[[\p{L}\p{N}\p{M}_]--[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]]`;
const CJK_CHAR = String.raw`[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]`;
// Joiners that keep a word whole when they sit between two word characters.
const JOINER = String.raw`['’\-‐‑.,:]`;
const STANDALONE_EMOJI = String.raw`(?<![\p{L}\p{N}\p{M}])\p{RGI_Emoji}(?![\p{L}\p{N}\p{M}])`;

const WORD = new RegExp(
  `${CJK_CHAR}|${WORD_CHAR}+(?:${JOINER}${WORD_CHAR}+)*|${STANDALONE_EMOJI}`,
  'gv',
);

export function countWords(text: string): number {
  if (text.length === 0) return 0;
  let count = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text) !== null) count++;
  return count;
}

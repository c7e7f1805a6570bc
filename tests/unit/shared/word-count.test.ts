import { describe, expect, it } from 'vitest';
import { countWords } from '../../../shared/text/word-count';

describe('countWords', () => {
  const cases: Array<[string, number]> = [
    ['', 0],
    ['   \n\t ', 0],
    ['Hello world', 2],
    ['  leading and trailing  ', 3],
    ["Don't stop, she said; it's fine.", 6],
    ['It’s a curly apostrophe', 4],
    ['A well-known, self-aware writer', 4],
    ['yes—no', 2],
    ['before – after', 2],
    ['wait...what', 2],
    ['Pi is 3.14 and a million is 1,000,000', 8],
    ['We met at 12:30', 4],
    ['我喜欢写作', 5],
    ['日本語のテキスト', 8],
    ['한국어 문장 입니다', 3],
    ['I ❤️ you', 3],
    ['hello👋 there', 2],
    ['👨‍👩‍👧 family', 2],
    ['Café naïve résumé', 3],
    ['Привет, мир', 2],
    ['line one\nline two', 4],
    ['snake_case_word', 1],
    ['"Quoted," he said.', 3],
  ];
  it.each(cases)('%j has %i words', (text, expected) => {
    expect(countWords(text)).toBe(expected);
  });

  it('counts a novel-length text in linear time', () => {
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(11_112);
    expect(countWords(text)).toBe(100_008);
  });
});

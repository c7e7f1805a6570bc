import { describe, expect, it } from 'vitest';
import { htmlBlocks } from '../../../../electron/core/import/html-blocks';
import { markdownBlocks } from '../../../../electron/core/import/markdown-blocks';
import { splitChapters, toLexicalJson } from '../../../../electron/core/import/chapters';
import { parseLexicalState, plainTextOf } from '../../../../shared/schemas/lexical';

const text = (json: string) => plainTextOf(parseLexicalState(json));

describe('import: HTML and Markdown to blocks', () => {
  it('keeps structure and emphasis from HTML, drops images, links’ targets and handlers', () => {
    const blocks = htmlBlocks(
      '<h1>One</h1><p>She was <em>very</em> <strong>tired</strong> &amp; cold.</p><p>#</p><p><a href="javascript:alert(1)">click</a> <img src=x onerror="alert(1)"> done</p><ul><li>a<ul><li>b</li></ul></li></ul><blockquote><p>Quoted</p></blockquote><table><tr><td>x</td><td>y</td></tr></table>',
    );
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'scene-break', 'paragraph', 'item', 'item', 'quote', 'paragraph']);
    const json = toLexicalJson(blocks);
    expect(json).not.toMatch(/javascript|onerror|img|script/);
    // A nested list sits in a list item of its own, as Lexical keeps it (that item's block is empty).
    expect(text(json)).toBe('One\n\nShe was very tired & cold.\n\n* * *\n\nclick  done\n\na\n\n\n\nb\n\nQuoted\n\nx | y');
  });

  it('refuses a script in HTML or Markdown with a typed error', () => {
    for (const hostile of ['<p>Hi</p><script>alert(1)</script>', '<div><p>x<script src="//evil"></script></p></div>']) {
      expect(() => htmlBlocks(hostile)).toThrow(expect.objectContaining({ code: 'invalid_content' }));
    }
    expect(() => markdownBlocks('Text\n\n<SCRIPT>alert(1)</SCRIPT>')).toThrow(expect.objectContaining({ code: 'invalid_content' }));
  });

  it('splits chapters at the top heading level, scenes at every kind of scene break, and keeps the book title out', () => {
    const blocks = markdownBlocks('# Book\n\nby Ada Quill\n\n## One\n\nA.\n\n***\n\nB.\n\n* * *\n\nC.\n\n#\n\nD.\n\n### Inside\n\nE.\n\n## Two\n\nF.');
    const chapters = splitChapters(blocks, 'file');
    expect(chapters.map((c) => [c.title, c.scenes.length, c.blocks.length])).toEqual([
      ['One', 4, 0],
      ['Two', 0, 1],
    ]);
    expect(chapters[0]!.scenes.map((s) => text(toLexicalJson(s)))).toEqual(['A.', 'B.', 'C.', 'D.\n\nInside\n\nE.']);
  });
});

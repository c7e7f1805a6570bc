import { describe, expect, it } from 'vitest';
import { markdown, type MdNode } from '../../../renderer/src/panels/discussions/markdown';

const tags = (nodes: MdNode[]): string[] => nodes.flatMap((n) => (typeof n === 'string' ? [] : [n.tag, ...tags(n.children)]));
const plain = (nodes: MdNode[]): string => nodes.map((n) => (typeof n === 'string' ? n : plain(n.children))).join('');

describe('light Markdown in posts', () => {
  it('renders emphasis, code, lists, quotes and http(s) links as known elements', () => {
    const tree = markdown('Hi **there** and *you*, `code`\n\n- one\n- two\n\n> quoted\n\n[site](https://example.org/a?b=1)');
    expect(tags(tree)).toEqual(['p', 'strong', 'em', 'code', 'ul', 'li', 'li', 'blockquote', 'p', 'p', 'a']);
    expect(JSON.stringify(tree)).toContain('"href":"https://example.org/a?b=1"');
  });

  it('never lets HTML or a script link through: they stay the text the writer typed', () => {
    for (const hostile of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'a <b onclick="x()">b</b>', '[click](javascript:alert(1))', '[x](data:text/html,<script>alert(1)</script>)', '![img](https://e.org/x.png)', '<a href="https://e.org">a</a>']) {
      const tree = markdown(hostile);
      expect(tags(tree).filter((t) => !['p', 'a'].includes(t)), hostile).toEqual([]);
      expect(tags(tree), hostile).not.toContain('a');
      expect(plain(tree).length, hostile).toBeGreaterThan(0);
    }
    expect(plain(markdown('<script>alert(1)</script>'))).toBe('<script>alert(1)</script>');
    expect(plain(markdown('[click](javascript:alert(1))'))).toContain('javascript:alert(1)');
  });

  it('picks out @mentions as text, not links', () => {
    const tree = markdown('Thanks @bo_writer, and mail me at a@b.org');
    expect(tags(tree)).toEqual(['p', 'mention']);
    expect(plain(tree)).toBe('Thanks @bo_writer, and mail me at a@b.org');
  });
});

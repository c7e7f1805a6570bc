import { describe, expect, it } from 'vitest';
import { parseSafeStyle } from '../../../shared/schemas/css-style';
import { MAX_NODES, mapPlainText, parseLexicalState, withoutMarks } from '../../../shared/schemas/lexical';
import { docJson, heading, manuscriptParagraphs, paragraph, textNode } from '../../fixtures/lexical';
import { HOSTILE_PAYLOADS } from '../../fixtures/hostile';

describe('untrusted Lexical content', () => {
  it.each(HOSTILE_PAYLOADS.filter((p) => p.refused))('refuses $name', ({ json }) => {
    expect(() => parseLexicalState(json)).toThrow(expect.objectContaining({ code: expect.stringMatching(/invalid_content|too_large/) }));
  });

  it.each(HOSTILE_PAYLOADS.filter((p) => !p.refused))('accepts $name, as text', ({ json }) => {
    expect(() => parseLexicalState(json)).not.toThrow();
  });

  it('accepts http, https and mailto links', () => {
    for (const url of ['https://example.com/a', 'http://example.com', 'mailto:ed@example.com']) {
      const doc = { root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'link', url, children: [{ type: 'text', text: 'x' }] }] }] } };
      expect(() => parseLexicalState(JSON.stringify(doc))).not.toThrow();
    }
  });

  it('maps text nodes and comment marks onto the plain text, and strips marks for sharing', () => {
    const doc = {
      root: {
        type: 'root',
        children: [
          { type: 'paragraph', children: [{ type: 'text', text: 'Hello ' }, { type: 'mark', ids: ['c1'], children: [{ type: 'text', text: 'brave' }] }, { type: 'text', text: ' world' }] },
          { type: 'list', children: [{ type: 'listitem', children: [{ type: 'text', text: 'one' }] }] },
        ],
      },
    };
    const mapped = mapPlainText(doc as never);
    expect(mapped.text).toBe('Hello brave world\n\none');
    expect(mapped.marks.get('c1')).toEqual({ start: 6, end: 11 });
    expect(mapped.segments.map((s) => mapped.text.slice(s.start, s.end))).toEqual(['Hello ', 'brave', ' world', 'one']);
    expect(mapPlainText(withoutMarks(doc as never)).marks.size).toBe(0);
    expect(mapPlainText(withoutMarks(doc as never)).text).toBe(mapped.text);
  });

  it("accepts what Margin's editor writes: headings, quotes, nested lists, marks inside and around links, scene breaks", () => {
    const linkNode = { type: 'link', version: 1, url: 'https://example.com', rel: null, target: null, title: null, children: [textNode('a '), { type: 'mark', ids: ['c1'], children: [textNode('link')] }] };
    const json = docJson([
      heading('Chapter one', 'h1'),
      { ...paragraph(''), type: 'quote', children: [textNode('A quote', 2), { type: 'linebreak', version: 1 }, { type: 'tab', version: 1 }] },
      {
        type: 'list', listType: 'bullet', tag: 'ul', start: 1, version: 1, direction: 'ltr', format: '', indent: 0,
        children: [
          { type: 'listitem', value: 1, version: 1, direction: 'ltr', format: '', indent: 0, children: [textNode('one')] },
          { type: 'listitem', value: 2, version: 1, children: [{ type: 'list', listType: 'number', tag: 'ol', start: 1, children: [{ type: 'listitem', value: 1, children: [textNode('nested')] }] }] },
        ],
      },
      { type: 'scene-break', version: 1 },
      { ...paragraph('x'), format: 'center', indent: 2, children: [textNode('Hello '), linkNode, { type: 'mark', ids: ['c2'], children: [textNode('around '), { ...linkNode, children: [textNode('it')] }] }] },
      ...manuscriptParagraphs(5_000),
    ]);
    expect(() => parseLexicalState(json)).not.toThrow();
  });

  it(`refuses more than ${MAX_NODES} nodes and accepts a long novel below it`, () => {
    expect(() => parseLexicalState(docJson(manuscriptParagraphs(200_000)))).not.toThrow();
    const justUnder = docJson(Array.from({ length: (MAX_NODES - 2) / 2 }, () => 'x'));
    expect(() => parseLexicalState(justUnder)).not.toThrow();
    const justOver = docJson(Array.from({ length: MAX_NODES / 2 }, () => 'x'));
    expect(() => parseLexicalState(justOver)).toThrow(expect.objectContaining({ code: 'invalid_content', message: expect.stringContaining('nodes') }));
    expect(() => parseLexicalState(justOver, { maxNodes: MAX_NODES * 2 })).not.toThrow();
  });

  it('says which node may not sit where', () => {
    const rootInParagraph = HOSTILE_PAYLOADS.find((p) => p.name === 'a root nested inside a paragraph')!.json;
    expect(() => parseLexicalState(rootInParagraph)).toThrow('A root node cannot sit inside a paragraph.');
  });

  it('reads a style as a browser would: escapes resolved, every declaration judged', () => {
    expect(parseSafeStyle('font-size: 15px; color: #333;')).toEqual([['font-size', '15px'], ['color', '#333']]);
    expect(parseSafeStyle('\\63 olor: red')).toEqual([['color', 'red']]);
    expect(parseSafeStyle('font-family: Georgia, "Times New Roman", serif')).not.toBeNull();
    for (const bad of ['background:\\75 rl(x)', 'background:u\\rl(x)', 'color:red;x:y', 'color: url(x)', 'color:rgb(1,2,3) url(x)', 'font-size: calc(1px + 1em)', 'font-family: a', 'color:red}body{background:url(x)', 'color: red /* */', 'background-image: \\69mage-set("x" 1x)']) {
      expect(parseSafeStyle(bad), bad).toBeNull();
    }
  });
});

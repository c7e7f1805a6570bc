import { describe, expect, it } from 'vitest';
import { mapPlainText, parseLexicalState, withoutMarks } from '../../../shared/schemas/lexical';
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
});

import { describe, expect, it } from 'vitest';
import { deepLinkInArgv, parseJoinLink } from '../../../electron/main/deep-link';
import { linkRouter, onSecondInstance, type FocusableWindow } from '../../../electron/main/single-instance';

describe('margin:// deep links', () => {
  it('parses margin://join/<server>/<code>', () => {
    expect(parseJoinLink('margin://join/community.example.org/ABCDEFGH12')).toEqual({ ok: true, data: { server: 'https://community.example.org', code: 'ABCDEFGH12' } });
    expect(parseJoinLink('margin://join/community.example.org:8443/abc_DEF-123')).toEqual({ ok: true, data: { server: 'https://community.example.org:8443', code: 'abc_DEF-123' } });
    expect(parseJoinLink(`margin://join/${encodeURIComponent('http://127.0.0.1:4100')}/ABCDEFGH12/`)).toEqual({ ok: true, data: { server: 'http://127.0.0.1:4100', code: 'ABCDEFGH12' } });
    expect(parseJoinLink('MARGIN://JOIN/Community.Example.org/ABCDEFGH12')).toMatchObject({ ok: true, data: { server: 'https://community.example.org' } });
  });

  it('refuses anything else with a typed error', () => {
    const bad = [
      'margin://join/community.example.org', // no code
      'margin://join/community.example.org/short',
      'margin://join/community.example.org/ABCDEFGH12/extra',
      'margin://join/community.example.org/ABCD%20EFGH12',
      'margin://join/community.example.org/ABCDEFGH12?next=https://evil.example',
      'margin://join/community.example.org/ABCDEFGH12#x',
      'margin://open/community.example.org/ABCDEFGH12',
      'margin://join/user:pw@community.example.org/ABCDEFGH12',
      `margin://join/${encodeURIComponent('javascript:alert(1)')}/ABCDEFGH12`,
      `margin://join/${encodeURIComponent('file:///etc/passwd')}/ABCDEFGH12`,
      `margin://join/${encodeURIComponent('https://community.example.org/admin')}/ABCDEFGH12`,
      `margin://join/${encodeURIComponent('https://u:p@community.example.org')}/ABCDEFGH12`,
      'margin://join/%E0%A4%A/ABCDEFGH12',
      'margin://join/exa mple.org/ABCDEFGH12',
      'https://community.example.org/join/ABCDEFGH12',
      'not a link',
      `margin://join/${'a'.repeat(1000)}.org/ABCDEFGH12`,
    ];
    for (const link of bad) {
      const result = parseJoinLink(link);
      expect(result.ok, link).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid_input');
        expect(result.error.message).toMatch(/^That Margin link cannot be opened/);
      }
    }
  });

  it('finds the link in a launch’s command line', () => {
    expect(deepLinkInArgv(['/opt/Margin/margin', '--no-sandbox', 'margin://join/a.org/ABCDEFGH12'])).toBe('margin://join/a.org/ABCDEFGH12');
    expect(deepLinkInArgv(['/opt/Margin/margin', '.'])).toBeUndefined();
  });
});

describe('one Margin at a time', () => {
  const fakeWin = (minimized: boolean) => {
    const calls: string[] = [];
    const win: FocusableWindow = {
      isMinimized: () => minimized,
      restore: () => void calls.push('restore'),
      show: () => void calls.push('show'),
      focus: () => void calls.push('focus'),
    };
    return { win, calls };
  };

  it('a second launch focuses the first window and hands over its deep link', () => {
    const { win, calls } = fakeWin(true);
    const opened: string[] = [];
    onSecondInstance(['/opt/Margin/margin', 'margin://join/a.org/ABCDEFGH12'], win, (l) => opened.push(l));
    expect(calls).toEqual(['restore', 'show', 'focus']);
    expect(opened).toEqual(['margin://join/a.org/ABCDEFGH12']);
    const plain = fakeWin(false);
    onSecondInstance(['/opt/Margin/margin'], plain.win, (l) => opened.push(l));
    expect(plain.calls).toEqual(['show', 'focus']);
    expect(opened).toHaveLength(1);
  });

  it('holds links until the studio is ready, then delivers valid ones and refuses the rest', () => {
    const delivered: unknown[] = [];
    const refused: string[] = [];
    const router = linkRouter((l) => delivered.push(l), (m) => refused.push(m));
    router.open('margin://join/a.org/ABCDEFGH12');
    router.open('margin://join/a.org/bad');
    expect(delivered).toEqual([]);
    router.ready();
    expect(delivered).toEqual([{ server: 'https://a.org', code: 'ABCDEFGH12' }]);
    expect(refused).toEqual([expect.stringMatching(/invite code/)]);
    router.open('margin://join/b.org/ZZZZZZZZ99');
    expect(delivered).toHaveLength(2);
  });
});

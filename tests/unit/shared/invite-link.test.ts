import { describe, expect, it } from 'vitest';
import { inviteLinks, readInvite } from '../../../shared/protocol/invite-link';

describe('invite links carry their server', () => {
  it('writes both forms and reads every form back to the same server and code', () => {
    for (const server of ['https://community.example.org', 'https://community.example.org:8443', 'http://192.168.1.20:4100', 'http://127.0.0.1:51234']) {
      const { link, web } = inviteLinks(server, 'ABCDEFGH12_-xyz');
      for (const form of [link, web, ` ${web} `]) expect(readInvite(form)).toEqual({ ok: true, data: { server, code: 'ABCDEFGH12_-xyz' } });
    }
    expect(inviteLinks('https://community.example.org/', 'ABCDEFGH12').link).toBe('margin://join/community.example.org/ABCDEFGH12');
  });
  it('reads a bare code and an old margin://join/<code> as an invite for the server in use', () => {
    expect(readInvite('ABCDEFGH12')).toEqual({ ok: true, data: { server: null, code: 'ABCDEFGH12' } });
    expect(readInvite('margin://join/ABCDEFGH12')).toEqual({ ok: true, data: { server: null, code: 'ABCDEFGH12' } });
  });
  it('refuses anything else, saying why', () => {
    for (const bad of [
      'hello',
      'ABC',
      'https://community.example.org/join/ABCDEFGH12?next=https://evil.example',
      'https://community.example.org/admin/ABCDEFGH12',
      'https://community.example.org/join/<b>x</b>',
      'javascript:alert(1)//join/ABCDEFGH12',
      'ftp://example.org/join/ABCDEFGH12',
      `margin://join/${encodeURIComponent('file:///etc/passwd')}/ABCDEFGH12`,
      'margin://open/example.org/ABCDEFGH12',
      'x'.repeat(2000),
    ]) {
      const reading = readInvite(bad);
      expect(reading.ok, bad.slice(0, 60)).toBe(false);
      if (!reading.ok) expect(reading.why.length).toBeGreaterThan(5);
    }
  });
});

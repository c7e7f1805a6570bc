import { describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/api/result';
import { z } from 'zod';
import { communityEventNames, communityInputs, PUBLIC_EVENT_NAMES } from '../../../shared/protocol/community-schemas';
import { call, connect, must, newWriter, startCommunity } from '../../helpers/community';

function deep(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { nested: value };
  return value;
}

/** Payloads no valid client sends. */
function malformed(): unknown[] {
  const huge = 'x'.repeat(100_000); // six fields stay under the frame limit (oversized frames have their own test)
  return [
    undefined,
    null,
    42,
    'a string',
    true,
    [],
    [1, 2, 3],
    {},
    { username: 12, password: ['x'], device: null },
    { circleId: 'not-a-uuid' },
    { circleId: 7 },
    { id: { $ne: null } },
    { code: '../../etc/passwd' },
    { name: huge, description: huge, username: huge, password: huge, device: huge, code: huge },
    { displayName: huge },
    deep(2000),
    { circleId: deep(500) },
    JSON.parse('{"__proto__": {"polluted": true}, "circleId": "00000000-0000-4000-8000-000000000000"}'),
    { constructor: { prototype: { polluted: true } } },
    { circleId: crypto.randomUUID(), extra: 'field', role: 'owner', userId: crypto.randomUUID() },
    { role: 'admin', userId: crypto.randomUUID(), circleId: crypto.randomUUID() },
    { after: "2026-01-01T00:00:00.000Z|' OR 1=1 --", genre: '%', language: 'en; DROP TABLE circles', visibility: 'private', limit: 10_000 },
    { circleId: crypto.randomUUID(), visibility: 'secret', genres: [huge], timeZone: '../../etc' },
    { challengeId: crypto.randomUUID(), day: '2026-13-45', words: 1e12, minutes: -5, consent: 'yes', goalKind: 'pages', goal: -1, startDay: 'tomorrow' },
    { challengeId: crypto.randomUUID(), consent: true, cabinId: crypto.randomUUID(), newCabin: { id: 'x', name: huge } },
    { challengeId: crypto.randomUUID(), after: "999|' OR 1=1 --", limit: 1e9, cabinId: '%' },
    { targetKind: 'sprint', targetId: crypto.randomUUID(), targetIds: Array(101).fill(crypto.randomUUID()), given: 'yes', sprintId: '%', after: -1, limit: 1e9 },
    { promptId: 'not-a-uuid', circleId: null, text: huge, status: 'everything', accept: 'yes', retired: 1 },
    { promptId: crypto.randomUUID(), circleId: 'open', text: '   ', after: "2026-01-01T00:00:00.000Z|' OR 1=1 --", limit: 0 },
    { accountId: crypto.randomUUID(), displayName: 'Ann', bio: huge, genres: ['x'], workingOn: { title: 'T', genre: 'g', words: -1 }, stamp: '9999' },
    { displayName: ' ', bio: '', genres: Array(50).fill('g'), workingOn: { title: huge, genre: 'g', words: 1e12, extra: 1 }, stamp: `${'9'.repeat(15)}:000001:x` },
    { privacy: { bio: 'friends', genres: 'me', workingOn: 'me', circles: 'me', badges: 'me', activity: 'me', email: 'everyone' }, stamp: '000000000000001:000001:a' },
    // Moderation: unknown kinds and actions, a suspension without or beyond its days, a site flag that is not one.
    { reportId: 'x', targetKind: 'sprint', targetId: crypto.randomUUID(), reason: 'spam', action: 'nuke', days: 0 },
    { reportId: crypto.randomUUID(), action: 'suspend', reason: 'Spam.', days: 9999, site: 'yes' },
    { userId: crypto.randomUUID(), kind: 'suspend', reason: 'No days given.' },
    { userId: crypto.randomUUID(), circleId: '%', kind: 'ban', reason: huge, moderator: 'true', threadId: '../x', muted: 1 },
    // Notices: kinds nobody knows, too many, or none.
    { after: 0, limit: 10, kinds: ['mention', "report' OR 1=1 --"] },
    { after: 0, kinds: Array(50).fill('kudos') },
    { after: 0, kinds: [] },
  ];
}

describe('community server: bad input', () => {
  it('answers every malformed payload on every event with an error, and stays healthy', async () => {
    const { url } = await startCommunity('sqlite', { limits: { burst: 10_000, perSecond: 10_000 } });
    const writer = await newWriter(url);
    const anonymous = await connect(url);
    let answered = 0;
    for (const event of communityEventNames) {
      for (const socket of [writer.socket, anonymous]) {
        for (const payload of malformed()) {
          const result = (await call(socket, event, payload)) as Result<unknown>;
          // account:signOut and the list/me reads take an empty object: `{}` is valid input for them.
          if (result.ok) {
            expect(payload, `${event} accepted ${JSON.stringify(payload)?.slice(0, 80)}`).toEqual({});
            continue;
          }
          expect(['invalid_input', 'forbidden', 'conflict', 'unauthorized', 'not_found'], `${event} ${JSON.stringify(payload)?.slice(0, 120)}`).toContain(result.error.code);
          expect(result.error.message.length).toBeLessThan(400);
          answered++;
        }
      }
      // signOut (valid with {}) signs the writer out: sign back in for the next event.
      if (event === 'account:signOut') {
        await must(writer.socket, 'account:signIn', { username: writer.username, password: 'correct horse battery', device: 'Test laptop' });
      }
    }
    expect(answered).toBeGreaterThan(communityEventNames.length * 30);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await (await fetch(`${url}/healthz`)).json()).ok).toBe(true);
    expect((await must(writer.socket, 'account:me', {})).username).toBe(writer.username);
  }, 90_000); // every event times some forty payloads times two sockets: 11 s alone, more beside other suites

  /**
   * Payloads made from each event's own schema: every field it names given a value of the wrong
   * kind. A new event is in the shared schema map (which the server's handler map and the
   * socket's types are made from), so it gets these cases without anyone writing them.
   */
  it('refuses, on every event, each of its own fields given a value of the wrong kind', async () => {
    const { url } = await startCommunity('sqlite', { limits: { burst: 10_000, perSecond: 10_000 } });
    const writer = await newWriter(url);
    const anonymous = await connect(url);
    const WRONG: [string, unknown][] = [
      ['an operator object', { $ne: null, $gt: '' }],
      ['nested arrays', [[[]]]],
      ['a string longer than any field takes', 'x'.repeat(90_000)],
      ['a boolean', true],
      ['a prototype-polluting object', JSON.parse('{"__proto__": {"polluted": true}}')],
    ];
    const refused: Record<string, number> = {};
    for (const event of communityEventNames) {
      const schema = communityInputs[event] as z.ZodType;
      expect(schema, `${event}: its payload is an object schema`).toBeInstanceOf(z.ZodObject);
      const fields = Object.keys((schema as z.ZodObject).shape);
      for (const [what, value] of WRONG) {
        const payload = Object.fromEntries(fields.map((f) => [f, value]));
        const sockets = (PUBLIC_EVENT_NAMES as readonly string[]).includes(event) ? [anonymous] : [writer.socket, anonymous];
        for (const socket of sockets) {
          const result = (await call(socket, event, payload)) as Result<unknown>;
          if (fields.length === 0) continue; // `{}` is the valid payload of an event that takes nothing
          expect(result.ok, `${event} with every field ${what}`).toBe(false);
          if (!result.ok) expect(result.error.code, `${event} with every field ${what}`).toBe(socket === anonymous && !PUBLIC_EVENT_NAMES.includes(event as never) ? 'forbidden' : 'invalid_input');
          refused[event] = (refused[event] ?? 0) + 1;
        }
      }
      if (event === 'account:signOut' && !(await call(writer.socket, 'account:me', {})).ok) {
        await must(writer.socket, 'account:signIn', { username: writer.username, password: 'correct horse battery', device: 'Test laptop' });
      }
    }
    // Every event that takes fields was asked, and refused, every time.
    const withFields = communityEventNames.filter((e) => Object.keys((communityInputs[e] as z.ZodObject).shape).length > 0);
    expect(Object.keys(refused).sort()).toEqual([...withFields].sort());
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await must(writer.socket, 'account:me', {})).username).toBe(writer.username);
  }, 60_000);

  it('answers unknown events, ignores requests without an acknowledgement, and survives both', async () => {
    const { url } = await startCommunity();
    const writer = await newWriter(url);
    const unknown = await new Promise<Result<unknown>>((resolve) => (writer.socket.emit as (...a: unknown[]) => void)('admin:dropTables', {}, resolve));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_event' } });
    (writer.socket.emit as (...a: unknown[]) => void)('circle:create', { name: 'no ack' });
    (writer.socket.emit as (...a: unknown[]) => void)('account:me');
    expect((await must(writer.socket, 'circle:list', {})).map((c) => c.name)).toEqual([]);
  });

  it('disconnects a client that sends an oversized frame, and keeps serving others', async () => {
    const { url } = await startCommunity();
    const victim = await newWriter(url);
    const attacker = await newWriter(url);
    const reason = new Promise((resolve) => attacker.socket.once('disconnect', resolve));
    attacker.socket.emit('circle:create', { name: 'x'.repeat(4_000_000) } as never, () => undefined);
    expect(await reason).toMatch(/transport (close|error)/);
    expect((await must(victim.socket, 'account:me', {})).username).toBe(victim.username);
  });

  it('rate-limits a socket that floods requests', async () => {
    const { url } = await startCommunity('sqlite', { limits: { burst: 20, perSecond: 5 } });
    const writer = await newWriter(url);
    const results = await Promise.all(Array.from({ length: 60 }, () => call(writer.socket, 'circle:list', {})));
    const limited = results.filter((r) => !r.ok && r.error.code === 'rate_limited').length;
    expect(limited).toBeGreaterThan(30);
    expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(19);
  });
});

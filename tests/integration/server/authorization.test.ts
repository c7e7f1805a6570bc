import { describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/api/result';
import { call, connect, must, newWriter, startCommunity, type ClientSocket } from '../../helpers/community';
import { openStore } from '../../../server/store/open-store';
import { createAccountsRepo } from '../../../server/features/accounts/accounts.repo';

type Actor = 'owner' | 'moderator' | 'member' | 'admin' | 'stranger' | 'signed-out' | 'banned';
const ACTORS: Actor[] = ['owner', 'moderator', 'member', 'admin', 'stranger', 'signed-out', 'banned'];

/** For each circle action: who may. Everyone else must get `forbidden`. */
const MAY: Record<string, Actor[]> = {
  'circle:members': ['owner', 'moderator', 'member', 'admin'],
  'circle:invite': ['owner', 'moderator', 'admin'],
  'circle:setRole': ['owner', 'admin'],
  'circle:ban': ['owner', 'moderator', 'admin'],
  'circle:leave': ['moderator', 'member'],
};
/** The owner leaving is not a permission question but a state one (`conflict`, tested with circles). */
const NOT_ASKED: Record<string, Actor[]> = { 'circle:leave': ['owner'] };

async function world() {
  const { url, store } = await startCommunity();
  const owner = await newWriter(url);
  const circle = await must(owner.socket, 'circle:create', { name: 'Table' });
  const { code } = await must(owner.socket, 'circle:invite', { circleId: circle.id });
  const join = async () => {
    const w = await newWriter(url);
    await must(w.socket, 'circle:join', { code });
    return w;
  };
  const moderator = await join();
  await must(owner.socket, 'circle:setRole', { circleId: circle.id, userId: moderator.userId, role: 'moderator' });
  const member = await join();
  const banned = await join();
  await must(owner.socket, 'circle:ban', { circleId: circle.id, userId: banned.userId });
  const stranger = await newWriter(url);
  const admin = await newWriter(url);
  await createAccountsRepo(store.db).setRoles(admin.userId, ['writer', 'admin']);
  const signedOut = await connect(url);
  const sockets: Record<Actor, ClientSocket> = {
    owner: owner.socket,
    moderator: moderator.socket,
    member: member.socket,
    admin: admin.socket,
    stranger: stranger.socket,
    banned: banned.socket,
    'signed-out': signedOut,
  };
  return { url, circle, code, sockets, target: () => join() };
}

describe('authorization table for circles', () => {
  for (const [action, may] of Object.entries(MAY)) {
    it(`${action}: ${may.join(', ')} may; everyone else gets forbidden and learns nothing`, async () => {
      const { circle, sockets, target } = await world();
      for (const actor of ACTORS.filter((a) => !NOT_ASKED[action]?.includes(a))) {
        // Each actor acts on a fresh member, so one actor's success does not change the next one's case.
        const victim = await target();
        const payload =
          action === 'circle:setRole'
            ? { circleId: circle.id, userId: victim.userId, role: 'moderator' }
            : action === 'circle:ban'
              ? { circleId: circle.id, userId: victim.userId }
              : { circleId: circle.id };
        const result = (await call(sockets[actor], action as 'circle:members', payload)) as Result<unknown>;
        if (may.includes(actor)) {
          expect(result.ok, `${actor} may ${action}: ${JSON.stringify(result)}`).toBe(true);
          if (action === 'circle:leave') await must(sockets[actor], 'circle:join', { code: (await must(sockets.owner, 'circle:invite', { circleId: circle.id })).code });
        } else {
          expect(result, `${actor} may not ${action}`).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
          // The answer is the same for a circle that does not exist: existence does not leak.
          const ghost = (await call(sockets[actor], action as 'circle:members', { ...payload, circleId: crypto.randomUUID() })) as Result<unknown>;
          expect(ghost).toEqual(result);
        }
      }
    });
  }

  it('joining by code: anyone signed in, except the banned; signed-out sockets may not', async () => {
    const { code, sockets } = await world();
    expect((await call(sockets.stranger, 'circle:join', { code })).ok).toBe(true);
    expect(await call(sockets.banned, 'circle:join', { code })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(sockets['signed-out'], 'circle:join', { code })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('admin CLI role grants', () => {
  it('grant-role through the repository the CLI uses', async () => {
    const { url, store } = await startCommunity();
    const w = await newWriter(url);
    await createAccountsRepo(store.db).setRoles(w.userId, ['writer', 'author']);
    expect((await must(w.socket, 'account:me', {})).roles).toEqual(['writer', 'author']);
    expect(openStore).toBeTypeOf('function');
  });
});

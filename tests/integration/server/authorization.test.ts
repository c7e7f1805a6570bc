import { describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/api/result';
import { call, connect, must, newWriter, startCommunity, type ClientSocket } from '../../helpers/community';
import { openStore } from '../../../server/store/open-store';
import { communityEventNames } from '../../../shared/protocol/community-schemas';
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
  return { url, store, circle, code, sockets, target: () => join() };
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

describe('authorization table for the directory', () => {
  /** Deciding who comes in, and listing the circle: everyone else gets forbidden, as for a circle that does not exist. */
  const MAY_DIRECTORY: Record<string, Actor[]> = {
    'directory:requests': ['owner', 'moderator', 'admin'],
    'directory:decide': ['owner', 'moderator', 'admin'],
    'directory:setListing': ['owner', 'admin'],
  };
  for (const [action, may] of Object.entries(MAY_DIRECTORY)) {
    it(`${action}: ${may.join(', ')} may; everyone else gets forbidden and learns nothing`, async () => {
      const { url, circle, sockets } = await world();
      await must(sockets.owner, 'directory:setListing', { circleId: circle.id, visibility: 'closed' });
      for (const actor of ACTORS) {
        const asker = await newWriter(url);
        await must(asker.socket, 'directory:join', { circleId: circle.id });
        const payload =
          action === 'directory:decide'
            ? { circleId: circle.id, userId: asker.userId, accept: false }
            : action === 'directory:setListing'
              ? { circleId: circle.id, visibility: 'closed', genres: ['poetry'] }
              : { circleId: circle.id };
        const result = (await call(sockets[actor], action as 'directory:requests', payload)) as Result<unknown>;
        if (may.includes(actor)) expect(result.ok, `${actor} may ${action}: ${JSON.stringify(result)}`).toBe(true);
        else {
          expect(result, `${actor} may not ${action}`).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
          const ghost = (await call(sockets[actor], action as 'directory:requests', { ...payload, circleId: crypto.randomUUID() })) as Result<unknown>;
          expect(ghost).toEqual(result);
        }
      }
    });
  }

  it('directory:search and directory:join: anyone signed in; the banned may not join; a private circle answers outsiders as one that does not exist', async () => {
    const { circle, sockets } = await world();
    const ghost = { circleId: crypto.randomUUID() };
    for (const actor of ACTORS) {
      const search = await call(sockets[actor], 'directory:search', {});
      if (actor === 'signed-out') expect(search).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      else expect(search, actor).toEqual({ ok: true, data: { circles: [], next: null } }); // private: listed to nobody
    }
    for (const actor of ['stranger', 'admin'] as const) {
      expect(await call(sockets[actor], 'directory:join', { circleId: circle.id }), actor).toEqual(await call(sockets[actor], 'directory:join', ghost));
      expect(await call(sockets[actor], 'directory:join', ghost)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    expect(await call(sockets.banned, 'directory:join', { circleId: circle.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(sockets['signed-out'], 'directory:join', { circleId: circle.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await must(sockets.owner, 'directory:setListing', { circleId: circle.id, visibility: 'public' });
    expect(await call(sockets.banned, 'directory:join', { circleId: circle.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await must(sockets.stranger, 'directory:join', { circleId: circle.id })).joined).toBe(true);
  });
});

describe('authorization table for discussions', () => {
  /** Who may: members read and post, moderators pin and lock, the owner sets categories. Everyone else: forbidden, as for a thread or circle that does not exist. */
  const MAY_DISCUSS: Record<string, Actor[]> = {
    'discussion:categories': ['owner', 'moderator', 'member'],
    'discussion:setCategories': ['owner', 'admin'],
    'discussion:threads': ['owner', 'moderator', 'member'],
    'discussion:thread': ['owner', 'moderator', 'member'],
    'discussion:start': ['owner', 'moderator', 'member'],
    'discussion:reply': ['owner', 'moderator', 'member'],
    'discussion:moderate': ['owner', 'moderator', 'admin'],
  };
  for (const [action, may] of Object.entries(MAY_DISCUSS)) {
    it(`${action}: ${may.join(', ')} may; everyone else gets forbidden and learns nothing`, async () => {
      const { circle, sockets } = await world();
      const threadId = crypto.randomUUID();
      await must(sockets.owner, 'discussion:start', { threadId, postId: crypto.randomUUID(), circleId: circle.id, title: 'Welcome', body: 'Say hello.' });
      for (const actor of ACTORS) {
        const payload = (circleId: string, thread: string) =>
          ({
            'discussion:categories': { circleId },
            'discussion:setCategories': { circleId, names: ['Craft'] },
            'discussion:threads': { circleId },
            'discussion:thread': { threadId: thread },
            'discussion:start': { threadId: crypto.randomUUID(), postId: crypto.randomUUID(), circleId, title: 'Mine', body: 'Hi' },
            'discussion:reply': { postId: crypto.randomUUID(), threadId: thread, body: 'Hi' },
            'discussion:moderate': { threadId: thread, pinned: true },
          })[action];
        const result = (await call(sockets[actor], action as 'discussion:thread', payload(circle.id, threadId))) as Result<unknown>;
        if (may.includes(actor)) expect(result.ok, `${actor} may ${action}: ${JSON.stringify(result)}`).toBe(true);
        else {
          expect(result, `${actor} may not ${action}`).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
          const ghost = (await call(sockets[actor], action as 'discussion:thread', payload(crypto.randomUUID(), crypto.randomUUID()))) as Result<unknown>;
          expect(ghost, `${actor} ${action} on a made-up circle or thread`).toEqual(result);
        }
      }
    });
  }
});

describe('authorization table for moderation', () => {
  /** Members report posts in their circle; its moderators and owner (and a site admin) work the queue. Everyone else: forbidden, as for what does not exist. */
  const MAY_MODERATE: Record<string, Actor[]> = {
    'moderation:report': ['owner', 'moderator', 'member'],
    'moderation:queue': ['owner', 'moderator', 'admin'],
    'moderation:decide': ['owner', 'moderator', 'admin'],
    'moderation:log': ['owner', 'moderator', 'admin'],
  };
  for (const [action, may] of Object.entries(MAY_MODERATE)) {
    it(`${action}: ${may.join(', ')} may; everyone else gets forbidden and learns nothing`, async () => {
      const { url, circle, code, sockets } = await world();
      const poster = await newWriter(url);
      await must(poster.socket, 'circle:join', { code });
      const threadId = crypto.randomUUID();
      const postId = crypto.randomUUID();
      await must(poster.socket, 'discussion:start', { threadId, postId, circleId: circle.id, title: 'Reported', body: 'Something to report' });
      for (const actor of ACTORS) {
        // A fresh open report for each actor, so one actor's decision does not change the next one's case.
        const reportId = crypto.randomUUID();
        await must(sockets.member, 'moderation:report', { reportId, targetKind: 'post', targetId: postId, reason: 'other' });
        const payload = (circleId: string, target: string, report: string) =>
          ({
            'moderation:report': { reportId: crypto.randomUUID(), targetKind: 'post', targetId: target, reason: 'spam' },
            'moderation:queue': { circleId },
            'moderation:decide': { reportId: report, action: 'dismiss', reason: 'Fine as it is.' },
            'moderation:log': { circleId },
          })[action];
        const result = (await call(sockets[actor], action as 'moderation:queue', payload(circle.id, postId, reportId))) as Result<unknown>;
        if (may.includes(actor)) expect(result.ok, `${actor} may ${action}: ${JSON.stringify(result)}`).toBe(true);
        else {
          expect(result, `${actor} may not ${action}`).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
          const ghost = (await call(sockets[actor], action as 'moderation:queue', payload(crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()))) as Result<unknown>;
          expect(ghost, `${actor} ${action} on something made up`).toEqual(result);
        }
      }
    });
  }

  it('moderation:block and moderation:blocks: anyone signed in, for themselves only; signed-out sockets may not', async () => {
    const { sockets } = await world();
    const someone = (await must(sockets.owner, 'account:me', {})).id;
    for (const actor of ACTORS.filter((a) => a !== 'owner' && a !== 'signed-out')) {
      expect((await call(sockets[actor], 'moderation:block', { userId: someone, blocked: true })).ok, actor).toBe(true);
      expect((await must(sockets[actor], 'moderation:blocks', {})).map((b) => b.userId), actor).toEqual([someone]);
    }
    expect(await call(sockets['signed-out'], 'moderation:block', { userId: someone, blocked: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(sockets['signed-out'], 'moderation:blocks', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await must(sockets.owner, 'moderation:blocks', {})).toEqual([]);
  });
});

describe('authorization table for kudos, follows and the feed', () => {
  it('activity:kudos: owner, moderator and member may; everyone else gets forbidden, as for a post that does not exist', async () => {
    const { url, circle, code, sockets } = await world();
    const poster = await newWriter(url);
    await must(poster.socket, 'circle:join', { code });
    const postId = crypto.randomUUID();
    await must(poster.socket, 'discussion:start', { threadId: crypto.randomUUID(), postId, circleId: circle.id, title: 'Kudos me', body: 'Please' });
    for (const actor of ACTORS) {
      const result = (await call(sockets[actor], 'activity:kudos', { targetKind: 'post', targetId: postId, given: true })) as Result<unknown>;
      if (['owner', 'moderator', 'member'].includes(actor)) expect(result.ok, actor).toBe(true);
      else {
        expect(result, actor).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
        expect(await call(sockets[actor], 'activity:kudos', { targetKind: 'post', targetId: crypto.randomUUID(), given: true })).toEqual(result);
      }
    }
  });

  it('activity:follow, activity:follows and activity:feed: anyone signed in, for themselves; signed-out sockets may not', async () => {
    const { url, sockets } = await world();
    const someone = await newWriter(url);
    for (const actor of ACTORS.filter((a) => a !== 'signed-out')) {
      expect((await must(sockets[actor], 'activity:follow', { kind: 'writer', id: someone.userId, following: true })).map((f) => f.id), actor).toEqual([someone.userId]);
      expect((await must(sockets[actor], 'activity:feed', {})).items, actor).toEqual([]);
    }
    for (const event of ['activity:follow', 'activity:follows', 'activity:feed'] as const) {
      const payload = event === 'activity:follow' ? { kind: 'writer', id: someone.userId, following: true } : {};
      expect(await call(sockets['signed-out'], event, payload)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('activity:sprintResults: members of the sprint’s circle may; everyone else gets what a missing sprint gets; activity:kudosOf and activity:notices are for the signed-in', async () => {
    const { circle, sockets } = await world();
    const sprint = await must(sockets.owner, 'sprint:create', { circleId: circle.id, durationMin: 5 });
    const missing = (await call(sockets.stranger, 'activity:sprintResults', { sprintId: crypto.randomUUID() })) as Result<unknown>;
    for (const actor of ACTORS) {
      const result = (await call(sockets[actor], 'activity:sprintResults', { sprintId: sprint.id })) as Result<unknown>;
      if (['owner', 'moderator', 'member'].includes(actor)) expect(result, actor).toEqual({ ok: true, data: [] });
      else if (actor === 'signed-out') expect(result, actor).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      else {
        expect(result, actor).toMatchObject({ ok: false, error: { code: 'not_found' } });
        expect(result, actor).toEqual(missing);
      }
    }
    for (const [event, payload] of [
      ['activity:kudosOf', { targetKind: 'post', targetIds: [crypto.randomUUID()] }],
      ['activity:notices', {}],
    ] as const) {
      expect(await call(sockets['signed-out'], event, payload)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await call(sockets.member, event, payload)).toMatchObject({ ok: true });
    }
  });
});

describe('authorization table for profiles', () => {
  const stamp = () => `${String(Date.now()).padStart(15, '0')}:000001:test`;
  it('profile:get: the owner sees all; circle-mates see circle fields; strangers, the admin and the banned see public fields only; signed-out sockets may not', async () => {
    const { sockets } = await world();
    const ownerId = (await must(sockets.owner, 'account:me', {})).id;
    await must(sockets.owner, 'profile:update', { displayName: 'Owner', bio: 'Hello.', genres: ['noir'], workingOn: { title: 'Night Shift', genre: 'noir', words: 900 }, stamp: stamp() });
    const SEES: Record<Actor, 'self' | 'circle' | 'stranger' | null> = { owner: 'self', moderator: 'circle', member: 'circle', admin: 'stranger', stranger: 'stranger', banned: 'stranger', 'signed-out': null };
    for (const actor of ACTORS) {
      const result = (await call(sockets[actor], 'profile:get', { accountId: ownerId })) as Result<{ relation: string; workingOn?: unknown; bio?: string }>;
      const sees = SEES[actor];
      if (!sees) {
        expect(result, actor).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        continue;
      }
      expect(result.ok && result.data.relation, actor).toBe(sees);
      // The work in progress is shown to circles by default: only the owner and circle-mates get it.
      expect(result.ok && 'workingOn' in result.data, actor).toBe(sees !== 'stranger');
      expect(result.ok && result.data.bio, actor).toBe('Hello.');
    }
  });

  it('profile:update and profile:privacy: anyone signed in, for themselves only; signed-out sockets may not', async () => {
    const { sockets } = await world();
    for (const actor of ACTORS.filter((a) => a !== 'signed-out')) {
      const me = (await must(sockets[actor], 'account:me', {})).id;
      expect((await must(sockets[actor], 'profile:update', { displayName: `Name of ${actor}`, bio: '', genres: [], workingOn: null, stamp: stamp() })).accountId, actor).toBe(me);
      expect((await must(sockets[actor], 'profile:privacy', { privacy: { bio: 'me', genres: 'me', workingOn: 'me', circles: 'me', badges: 'me', activity: 'me' }, stamp: stamp() })).accountId, actor).toBe(me);
    }
    expect(await call(sockets['signed-out'], 'profile:update', { displayName: 'X', bio: '', genres: [], workingOn: null, stamp: stamp() })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(sockets['signed-out'], 'profile:privacy', { privacy: { bio: 'me', genres: 'me', workingOn: 'me', circles: 'me', badges: 'me', activity: 'me' }, stamp: stamp() })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('authorization table for challenges', () => {
  /** A circle's challenge is its members'; to everyone else (a site admin too) it is answered as one that does not exist. */
  const MAY_CHALLENGE: Record<string, Actor[]> = {
    'challenge:create': ['owner', 'moderator', 'member'],
    'challenge:get': ['owner', 'moderator', 'member'],
    'challenge:join': ['owner', 'moderator', 'member'],
    'challenge:progress': ['owner', 'moderator', 'member'],
    'challenge:leaderboard': ['owner', 'moderator', 'member'],
    'challenge:withdraw': ['owner', 'moderator', 'member'],
  };
  const today = new Date().toISOString().slice(0, 10);
  for (const [action, may] of Object.entries(MAY_CHALLENGE)) {
    it(`${action}: ${may.join(', ')} may; everyone else gets what a missing challenge gets`, async () => {
      const { circle, sockets } = await world();
      const challengeId = crypto.randomUUID();
      await must(sockets.owner, 'challenge:create', { challengeId, title: 'Porch week', circleId: circle.id, goalKind: 'days', goal: 1, startDay: today, endDay: today, today });
      for (const actor of ACTORS) {
        // Sending totals needs joining first (which only members can).
        if (action === 'challenge:progress') await call(sockets[actor], 'challenge:join', { challengeId, consent: true });
        const payload = (circleId: string, id: string) =>
          ({
            'challenge:create': { challengeId: crypto.randomUUID(), title: 'Mine', circleId, goalKind: 'words', goal: 1000, startDay: today, endDay: today, today },
            'challenge:get': { challengeId: id },
            'challenge:join': { challengeId: id, consent: true },
            'challenge:progress': { challengeId: id, day: today, words: 10, minutes: 1 },
            'challenge:leaderboard': { challengeId: id },
            'challenge:withdraw': { challengeId: id },
          })[action];
        const result = (await call(sockets[actor], action as 'challenge:get', payload(circle.id, challengeId))) as Result<unknown>;
        if (may.includes(actor)) expect(result.ok, `${actor} may ${action}: ${JSON.stringify(result)}`).toBe(true);
        else {
          expect(result.ok, `${actor} may not ${action}`).toBe(false);
          if (actor !== 'signed-out') expect(result, actor).toMatchObject({ ok: false, error: { code: 'not_found' } });
          const ghost = (await call(sockets[actor], action as 'challenge:get', payload(crypto.randomUUID(), crypto.randomUUID()))) as Result<unknown>;
          expect(ghost, `${actor} ${action} on a made-up circle or challenge`).toEqual(result);
        }
      }
    });
  }

  it('challenge:list: anyone signed in sees open challenges and their own circles’, never another circle’s', async () => {
    const { circle, sockets } = await world();
    const inCircle = crypto.randomUUID();
    const open = crypto.randomUUID();
    for (const [challengeId, circleId] of [[inCircle, circle.id], [open, null]] as const) {
      await must(sockets.owner, 'challenge:create', { challengeId, title: 'Week', circleId, goalKind: 'days', goal: 1, startDay: today, endDay: today, today });
    }
    for (const actor of ACTORS.filter((a) => a !== 'signed-out')) {
      const ids = (await must(sockets[actor], 'challenge:list', {})).challenges.map((c) => c.id).sort();
      expect(ids, actor).toEqual(['owner', 'moderator', 'member'].includes(actor) ? [inCircle, open].sort() : [open]);
    }
    expect(await call(sockets['signed-out'], 'challenge:list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
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

/**
 * Those who could read once and may not now: a member who left, a member banned, and a
 * member a later version left out of its readers. Every feed and sprint event must treat them
 * as it treats someone who never could, and say nothing of what changed since.
 */
describe('authorization table for shares and sprints: the leaver, the banned and the excluded reader', () => {
  type Former = 'leaver' | 'banned' | 'excluded';
  const FORMER: Former[] = ['leaver', 'banned', 'excluded'];
  const push = async (socket: ClientSocket, op: Record<string, unknown>) => (await must(socket, 'sync:push', { ops: [{ opId: crypto.randomUUID(), op }] })).results[0]!;
  const docJson = (text: string) =>
    JSON.stringify({ root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: [{ type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '', children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }] }] } });

  async function formerReaders() {
    const { url } = await startCommunity('sqlite', { tickMs: 100 });
    const author = await newWriter(url);
    const circle = await must(author.socket, 'circle:create', { name: 'Lamplight' });
    const { code } = await must(author.socket, 'circle:invite', { circleId: circle.id });
    const people: Record<Former | 'reader', Awaited<ReturnType<typeof newWriter>>> = {} as never;
    for (const who of [...FORMER, 'reader'] as const) {
      people[who] = await newWriter(url);
      await must(people[who].socket, 'circle:join', { code });
    }
    const stranger = await newWriter(url);
    const share = { kind: 'share.publish', shareId: crypto.randomUUID(), versionId: crypto.randomUUID(), circleId: circle.id, readerIds: [], title: 'Before', note: '', queue: false, content: docJson('The lamp was lit.') };
    expect(await push(author.socket, share)).toMatchObject({ ok: true });
    const commentId = crypto.randomUUID();
    expect(await push(people.reader.socket, { kind: 'comment.add', commentId, shareId: share.shareId, versionId: share.versionId, parentId: null, body: 'Lovely.', anchor: null })).toMatchObject({ ok: true });
    const sprint = await must(author.socket, 'sprint:create', { circleId: circle.id, durationMin: 30 });
    for (const who of FORMER) await must(people[who].socket, 'sprint:join', { sprintId: sprint.id });

    // Then: one leaves, one is banned, one is left out of the next version's readers.
    await must(people.leaver.socket, 'circle:leave', { circleId: circle.id });
    await must(author.socket, 'circle:ban', { circleId: circle.id, userId: people.banned.userId });
    const v2 = { ...share, versionId: crypto.randomUUID(), title: 'After: secret title', note: 'secret note', readerIds: [people.reader.userId], content: docJson('The lamp went out.') };
    expect(await push(author.socket, v2)).toMatchObject({ ok: true });
    expect(await push(people.reader.socket, { kind: 'comment.add', commentId: crypto.randomUUID(), shareId: share.shareId, versionId: v2.versionId, parentId: null, body: 'Darker now.', anchor: null })).toMatchObject({ ok: true });
    expect(await push(people.reader.socket, { kind: 'critique.submit', critiqueId: crypto.randomUUID(), shareId: share.shareId, versionId: v2.versionId, worked: 'x', didnt: 'y', suggestions: 'z' })).toMatchObject({ ok: true });
    expect(await push(author.socket, { kind: 'flag.set', target: 'comment', id: commentId, flag: 'resolved', value: true, hlc: `${String(Date.now()).padStart(15, '0')}:000000:a` })).toMatchObject({ ok: true });
    return { url, author, people, stranger, circle, share, v2, commentId, sprint };
  }

  it('sync:pull: they get a tombstone of the share and nothing of what it became, nor its versions, comments or critiques', async () => {
    const { people, share, v2 } = await formerReaders();
    for (const who of FORMER) {
      const items = (await must(people[who].socket, 'sync:pull', { after: 0 })).items.filter((i) => i.kind !== 'credit');
      expect(items.map((i) => i.kind), who).toEqual(['share']);
      expect(items[0], who).toMatchObject({ share: { id: share.shareId, revoked: true, title: '', note: '', readerIds: [], versions: [] } });
      const text = JSON.stringify(items);
      for (const secret of ['secret', v2.versionId, people.reader.userId, 'Darker']) expect(text, `${who} sees ${secret}`).not.toContain(secret);
    }
    // The reader still named sees it all.
    const readerItems = (await must(people.reader.socket, 'sync:pull', { after: 0 })).items;
    expect(readerItems.find((i) => i.kind === 'share' && i.share.title === 'After: secret title')).toBeTruthy();
  });

  it('sync:push: every operation on the share is answered as for a share, comment or id that does not exist', async () => {
    const { people, stranger, share, v2, commentId } = await formerReaders();
    const made = crypto.randomUUID();
    const ghostFlag = await push(stranger.socket, { kind: 'flag.set', target: 'comment', id: made, flag: 'resolved', value: true, hlc: `${String(Date.now()).padStart(15, '0')}:000000:s` });
    const ghostComment = await push(stranger.socket, { kind: 'comment.add', commentId: crypto.randomUUID(), shareId: made, versionId: made, parentId: null, body: 'Hello?', anchor: null });
    // A stranger publishing a fresh share into the circle: what anything not theirs is answered.
    const notTheirs = await push(stranger.socket, { ...share, shareId: crypto.randomUUID(), versionId: crypto.randomUUID() });
    expect(notTheirs).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    for (const who of [...FORMER, 'stranger'] as const) {
      const socket = who === 'stranger' ? stranger.socket : people[who].socket;
      const answers = {
        flag: await push(socket, { kind: 'flag.set', target: 'comment', id: commentId, flag: 'resolved', value: false, hlc: `${String(Date.now()).padStart(15, '0')}:000001:x` }),
        comment: await push(socket, { kind: 'comment.add', commentId: crypto.randomUUID(), shareId: share.shareId, versionId: share.versionId, parentId: null, body: 'Still here?', anchor: null }),
        critique: await push(socket, { kind: 'critique.submit', critiqueId: crypto.randomUUID(), shareId: share.shareId, versionId: share.versionId, worked: 'a', didnt: 'b', suggestions: 'c' }),
        publishTheirs: await push(socket, { ...share, versionId: crypto.randomUUID(), title: 'Mine now' }),
        reusedVersion: await push(socket, { ...share, shareId: crypto.randomUUID(), versionId: v2.versionId }),
      };
      expect(answers.flag, who).toEqual({ ...ghostFlag, opId: answers.flag.opId });
      expect(answers.comment, who).toEqual({ ...ghostComment, opId: answers.comment.opId });
      expect(answers.critique, who).toEqual({ ...ghostComment, opId: answers.critique.opId });
      expect(answers.publishTheirs, who).toEqual({ ...notTheirs, opId: answers.publishTheirs.opId });
      expect(answers.reusedVersion, who).toEqual({ ...notTheirs, opId: answers.reusedVersion.opId });
    }
  });

  it('sprint events: the leaver and the banned are answered as for a sprint that does not exist, and get no ticks', async () => {
    const { author, people, sprint } = await formerReaders();
    const ghost = crypto.randomUUID();
    const ticks = { leaver: 0, banned: 0 };
    for (const who of ['leaver', 'banned'] as const) people[who].socket.on('sprint:tick', (t) => void (t.sprintId === sprint.id && ticks[who]++));
    for (const who of ['leaver', 'banned'] as const) {
      const socket = people[who].socket;
      for (const [event, payload] of [
        ['sprint:join', (id: string) => ({ sprintId: id })],
        ['sprint:progress', (id: string) => ({ sprintId: id, words: 5 })],
        ['sprint:cheer', (id: string) => ({ sprintId: id, toUserId: author.userId, reaction: '👏' })],
        ['sprint:results', (id: string) => ({ sprintId: id })],
        ['sprint:leave', (id: string) => ({ sprintId: id })],
      ] as const) {
        const real = (await call(socket, event as 'sprint:join', payload(sprint.id))) as Result<unknown>;
        expect(real, `${who} ${event}`).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
        expect(await call(socket, event as 'sprint:join', payload(ghost)), `${who} ${event} on a made-up sprint`).toEqual(real);
      }
      expect((await must(socket, 'sprint:list', {})).map((s) => s.id), who).not.toContain(sprint.id);
    }
    ticks.leaver = 0;
    ticks.banned = 0;
    await new Promise((r) => setTimeout(r, 600)); // six ticks at 100 ms
    expect(ticks).toEqual({ leaver: 0, banned: 0 });
  });
});

describe('authorization table for prompts', () => {
  /** A circle's members read its library and suggest; its moderators and owner (and a site admin) curate. Everyone else: forbidden, as for what does not exist. */
  const MAY_PROMPT: Record<string, Actor[]> = {
    'prompt:today': ['owner', 'moderator', 'member'],
    'prompt:library': ['owner', 'moderator', 'member'],
    'prompt:suggest': ['owner', 'moderator', 'member'],
    'prompt:add': ['owner', 'moderator', 'admin'],
    'prompt:edit': ['owner', 'moderator', 'admin'],
    'prompt:retire': ['owner', 'moderator', 'admin'],
    'prompt:decide': ['owner', 'moderator', 'admin'],
  };
  for (const [action, may] of Object.entries(MAY_PROMPT)) {
    it(`${action}: ${may.join(', ')} may; everyone else gets forbidden and learns nothing`, async () => {
      const { circle, sockets } = await world();
      const promptId = crypto.randomUUID();
      await must(sockets.owner, 'prompt:add', { promptId, circleId: circle.id, text: 'A window.' });
      for (const actor of ACTORS) {
        const payload = (circleId: string, prompt: string, suggested: string) =>
          ({
            'prompt:today': { circleId },
            'prompt:library': { circleId },
            'prompt:suggest': { promptId: crypto.randomUUID(), circleId, text: 'Mine' },
            'prompt:add': { promptId: crypto.randomUUID(), circleId, text: 'Mine' },
            'prompt:edit': { promptId: prompt, text: 'Edited' },
            'prompt:retire': { promptId: prompt, retired: false },
            'prompt:decide': { promptId: suggested, accept: true },
          })[action];
        // A fresh suggestion for each actor to decide (one decided is not open any more).
        const asked = crypto.randomUUID();
        if (action === 'prompt:decide') await must(sockets.owner, 'prompt:suggest', { promptId: asked, circleId: circle.id, text: `Decide me, ${actor}` });
        const result = (await call(sockets[actor], action as 'prompt:today', payload(circle.id, promptId, asked))) as Result<unknown>;
        if (may.includes(actor)) expect(result.ok, `${actor} may ${action}: ${JSON.stringify(result)}`).toBe(true);
        else {
          expect(result, `${actor} may not ${action}`).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
          const ghost = (await call(sockets[actor], action as 'prompt:today', payload(crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()))) as Result<unknown>;
          expect(ghost, `${actor} ${action} on something made up`).toEqual(result);
        }
      }
    });
  }
});

describe('authorization table for the community hub, with every kind of writer', () => {
  /**
   * Ten kinds of writer. `blocked`: a member the thread's and share's writer (the poster) blocked;
   * `suspended`: a member suspended in this circle; `banned`: banned from it; `site-moderator`
   * and `admin`: site staff, members of nothing. Who may not gets what a made-up thing gets.
   */
  type Who = Actor | 'blocked' | 'suspended' | 'site-moderator';
  const WHO: Who[] = ['stranger', 'signed-out', 'blocked', 'banned', 'suspended', 'member', 'moderator', 'owner', 'site-moderator', 'admin'];
  const MEMBERS: Who[] = ['blocked', 'suspended', 'member', 'moderator', 'owner'];
  const STAFF: Who[] = ['site-moderator', 'admin'];
  const SIGNED_IN: Who[] = WHO.filter((w) => w !== 'signed-out');
  const all = (who: Who[]) => Object.fromEntries(who.map((w) => [w, true]));
  const CURATORS = { moderator: true, owner: true, admin: true } as const;
  const today = new Date().toISOString().slice(0, 10);
  const stamp = () => `${String(Date.now()).padStart(15, '0')}:000001:test`;
  /**
   * The answer each writer gets: true (may), or the error code (`forbidden-blocked`: refused with
   * "This writer has blocked you."). Anyone not named gets the event's refusal (`forbidden`
   * unless REFUSAL says otherwise; a signed-out socket always `forbidden`), and it must equal
   * what a made-up circle, thread, post, challenge, prompt or writer gets: existence does not leak.
   *
   * The decisions: members read, post and join; a suspended member reads and joins (a sprint, a
   * challenge) but posts nothing others read (threads, replies, kudos, suggestions, challenges)
   * while suspended; the writer the poster blocked reads, but does not answer or give kudos to
   * the poster's writing, join the poster's sprint, or see the poster's profile; the banned are
   * outsiders; site staff moderate any circle (an admin also configures and curates) but are
   * members of none, so they do not read or post in one.
   */
  const HUB: Record<string, Partial<Record<Who, true | string>>> = {
    'discussion:categories': all(MEMBERS),
    'discussion:setCategories': { owner: true, admin: true },
    'discussion:threads': all(MEMBERS),
    'discussion:thread': all(MEMBERS),
    'discussion:start': { blocked: true, suspended: 'suspended', member: true, moderator: true, owner: true },
    'discussion:reply': { blocked: 'forbidden-blocked', suspended: 'suspended', member: true, moderator: true, owner: true },
    'discussion:moderate': { moderator: true, owner: true, 'site-moderator': true, admin: true },
    'moderation:report': all(MEMBERS),
    'moderation:queue': { moderator: true, owner: true, 'site-moderator': true, admin: true },
    'moderation:decide': { moderator: true, owner: true, 'site-moderator': true, admin: true },
    'moderation:log': { moderator: true, owner: true, 'site-moderator': true, admin: true },
    'moderation:sanction': { moderator: true, owner: true, 'site-moderator': true, admin: true },
    'moderation:mute': all(MEMBERS),
    // Blocking is a writer's own list: anyone signed in, whoever they block.
    'moderation:block': all(SIGNED_IN),
    'moderation:blocks': all(SIGNED_IN),
    'circle:members': all([...MEMBERS, ...STAFF]),
    'circle:invite': { moderator: true, owner: true, 'site-moderator': true, admin: true },
    'circle:setRole': { owner: true, admin: true },
    // Banning a fresh member: the circle's moderators and site staff.
    'circle:ban': { moderator: true, owner: true, 'site-moderator': true, admin: true },
    // Leaving: any member but the owner (who must hand the circle on first); a suspension does not keep anyone in.
    'circle:leave': { blocked: true, suspended: true, member: true, moderator: true, owner: 'conflict' },
    // Joining by its code: anyone signed in (a member is in already), except the banned.
    'circle:join': { ...all(SIGNED_IN), banned: 'forbidden' },
    'circle:create': all(SIGNED_IN),
    'circle:list': all(SIGNED_IN),
    'directory:search': all(SIGNED_IN),
    // Members are in already (answered joined); the banned are told they cannot; a private circle is, to everyone else, one that does not exist.
    'directory:join': { ...all(MEMBERS), banned: 'forbidden' },
    'directory:requests': { moderator: true, owner: true, 'site-moderator': true, admin: true },
    'directory:decide': { moderator: true, owner: true, 'site-moderator': true, admin: true },
    'directory:setListing': { owner: true, admin: true },
    // Joining a sprint is not posting (the suspended may); the one its maker blocked may not.
    'sprint:join': { blocked: 'forbidden-blocked', suspended: true, member: true, moderator: true, owner: true },
    // A new sprint is announced to the circle: not while suspended there.
    'sprint:create': { blocked: true, suspended: 'suspended', member: true, moderator: true, owner: true },
    'sprint:list': all(SIGNED_IN), // a circle's sprints listed to its members only (DATA below)
    'sprint:history': all(SIGNED_IN),
    // In the sprint (each writer joins first): the writer its maker blocked could not join, so is told to.
    'sprint:leave': { blocked: 'forbidden', suspended: true, member: true, moderator: true, owner: true },
    'sprint:progress': { blocked: 'forbidden', suspended: true, member: true, moderator: true, owner: true },
    'sprint:cheer': { blocked: 'forbidden', suspended: true, member: true, moderator: true, owner: true },
    'sprint:results': { blocked: 'forbidden', suspended: true, member: true, moderator: true, owner: true },
    'activity:kudos': { blocked: 'forbidden-blocked', suspended: 'suspended', member: true, moderator: true, owner: true },
    'activity:kudosOf': all(SIGNED_IN), // counts only what the writer may see (DATA below)
    'activity:sprintResults': all(MEMBERS),
    'activity:follow': all(MEMBERS), // following a circle: a private one is followed by its members only
    'activity:follows': all(SIGNED_IN),
    'activity:feed': all(SIGNED_IN),
    'activity:notices': all(SIGNED_IN),
    'challenge:create': { blocked: true, suspended: 'suspended', member: true, moderator: true, owner: true },
    'challenge:list': all(SIGNED_IN), // a circle's challenges listed to its members only (DATA below)
    'challenge:get': all(MEMBERS),
    // A challenge is the circle's, not a conversation with its maker: the one its maker blocked may join it.
    'challenge:join': all(MEMBERS),
    'challenge:progress': all(MEMBERS),
    'challenge:withdraw': all(MEMBERS),
    'challenge:leaderboard': all(MEMBERS),
    // The poster's profile: the writer they blocked is answered as for a writer who does not exist.
    'profile:get': { ...all(SIGNED_IN), blocked: 'not_found' },
    'profile:update': all(SIGNED_IN),
    'profile:privacy': all(SIGNED_IN),
    'prompt:today': all(MEMBERS),
    'prompt:library': all(MEMBERS),
    'prompt:suggest': { blocked: true, suspended: 'suspended', member: true, moderator: true, owner: true },
    'prompt:add': CURATORS,
    'prompt:edit': CURATORS,
    'prompt:retire': CURATORS,
    'prompt:decide': CURATORS,
    // An open prompt's thread in the circle: started by the first member who asks (a suspended one may not start it).
    'prompt:thread': { blocked: true, suspended: 'suspended', member: true, moderator: true, owner: true },
  };
  /** What those not allowed get instead of `forbidden` (the same as for something made up). */
  const REFUSAL: Record<string, string> = {
    'directory:join': 'not_found',
    'activity:sprintResults': 'not_found',
    'activity:follow': 'not_found',
    'challenge:create': 'not_found',
    'challenge:get': 'not_found',
    'challenge:join': 'not_found',
    'challenge:progress': 'not_found',
    'challenge:withdraw': 'not_found',
    'challenge:leaderboard': 'not_found',
  };
  /** Hub events tested for every kind of writer in their own test below (site-wide, no circle). */
  const SITE_WIDE = ['moderation:sanctions', 'moderation:setSiteModerator'];

  async function hub() {
    const base = await world();
    const { url, circle, code, sockets } = base;
    const join = async () => {
      const w = await newWriter(url);
      await must(w.socket, 'circle:join', { code });
      return w;
    };
    const poster = await join();
    const blocked = await join();
    const suspended = await join();
    await must(poster.socket, 'moderation:block', { userId: blocked.userId, blocked: true });
    await must(sockets.owner, 'moderation:sanction', { userId: suspended.userId, circleId: circle.id, kind: 'suspend', days: 2, reason: 'Cooling off.' });
    const siteModerator = await newWriter(url);
    const store = base.store;
    await createAccountsRepo(store.db).setRoles(siteModerator.userId, ['writer', 'moderator']);
    const all: Record<Who, ClientSocket> = { ...sockets, blocked: blocked.socket, suspended: suspended.socket, 'site-moderator': siteModerator.socket };
    const threadId = crypto.randomUUID();
    const postId = crypto.randomUUID();
    await must(poster.socket, 'discussion:start', { threadId, postId, circleId: circle.id, title: 'Reported', body: 'Something to report' });
    await must(sockets.owner, 'activity:kudos', { targetKind: 'post', targetId: postId, given: true });
    const sprint = await must(poster.socket, 'sprint:create', { circleId: circle.id, durationMin: 30 });
    const challengeId = crypto.randomUUID();
    await must(poster.socket, 'challenge:create', { challengeId, title: 'Porch week', circleId: circle.id, goalKind: 'words', goal: 1000, startDay: today, endDay: today, today });
    const promptId = crypto.randomUUID();
    await must(sockets.owner, 'prompt:add', { promptId, circleId: circle.id, text: 'A window.' });
    return { ...base, all, poster, threadId, postId, sprintId: sprint.id, challengeId, promptId, target: join };
  }
  type Hub = Awaited<ReturnType<typeof hub>>;

  /** Checks of what a writer allowed to ask is told: the same question, a different answer for those who may not see it. */
  const DATA: Record<string, (data: unknown, who: Who, h: Hub) => void> = {
    'activity:kudosOf': (data, who, h) => expect(data, who).toEqual([{ targetId: h.postId, ...(MEMBERS.includes(who) ? { count: 1, mine: who === 'owner' } : { count: 0, mine: false }) }]),
    'challenge:list': (data, who, h) => expect((data as { challenges: { id: string }[] }).challenges.map((c) => c.id).includes(h.challengeId), who).toBe(MEMBERS.includes(who)),
    'profile:get': (data, who) => expect((data as { relation: string }).relation, who).toBe(['suspended', 'member', 'moderator', 'owner'].includes(who) ? 'circle' : 'stranger'),
    'directory:search': (data, who, h) => expect(JSON.stringify(data), who).not.toContain(h.circle.id), // a private circle is listed to nobody
    'sprint:list': (data, who, h) => expect((data as { id: string }[]).some((x) => x.id === h.sprintId), who).toBe(MEMBERS.includes(who)),
    'circle:list': (data, who, h) => expect((data as { id: string }[]).some((c) => c.id === h.circle.id), who).toBe(MEMBERS.includes(who)),
    'circle:join': (data, who, h) => expect((data as { id: string }).id, who).toBe(h.circle.id),
    'prompt:today': (data, who, h) => expect((data as { prompt: { id: string } | null }).prompt?.id, who).toBe(h.promptId),
  };

  it('every hub event is in the table, for every kind of writer (a new event without a row fails here)', () => {
    const hubEvents = communityEventNames.filter((e) => /^(circle|sprint|activity|challenge|profile|prompt|directory|discussion|moderation):/.test(e));
    expect(hubEvents.filter((e) => !(e in HUB) && !SITE_WIDE.includes(e))).toEqual([]);
  });

  for (const [action, answers] of Object.entries(HUB)) {
    it(`${action}: ${Object.keys(answers).join(', ')}; everyone else: ${REFUSAL[action] ?? 'forbidden'}, as for what does not exist`, async () => {
      const h = await hub();
      const { circle, all, poster, threadId, postId, sprintId, challengeId, promptId, target } = h;
      if (action === 'directory:decide') await must(all.owner, 'directory:setListing', { circleId: circle.id, visibility: 'closed' });
      for (const who of WHO) {
        const reportId = crypto.randomUUID();
        // A fresh open report for each writer to decide (by the member, unless the row is the member leaving).
        if (action !== 'circle:leave') await must(all.member, 'moderation:report', { reportId, targetKind: 'post', targetId: postId, reason: 'other' });
        const victim = action === 'moderation:sanction' || action === 'circle:ban' || action === 'circle:setRole' ? (await target()).userId : poster.userId;
        // A fresh suggestion to decide and a fresh request to join for each writer (one decided is not open any more).
        const suggested = crypto.randomUUID();
        if (action === 'prompt:decide') await must(all.owner, 'prompt:suggest', { promptId: suggested, circleId: circle.id, text: `Decide me, ${who}` });
        let asker: string = crypto.randomUUID();
        if (action === 'directory:decide') {
          const w = await newWriter(h.url);
          await must(w.socket, 'directory:join', { circleId: circle.id });
          asker = w.userId;
        }
        // A fresh open prompt for each writer, so each one's ask is the first (the one that starts the thread).
        const openPrompt = crypto.randomUUID();
        if (action === 'prompt:thread') await must(all['site-moderator'], 'prompt:add', { promptId: openPrompt, circleId: null, text: `Open to ${who}` });
        // Being in a sprint needs joining it first; its results, writing in it.
        if (['sprint:leave', 'sprint:progress', 'sprint:cheer', 'sprint:results'].includes(action)) {
          await call(all[who] as ClientSocket, 'sprint:join', { sprintId });
          if (action === 'sprint:results') await call(all[who] as ClientSocket, 'sprint:progress', { sprintId, words: 5 });
        }
        // Sending totals needs joining first.
        if (action === 'challenge:progress') await call(all[who] as ClientSocket, 'challenge:join', { challengeId, consent: true });
        const payload = (circleId: string, thread: string, post: string, report: string) => {
          const real = circleId === circle.id;
          const id = (known: string) => (real ? known : crypto.randomUUID());
          return {
            'discussion:categories': { circleId },
            'discussion:setCategories': { circleId, names: ['Craft'] },
            'discussion:threads': { circleId },
            'discussion:thread': { threadId: thread },
            'discussion:start': { threadId: crypto.randomUUID(), postId: crypto.randomUUID(), circleId, title: 'Mine', body: 'Hi' },
            'discussion:reply': { postId: crypto.randomUUID(), threadId: thread, body: 'Hi' },
            'discussion:moderate': { threadId: thread, pinned: true },
            'moderation:report': { reportId: crypto.randomUUID(), targetKind: 'post', targetId: post, reason: 'spam' },
            'moderation:queue': { circleId },
            'moderation:decide': { reportId: report, action: 'dismiss', reason: 'Fine as it is.' },
            'moderation:log': { circleId },
            'moderation:sanction': { userId: victim, circleId, kind: 'warn', reason: 'Mind the tone.' },
            'moderation:mute': { threadId: thread, muted: true },
            'moderation:block': { userId: id(poster.userId), blocked: true },
            'moderation:blocks': {},
            'circle:members': { circleId },
            'circle:invite': { circleId },
            'circle:setRole': { circleId, userId: victim, role: 'moderator' },
            'circle:ban': { circleId, userId: victim },
            'circle:leave': { circleId },
            'circle:join': { code: real ? h.code : 'madeUpCode123' },
            'circle:create': { name: `Circle of ${who}` },
            'circle:list': {},
            'directory:search': {},
            'directory:join': { circleId },
            'directory:requests': { circleId },
            'directory:decide': { circleId, userId: asker, accept: false },
            'directory:setListing': { circleId, visibility: 'private' },
            'sprint:join': { sprintId: id(sprintId) },
            'sprint:create': { circleId, durationMin: 30 },
            'sprint:list': {},
            'sprint:history': {},
            'sprint:leave': { sprintId: id(sprintId) },
            'sprint:progress': { sprintId: id(sprintId), words: 7 },
            'sprint:cheer': { sprintId: id(sprintId), toUserId: poster.userId, reaction: '👏' },
            'sprint:results': { sprintId: id(sprintId) },
            'activity:kudos': { targetKind: 'post', targetId: post, given: true },
            'activity:kudosOf': { targetKind: 'post', targetIds: [post] },
            'activity:sprintResults': { sprintId: id(sprintId) },
            'activity:follow': { kind: 'circle', id: circleId, following: true },
            'activity:follows': {},
            'activity:feed': {},
            'activity:notices': {},
            'challenge:create': { challengeId: crypto.randomUUID(), title: 'Mine', circleId, goalKind: 'words', goal: 1000, startDay: today, endDay: today, today },
            'challenge:list': {},
            'challenge:get': { challengeId: id(challengeId) },
            'challenge:join': { challengeId: id(challengeId), consent: true },
            'challenge:progress': { challengeId: id(challengeId), day: today, words: 10, minutes: 1 },
            'challenge:withdraw': { challengeId: id(challengeId) },
            'challenge:leaderboard': { challengeId: id(challengeId) },
            'profile:get': { accountId: id(poster.userId) },
            'profile:update': { displayName: `Name of ${who}`, bio: '', genres: [], workingOn: null, stamp: stamp() },
            'profile:privacy': { privacy: { bio: 'me', genres: 'me', workingOn: 'me', circles: 'me', badges: 'me', activity: 'me' }, stamp: stamp() },
            'prompt:today': { circleId },
            'prompt:library': { circleId },
            'prompt:suggest': { promptId: crypto.randomUUID(), circleId, text: 'Mine' },
            'prompt:add': { promptId: crypto.randomUUID(), circleId, text: 'Mine' },
            'prompt:edit': { promptId: id(promptId), text: 'Edited' },
            'prompt:retire': { promptId: id(promptId), retired: false },
            'prompt:decide': { promptId: id(suggested), accept: true },
            'prompt:thread': { promptId: id(openPrompt), circleId },
          }[action];
        };
        const result = (await call(all[who] as ClientSocket, action as 'moderation:queue', payload(circle.id, threadId, postId, reportId))) as Result<unknown>;
        const expected = answers[who];
        if (expected === true) {
          expect(result.ok, `${who} may ${action}: ${JSON.stringify(result)}`).toBe(true);
          if (result.ok) DATA[action]?.(result.data, who, h);
        } else if (expected === 'forbidden-blocked') expect(result, `${who} ${action}`).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'This writer has blocked you.' } });
        else if (expected) expect(result, `${who} ${action}`).toMatchObject({ ok: false, error: { code: expected } });
        else {
          const refusal = who === 'signed-out' ? 'forbidden' : (REFUSAL[action] ?? 'forbidden');
          expect(result, `${who} may not ${action}`).toEqual({ ok: false, error: { code: refusal, message: expect.any(String) } });
          const ghost = (await call(all[who] as ClientSocket, action as 'moderation:queue', payload(crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()))) as Result<unknown>;
          expect(ghost, `${who} ${action} on something made up`).toEqual(result);
        }
        // A suggestion left open is declined, so the owner never has more waiting than a writer may.
        if (action === 'prompt:decide' && expected !== true) await must(all.owner, 'prompt:decide', { promptId: suggested, accept: false });
      }
    });
  }

  it('activity:follow of a writer: anyone signed in, except the writer the poster blocked, who is answered as for a writer who does not exist; unfollowing is always allowed', async () => {
    const { all, poster } = await hub();
    for (const who of WHO) {
      const follow = await call(all[who] as ClientSocket, 'activity:follow', { kind: 'writer', id: poster.userId, following: true });
      const ghost = await call(all[who] as ClientSocket, 'activity:follow', { kind: 'writer', id: crypto.randomUUID(), following: true });
      if (who === 'signed-out') expect(follow, who).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      else if (who === 'blocked') expect(follow, who).toMatchObject({ ok: false, error: { code: 'not_found' } });
      else expect(follow.ok && follow.data.map((f) => f.id), who).toEqual([poster.userId]);
      if (!follow.ok) expect(ghost, `${who} following a made-up writer`).toEqual(follow);
    }
    // Followed before the block: the blocked writer may still stop following.
    const socket = all.blocked as ClientSocket;
    await must(poster.socket, 'moderation:block', { userId: (await must(socket, 'account:me', {})).id, blocked: false });
    await must(socket, 'activity:follow', { kind: 'writer', id: poster.userId, following: true });
    await must(poster.socket, 'moderation:block', { userId: (await must(socket, 'account:me', {})).id, blocked: true });
    expect(await must(socket, 'activity:follow', { kind: 'writer', id: poster.userId, following: false })).toEqual([]);
  });

  it('sprint:cheer: the writer the poster blocked cannot cheer the poster in anyone’s sprint; others may', async () => {
    const { circle, all, poster } = await hub();
    const sprint = await must(all.owner, 'sprint:create', { circleId: circle.id, durationMin: 30 });
    for (const socket of [poster.socket, all.blocked, all.member] as ClientSocket[]) await must(socket, 'sprint:join', { sprintId: sprint.id });
    const cheer = (socket: ClientSocket) => call(socket, 'sprint:cheer', { sprintId: sprint.id, toUserId: poster.userId, reaction: '🔥' });
    expect(await cheer(all.blocked as ClientSocket)).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'This writer has blocked you.' } });
    expect(await cheer(all.member as ClientSocket)).toEqual({ ok: true, data: null });
  });

  it('the site queue, a site sanction and naming site moderators: site staff only (naming: admins only); a writer’s own sanctions: anyone signed in', async () => {
    const { url, all } = await hub();
    for (const who of WHO) {
      const victim = await newWriter(url);
      const queue = await call(all[who] as ClientSocket, 'moderation:queue', {});
      const log = await call(all[who] as ClientSocket, 'moderation:log', {});
      const sanction = await call(all[who] as ClientSocket, 'moderation:sanction', { userId: victim.userId, kind: 'warn', reason: 'Site-wide warning.' });
      const name = await call(all[who] as ClientSocket, 'moderation:setSiteModerator', { userId: victim.userId, moderator: true, reason: 'Trusted.' });
      const own = await call(all[who] as ClientSocket, 'moderation:sanctions', {});
      const staff = STAFF.includes(who);
      for (const r of [queue, log, sanction]) expect(r.ok, `${who}: ${JSON.stringify(r)}`).toBe(staff);
      expect(name.ok, `${who} names a site moderator`).toBe(who === 'admin');
      if (!staff) expect(queue).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(own.ok, `${who} reads their own sanctions`).toBe(who !== 'signed-out');
    }
  });
});

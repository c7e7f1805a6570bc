import { describe, expect, it } from 'vitest';
import { createBadgesRepo } from '../../../server/features/profiles/badges.repo';
import { DEFAULT_PRIVACY, type ProfilePrivacy } from '../../../shared/rules/profiles';
import { call, must, newWriter, startCommunity, type StoreKind } from '../../helpers/community';

let tick = 0;
/** A stamp as a studio's clock makes them: now, with a counter, so each is newer than the last. */
const stamp = (ms = Date.now()) => `${String(ms).padStart(15, '0')}:${String(++tick).padStart(6, '0')}:test`;
const profile = (over: Record<string, unknown> = {}) => ({
  displayName: 'Ann Writes',
  bio: 'I write\u0007 ghost stories on the train.\n\n\n\nMostly.',
  genres: ['horror', 'folk'],
  workingOn: { title: 'The Quiet House', genre: 'horror', words: 41250 },
  stamp: stamp(),
  ...over,
});

async function world(kind: StoreKind) {
  const { url, store } = await startCommunity(kind, { limits: { burst: 1000, perSecond: 1000 } });
  const [ann, mate, stranger] = [await newWriter(url), await newWriter(url), await newWriter(url)];
  // Ann and her circle-mate share a private circle; Ann is also in a public one.
  const porch = await must(ann.socket, 'circle:create', { name: 'Porch' });
  const { code } = await must(ann.socket, 'circle:invite', { circleId: porch.id });
  await must(mate.socket, 'circle:join', { code });
  const open = await must(ann.socket, 'circle:create', { name: 'Open mic' });
  await store.db.updateTable('circles').set({ visibility: 'public' }).where('id', '=', open.id).execute();
  return { url, store, ann, mate, stranger, porch, open };
}

describe.each(['sqlite', 'postgres'] as const)('writer profiles (%s)', (kind) => {
  it('each field is sent to the stranger, the circle-mate and the writer as its privacy says, never more', async () => {
    const { store, ann, mate, stranger, porch, open } = await world(kind);
    const mine = await must(ann.socket, 'profile:update', profile());
    // The bio is stored as plain text: the bell character and the extra blank lines are gone.
    expect(mine).toMatchObject({ displayName: 'Ann Writes', bio: 'I write ghost stories on the train.\n\nMostly.', relation: 'self', privacy: DEFAULT_PRIVACY });
    const stored = await store.db.selectFrom('users').select(['display_name', 'bio', 'genres']).where('id', '=', ann.userId).executeTakeFirstOrThrow();
    expect(stored).toEqual({ display_name: 'Ann Writes', bio: 'I write ghost stories on the train.\n\nMostly.', genres: '["horror","folk"]' });
    const badges = createBadgesRepo(store.db);
    expect(await badges.award(ann.userId, 'first-draft', 'Finished a first draft')).toBe(true);
    expect(await badges.award(ann.userId, 'first-draft', 'Finished a first draft')).toBe(false);
    await must(ann.socket, 'discussion:start', { threadId: crypto.randomUUID(), postId: crypto.randomUUID(), circleId: porch.id, title: 'Ghosts in kitchens', body: 'Where do yours live?' });
    await must(ann.socket, 'discussion:start', { threadId: crypto.randomUUID(), postId: crypto.randomUUID(), circleId: open.id, title: 'Open reading night', body: 'Who reads?' });

    // Defaults: bio, genres, circles and badges to everyone; the work and the activity to circles.
    const strangerView = await must(stranger.socket, 'profile:get', { accountId: ann.userId });
    expect(Object.keys(strangerView).sort()).toEqual(['accountId', 'badges', 'bio', 'circles', 'displayName', 'genres', 'relation', 'username']);
    expect(strangerView.relation).toBe('stranger');
    expect(strangerView.circles).toEqual([{ id: open.id, name: 'Open mic' }]);
    expect(strangerView.badges?.map((b) => b.key)).toEqual(['first-draft']);
    const mateView = await must(mate.socket, 'profile:get', { accountId: ann.userId });
    expect(mateView.relation).toBe('circle');
    expect(mateView.workingOn).toEqual({ title: 'The Quiet House', genre: 'horror', words: 41250 });
    expect(mateView.circles?.map((c) => c.name)).toEqual(['Open mic', 'Porch']);
    expect(mateView.activity?.map((a) => a.title)).toEqual(['Open reading night', 'Ghosts in kitchens']);
    expect(mateView.privacy).toBeUndefined();

    // Bio to circles, working-on to only me, activity to everyone (only what the stranger may see of it).
    const privacy: ProfilePrivacy = { ...DEFAULT_PRIVACY, bio: 'circles', workingOn: 'me', activity: 'everyone', badges: 'me' };
    expect((await must(ann.socket, 'profile:privacy', { privacy, stamp: stamp() })).privacy).toEqual(privacy);
    const raw = JSON.stringify(await call(stranger.socket, 'profile:get', { accountId: ann.userId }));
    expect(raw).not.toContain('ghost stories');
    expect(raw).not.toContain('Quiet House');
    expect(raw).not.toContain('Ghosts in kitchens');
    expect(raw).not.toContain('first-draft');
    expect((await must(stranger.socket, 'profile:get', { accountId: ann.userId })).activity?.map((a) => a.title)).toEqual(['Open reading night']);
    const mateAgain = await must(mate.socket, 'profile:get', { accountId: ann.userId });
    expect(mateAgain.bio).toContain('ghost stories');
    expect('workingOn' in mateAgain).toBe(false);
    expect('badges' in mateAgain).toBe(false);
    const self = await must(ann.socket, 'profile:get', { accountId: ann.userId });
    expect(self.workingOn?.title).toBe('The Quiet House');
    expect(self.badges).toHaveLength(1);
  });

  it('an update sent again or older than the last applied changes nothing; a stamp far ahead is refused', async () => {
    const { store, ann, mate } = await world(kind);
    const newer = profile({ displayName: 'Ann (new)', stamp: stamp(Date.now() + 1000) });
    const older = profile({ displayName: 'Ann (old)', stamp: stamp(Date.now() - 1000) });
    await must(ann.socket, 'profile:update', newer);
    expect((await must(ann.socket, 'profile:update', older)).displayName).toBe('Ann (new)');
    expect((await must(ann.socket, 'profile:update', newer)).displayName).toBe('Ann (new)');
    // A late privacy change is judged on its own stamp, not the profile's.
    await must(ann.socket, 'profile:privacy', { privacy: { ...DEFAULT_PRIVACY, genres: 'me' }, stamp: stamp(Date.now() - 5000) });
    expect('genres' in (await must(mate.socket, 'profile:get', { accountId: ann.userId }))).toBe(false);
    const ahead = await call(ann.socket, 'profile:update', profile({ stamp: stamp(Date.now() + 10 * 60_000) }));
    expect(ahead).toMatchObject({ ok: false, error: { code: 'clock_ahead' } });
    const row = await store.db.selectFrom('users').select('display_name').where('id', '=', ann.userId).executeTakeFirstOrThrow();
    expect(row.display_name).toBe('Ann (new)');
  });

  it('a writer who blocked the viewer is answered as a writer who does not exist', async () => {
    const { ann, mate } = await world(kind);
    const ghost = await call(mate.socket, 'profile:get', { accountId: crypto.randomUUID() });
    expect(ghost).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await must(ann.socket, 'moderation:block', { userId: mate.userId, blocked: true });
    expect(await call(mate.socket, 'profile:get', { accountId: ann.userId })).toEqual(ghost);
    // The blocker still sees the blocked writer's profile, and the block lifted shows it again.
    await must(ann.socket, 'profile:get', { accountId: mate.userId });
    await must(ann.socket, 'moderation:block', { userId: mate.userId, blocked: false });
    expect((await must(mate.socket, 'profile:get', { accountId: ann.userId })).relation).toBe('circle');
  });
});

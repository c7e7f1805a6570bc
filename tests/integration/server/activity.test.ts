import { describe, expect, it } from 'vitest';
import { call, must, newWriter, startCommunity, type StoreKind } from '../../helpers/community';

async function world(kind: StoreKind) {
  const { url } = await startCommunity(kind, { limits: { burst: 1000, perSecond: 1000 } });
  const owner = await newWriter(url);
  const circle = await must(owner.socket, 'circle:create', { name: 'Porch' });
  const { code } = await must(owner.socket, 'circle:invite', { circleId: circle.id });
  const [ann, bo, stranger] = [await newWriter(url), await newWriter(url), await newWriter(url)];
  for (const w of [ann, bo]) await must(w.socket, 'circle:join', { code });
  return { url, owner, ann, bo, stranger, circle };
}
const thread = (circleId: string, title: string) => ({ threadId: crypto.randomUUID(), postId: crypto.randomUUID(), circleId, title, body: 'Hello.' });

describe.each(['sqlite', 'postgres'] as const)('kudos, follows and the activity feed (%s)', (kind) => {
  it('kudos on a post count once per writer; follows of a writer and of a circle fill the feed, newest first, by keyset', async () => {
    const { owner, ann, bo, stranger, circle } = await world(kind);
    const first = thread(circle.id, 'Morning pages');
    await must(ann.socket, 'discussion:start', first);
    expect(await must(bo.socket, 'activity:kudos', { targetKind: 'post', targetId: first.postId, given: true })).toEqual({ targetId: first.postId, count: 1, mine: true });
    expect(await must(bo.socket, 'activity:kudos', { targetKind: 'post', targetId: first.postId, given: true })).toMatchObject({ count: 1 });
    expect(await must(owner.socket, 'activity:kudos', { targetKind: 'post', targetId: first.postId, given: true })).toEqual({ targetId: first.postId, count: 2, mine: true });
    expect(await call(ann.socket, 'activity:kudos', { targetKind: 'post', targetId: first.postId, given: true })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const ghost = await call(stranger.socket, 'activity:kudos', { targetKind: 'post', targetId: crypto.randomUUID(), given: true });
    expect(ghost).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(stranger.socket, 'activity:kudos', { targetKind: 'post', targetId: first.postId, given: true })).toEqual(ghost);

    // Owner follows Ann (a writer) and the circle; Bo's kudos and Ann's threads reach the feed.
    expect((await must(owner.socket, 'activity:follow', { kind: 'writer', id: ann.userId, following: true })).map((f) => [f.kind, f.name])).toEqual([['writer', ann.username]]);
    await must(owner.socket, 'activity:follow', { kind: 'circle', id: circle.id, following: true });
    for (let i = 0; i < 4; i++) await must(ann.socket, 'discussion:start', thread(circle.id, `Thread ${i}`));
    const seen: string[] = [];
    let before: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await must(owner.socket, 'activity:feed', { limit: 2, ...(before ? { before } : {}) });
      seen.push(...page.items.map((it) => `${it.kind}:${it.actorName}:${it.title}`));
      if (!page.next) break;
      before = page.next;
    }
    const whole = (await must(owner.socket, 'activity:feed', {})).items.map((it) => `${it.kind}:${it.actorName}:${it.title}`);
    expect(seen).toEqual(whole);
    expect(whole.sort()).toEqual(
      [`kudos:${bo.username}:Morning pages`, ...[0, 1, 2, 3].map((i) => `thread:${ann.username}:Thread ${i}`), `thread:${ann.username}:Morning pages`].sort(),
    );
    // Its own kudos are not in one's feed; a stranger following Ann sees nothing of a private circle.
    await must(stranger.socket, 'activity:follow', { kind: 'writer', id: ann.userId, following: true });
    expect((await must(stranger.socket, 'activity:feed', {})).items).toEqual([]);
    expect(await call(stranger.socket, 'activity:follow', { kind: 'circle', id: circle.id, following: true })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // Unfollowing the circle and blocking Ann empties the feed; the block ends following both ways.
    await must(ann.socket, 'activity:follow', { kind: 'writer', id: owner.userId, following: true });
    await must(owner.socket, 'activity:follow', { kind: 'circle', id: circle.id, following: false });
    await must(owner.socket, 'moderation:block', { userId: ann.userId, blocked: true });
    expect((await must(owner.socket, 'activity:feed', {})).items).toEqual([]);
    expect(await must(owner.socket, 'activity:follows', {})).toEqual([]);
    expect((await must(ann.socket, 'activity:follows', {})).map((f) => f.id)).not.toContain(owner.userId);
    expect((await must(stranger.socket, 'activity:follows', {})).map((f) => f.id)).toEqual([ann.userId]);
  });
});

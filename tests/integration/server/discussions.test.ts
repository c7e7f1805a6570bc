import { describe, expect, it } from 'vitest';
import { call, must, newWriter, nextEvent, startCommunity, type StoreKind } from '../../helpers/community';

async function circleOfThree(kind: StoreKind) {
  const { url } = await startCommunity(kind, { limits: { burst: 1000, perSecond: 1000 } });
  const owner = await newWriter(url, `owner_${Math.random().toString(36).slice(2, 8)}`);
  const circle = await must(owner.socket, 'circle:create', { name: 'Porch' });
  const { code } = await must(owner.socket, 'circle:invite', { circleId: circle.id });
  const ann = await newWriter(url, `ann_${Math.random().toString(36).slice(2, 8)}`);
  const bo = await newWriter(url, `bo_${Math.random().toString(36).slice(2, 8)}`);
  for (const w of [ann, bo]) await must(w.socket, 'circle:join', { code });
  return { url, owner, ann, bo, circle };
}
const start = (circleId: string, title: string, body = 'First post.', categoryId: string | null = null) => ({ threadId: crypto.randomUUID(), postId: crypto.randomUUID(), circleId, categoryId, title, body });

describe.each(['sqlite', 'postgres'] as const)('discussions (%s)', (kind) => {
  it('categories, threads and replies, unread markers, a resend answered as before, and @mentions', async () => {
    const { owner, ann, bo, circle } = await circleOfThree(kind);
    const cats = await must(owner.socket, 'discussion:setCategories', { circleId: circle.id, names: ['Craft', 'Accountability', 'Off-topic'] });
    expect(cats.map((c) => c.name)).toEqual(['Craft', 'Accountability', 'Off-topic']);
    // Renaming keeps ids of names kept; a dropped name leaves its threads uncategorised.
    const again = await must(owner.socket, 'discussion:setCategories', { circleId: circle.id, names: ['craft', 'Off-topic'] });
    expect(again.map((c) => c.id)).toEqual([cats[0]!.id, cats[2]!.id]);
    expect(await must(bo.socket, 'discussion:categories', { circleId: circle.id })).toEqual(again);

    const changed = nextEvent(owner.socket, 'discussion:changed');
    const mentioned = nextEvent(bo.socket, 'discussion:mentioned');
    const input = start(circle.id, 'Dialogue tags', `How do you handle *said*? @${bo.username} you had a trick.`, cats[0]!.id);
    const started = await must(ann.socket, 'discussion:start', input);
    expect(started.thread).toMatchObject({ id: input.threadId, title: 'Dialogue tags', categoryId: cats[0]!.id, postCount: 1, unread: false, pinned: false, locked: false });
    expect(started.posts.map((p) => p.body)).toEqual([input.body]);
    expect(await changed).toEqual({ circleId: circle.id, threadId: input.threadId });
    expect(await mentioned).toMatchObject({ circleId: circle.id, threadId: input.threadId, postId: input.postId, title: 'Dialogue tags' });
    // The outbox sends again after a lost answer: the same thread, not a second one.
    expect((await must(ann.socket, 'discussion:start', input)).thread.id).toBe(input.threadId);
    expect(await call(bo.socket, 'discussion:start', { ...input, title: 'Hijack' })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    // Bo sees it unread until he opens it; his reply makes it unread for Ann.
    const boList = await must(bo.socket, 'discussion:threads', { circleId: circle.id });
    expect(boList.threads.map((t) => [t.title, t.unread])).toEqual([['Dialogue tags', true]]);
    await must(bo.socket, 'discussion:thread', { threadId: input.threadId });
    expect((await must(bo.socket, 'discussion:threads', { circleId: circle.id })).threads[0]!.unread).toBe(false);
    const replyId = crypto.randomUUID();
    const reply = await must(bo.socket, 'discussion:reply', { postId: replyId, threadId: input.threadId, body: 'Use action beats.' });
    expect(reply).toMatchObject({ id: replyId, body: 'Use action beats.', authorId: bo.userId });
    expect((await must(bo.socket, 'discussion:reply', { postId: replyId, threadId: input.threadId, body: 'Use action beats.' })).id).toBe(replyId);
    const annList = await must(ann.socket, 'discussion:threads', { circleId: circle.id });
    expect(annList.threads[0]).toMatchObject({ postCount: 2, unread: true });
    const read = await must(ann.socket, 'discussion:thread', { threadId: input.threadId });
    expect(read.posts.map((p) => p.body)).toEqual([input.body, 'Use action beats.']);
    expect(read.thread.unread).toBe(false);
    // The category filter.
    await must(owner.socket, 'discussion:start', start(circle.id, 'Off we go', 'Hello.', cats[2]!.id));
    expect((await must(bo.socket, 'discussion:threads', { circleId: circle.id, categoryId: cats[2]!.id })).threads.map((t) => t.title)).toEqual(['Off we go']);
  });

  it('pinned threads come first, locked ones take replies from moderators only, and pages follow by keyset', async () => {
    const { owner, ann, bo, circle } = await circleOfThree(kind);
    const titles: string[] = [];
    for (let i = 0; i < 7; i++) {
      titles.push(`Thread ${i}`);
      await must(ann.socket, 'discussion:start', start(circle.id, `Thread ${i}`));
    }
    const all = await must(bo.socket, 'discussion:threads', { circleId: circle.id });
    const pinnedId = all.threads.find((t) => t.title === 'Thread 2')!.id;
    expect(await call(bo.socket, 'discussion:moderate', { threadId: pinnedId, pinned: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await must(owner.socket, 'circle:setRole', { circleId: circle.id, userId: bo.userId, role: 'moderator' });
    expect(await must(bo.socket, 'discussion:moderate', { threadId: pinnedId, pinned: true, locked: true })).toMatchObject({ pinned: true, locked: true });

    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await must(ann.socket, 'discussion:threads', { circleId: circle.id, limit: 3, ...(after ? { after } : {}) });
      seen.push(...page.threads.map((t) => t.title));
      if (!page.next) break;
      after = page.next;
    }
    // Every thread once, in the order of one whole page: the pinned one first, then the newest activity.
    const whole = (await must(ann.socket, 'discussion:threads', { circleId: circle.id })).threads.map((t) => t.title);
    expect(seen).toEqual(whole);
    expect(whole[0]).toBe('Thread 2');
    expect(whole.slice(1).sort()).toEqual(titles.filter((t) => t !== 'Thread 2'));

    expect(await call(ann.socket, 'discussion:reply', { postId: crypto.randomUUID(), threadId: pinnedId, body: 'Me too' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await must(bo.socket, 'discussion:reply', { postId: crypto.randomUUID(), threadId: pinnedId, body: 'Locked for now.' })).body).toBe('Locked for now.');
    expect((await must(ann.socket, 'discussion:thread', { threadId: pinnedId })).posts).toHaveLength(2);
  });
});

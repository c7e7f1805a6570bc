import { describe, expect, it } from 'vitest';
import { call, must, newWriter, nextEvent, startCommunity, type StoreKind } from '../../helpers/community';

async function circleWithAThread(kind: StoreKind) {
  const { url } = await startCommunity(kind, { limits: { burst: 1000, perSecond: 1000 } });
  const owner = await newWriter(url);
  const circle = await must(owner.socket, 'circle:create', { name: 'Porch' });
  const { code } = await must(owner.socket, 'circle:invite', { circleId: circle.id });
  const [troll, ann, bo] = [await newWriter(url, `troll_${Math.random().toString(36).slice(2, 8)}`), await newWriter(url), await newWriter(url)];
  for (const w of [troll, ann, bo]) await must(w.socket, 'circle:join', { code });
  const threadId = crypto.randomUUID();
  const first = crypto.randomUUID();
  await must(ann.socket, 'discussion:start', { threadId, postId: first, circleId: circle.id, title: 'Endings', body: 'How do you end a novel?' });
  const rude = crypto.randomUUID();
  await must(troll.socket, 'discussion:reply', { postId: rude, threadId, body: 'Buy cheap watches at spam.example' });
  return { url, owner, troll, ann, bo, circle, threadId, first, rude };
}

describe.each(['sqlite', 'postgres'] as const)('moderation (%s)', (kind) => {
  it('a report goes to the circle’s queue; a moderator hides the post; the audit log says who, what, why and when; every reporter is told', async () => {
    const { owner, ann, bo, circle, threadId, rude } = await circleWithAThread(kind);
    const reported = nextEvent(owner.socket, 'moderation:reported');
    const reportId = crypto.randomUUID();
    const filed = await must(ann.socket, 'moderation:report', { reportId, targetKind: 'post', targetId: rude, reason: 'spam', note: 'Selling watches.' });
    expect(filed).toMatchObject({ id: reportId, circleId: circle.id, targetId: rude, reason: 'spam', note: 'Selling watches.', status: 'open' });
    expect(await reported).toEqual({ circleId: circle.id });
    expect(await must(ann.socket, 'moderation:report', { reportId, targetKind: 'post', targetId: rude, reason: 'spam', note: 'Selling watches.' })).toEqual(filed);
    await must(bo.socket, 'moderation:report', { reportId: crypto.randomUUID(), targetKind: 'post', targetId: rude, reason: 'off-topic' });
    expect(await call(ann.socket, 'moderation:report', { reportId: crypto.randomUUID(), targetKind: 'post', targetId: (await must(ann.socket, 'discussion:thread', { threadId })).posts[0]!.id, reason: 'other' })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const queue = await must(owner.socket, 'moderation:queue', { circleId: circle.id });
    expect(queue.map((r) => [r.reason, r.excerpt, r.threadTitle]).sort()).toEqual([
      ['off-topic', 'Buy cheap watches at spam.example', 'Endings'],
      ['spam', 'Buy cheap watches at spam.example', 'Endings'],
    ]);
    const annTold = nextEvent(ann.socket, 'moderation:outcome');
    const boTold = nextEvent(bo.socket, 'moderation:outcome');
    const entry = await must(owner.socket, 'moderation:decide', { reportId, action: 'hide', reason: 'Advertising is not allowed here.' });
    expect(entry).toMatchObject({ circleId: circle.id, action: 'hide', targetKind: 'post', targetId: rude, reportId, reason: 'Advertising is not allowed here.', actorId: owner.userId });
    expect(await annTold).toMatchObject({ reportId, action: 'hide', reason: 'Advertising is not allowed here.' });
    expect(await boTold).toMatchObject({ action: 'hide' });
    expect(await must(owner.socket, 'moderation:queue', { circleId: circle.id })).toEqual([]);
    expect(await must(owner.socket, 'moderation:log', { circleId: circle.id })).toEqual([entry]);
    expect(await call(owner.socket, 'moderation:decide', { reportId, action: 'dismiss', reason: 'again' })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    // The post is hidden for everyone: its text withheld, its place kept.
    const seen = await must(bo.socket, 'discussion:thread', { threadId });
    expect(seen.posts.find((p) => p.id === rude)).toMatchObject({ hidden: true, body: '' });
    expect(JSON.stringify(seen)).not.toContain('watches');
  });

  it('a block makes the blocked writer’s threads and posts disappear for the one who blocked, and silences their mentions', async () => {
    const { troll, ann, bo, circle, threadId, rude } = await circleWithAThread(kind);
    const trollThread = crypto.randomUUID();
    await must(troll.socket, 'discussion:start', { threadId: trollThread, postId: crypto.randomUUID(), circleId: circle.id, title: 'Troll thread', body: 'Hello' });
    expect(await must(ann.socket, 'moderation:block', { userId: troll.userId, blocked: true })).toEqual([{ userId: troll.userId, displayName: troll.username, since: expect.any(String) }]);
    expect((await must(ann.socket, 'discussion:threads', { circleId: circle.id })).threads.map((t) => t.title)).toEqual(['Endings']);
    expect((await must(ann.socket, 'discussion:thread', { threadId })).posts.map((p) => p.id)).not.toContain(rude);
    // Others still see them.
    expect((await must(bo.socket, 'discussion:threads', { circleId: circle.id })).threads).toHaveLength(2);
    expect((await must(bo.socket, 'discussion:thread', { threadId })).posts.map((p) => p.id)).toContain(rude);
    // A mention from the blocked writer does not reach Ann.
    let mentioned = false;
    ann.socket.on('discussion:mentioned', () => void (mentioned = true));
    await must(troll.socket, 'discussion:reply', { postId: crypto.randomUUID(), threadId: trollThread, body: `@${ann.username} hey` });
    // Nor may they answer Ann's own thread.
    expect(await call(troll.socket, 'discussion:reply', { postId: crypto.randomUUID(), threadId, body: 'still here' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await new Promise((r) => setTimeout(r, 200));
    expect(mentioned).toBe(false);
    // Unblocked: back.
    expect(await must(ann.socket, 'moderation:block', { userId: troll.userId, blocked: false })).toEqual([]);
    expect((await must(ann.socket, 'discussion:threads', { circleId: circle.id })).threads).toHaveLength(2);
    expect(await call(ann.socket, 'moderation:block', { userId: ann.userId, blocked: true })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});

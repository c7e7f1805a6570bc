import { describe, expect, it } from 'vitest';
import type { LocalThreadView } from '../../shared/api/discussions';
import type { ModerationChange, QueuedReport } from '../../shared/api/moderation';
import type { Circle } from '../../shared/protocol/community-events';
import { call, serverOn, studioFor, waitFor } from '../helpers/studio';

describe('moderation from three studios (owner, member, a writer who joined from the directory)', () => {
  it('a report through the outbox reaches the owner’s queue; the owner hides the post; the reporter is told; a block clears the blocked writer’s posts from the reader’s copy', async () => {
    const { url } = await serverOn();
    const owner = await studioFor(url, 'mod_owner');
    const member = await studioFor(url, 'mod_member');
    const reader = await studioFor(url, 'mod_reader');
    const circle = await call<Circle>(owner.core, 'circles.create', { name: 'Harbour' });
    await call(owner.core, 'directory.setListing', { circleId: circle.id, visibility: 'public' });
    for (const w of [member, reader]) await call(w.core, 'directory.join', { circleId: circle.id });

    const thread = await call<LocalThreadView>(owner.core, 'discussions.start', { circleId: circle.id, title: 'Rules', body: 'Be kind.' });
    const threadId = thread.thread.id;
    await waitFor(async () => (await member.core.call('discussions.thread', { threadId })).ok, 'the thread reached the member');
    const rude = await call<{ id: string }>(member.core, 'discussions.reply', { threadId, body: 'You are all terrible writers.' });
    await waitFor(async () => (await call<LocalThreadView>(reader.core, 'discussions.thread', { threadId })).posts.some((p) => p.id === rude.id), 'the reader sees the rude post');

    const ownerChanges: ModerationChange[] = [];
    owner.core.on('moderation:changed', (c) => c && ownerChanges.push(c));
    const readerChanges: ModerationChange[] = [];
    reader.core.on('moderation:changed', (c) => c && readerChanges.push(c));
    await call(reader.core, 'moderation.report', { postId: rude.id, reason: 'harassment', note: 'Insulting everyone.' });
    await waitFor(() => ownerChanges.some((c) => c.kind === 'reported'), 'the owner heard of the report');
    const queue = await call<QueuedReport[]>(owner.core, 'moderation.queue', { circleId: circle.id });
    expect(queue.map((r) => [r.reason, r.note, r.excerpt, r.reporterName])).toEqual([['harassment', 'Insulting everyone.', 'You are all terrible writers.', 'mod_reader']]);
    await call(owner.core, 'moderation.decide', { reportId: queue[0]!.id, action: 'hide', reason: 'Personal attacks are not allowed.' });
    await waitFor(() => readerChanges.some((c) => c.kind === 'outcome' && c.action === 'hide'), 'the reporter was told');
    expect(readerChanges.find((c) => c.kind === 'outcome')).toMatchObject({ reason: 'Personal attacks are not allowed.' });
    const log = await call<Array<{ action: string; actorName: string; reason: string }>>(owner.core, 'moderation.log', { circleId: circle.id });
    expect(log.map((e) => [e.action, e.actorName, e.reason])).toEqual([['hide', 'mod_owner', 'Personal attacks are not allowed.']]);
    const hidden = await call<LocalThreadView>(reader.core, 'discussions.thread', { threadId });
    expect(hidden.posts.find((p) => p.id === rude.id)).toMatchObject({ hidden: true, body: '' });

    // The reader blocks the member: their posts leave the reader's copy, and fresh reads too.
    await call(member.core, 'discussions.reply', { threadId, body: 'Another one from me.' });
    await waitFor(async () => (await call<LocalThreadView>(reader.core, 'discussions.thread', { threadId })).posts.length === 3, 'the reader sees the second post');
    await call(reader.core, 'moderation.block', { userId: member.userId, blocked: true });
    const after = await call<LocalThreadView>(reader.core, 'discussions.thread', { threadId });
    expect(after.posts.map((p) => p.authorName)).toEqual(['mod_owner']);
    // A member may not see the queue.
    expect(await member.core.call('moderation.queue', { circleId: circle.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

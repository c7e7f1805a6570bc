import { describe, expect, it } from 'vitest';
import type { LocalThreadList, LocalThreadView } from '../../shared/api/discussions';
import type { DirectoryPage } from '../../shared/api/directory';
import type { Circle } from '../../shared/protocol/community-events';
import { call, serverOn, studioFor, waitFor } from '../helpers/studio';

describe('discussions from three studios (owner, member, stranger)', () => {
  it('a member finds the circle in the directory, joins and starts a thread; reads it offline and replies offline; the reply reaches the owner later', async () => {
    const first = await serverOn();
    const owner = await studioFor(first.url, 'disc_owner');
    const member = await studioFor(first.url, 'disc_member');
    const stranger = await studioFor(first.url, 'disc_stranger');

    const circle = await call<Circle>(owner.core, 'circles.create', { name: 'Morning Pages' });
    await call(owner.core, 'directory.setListing', { circleId: circle.id, visibility: 'public' });
    const [categoryCraft] = await call<Array<{ id: string }>>(owner.core, 'discussions.setCategories', { circleId: circle.id, names: ['Craft', 'Accountability'] });
    const found = await call<DirectoryPage>(member.core, 'directory.search', { query: 'morning' });
    await call(member.core, 'directory.join', { circleId: found.circles[0]!.id });

    const started = await call<LocalThreadView>(member.core, 'discussions.start', { circleId: circle.id, categoryId: categoryCraft!.id, title: 'Openings', body: 'How do you **start** a chapter?' });
    expect(started.thread).toMatchObject({ title: 'Openings', syncState: 'pending' });
    const threadId = started.thread.id;
    // The outbox sends it; the owner's studio is told and lists it, unread.
    let ownerHeard = false;
    owner.core.on('discussions:changed', (c) => void (c?.threadId === threadId && (ownerHeard = true)));
    await waitFor(async () => (await call<LocalThreadView>(member.core, 'discussions.thread', { threadId })).thread.syncState === 'synced', 'the thread reached the server');
    await waitFor(() => ownerHeard, 'the owner heard of the new thread');
    const ownerList = await call<LocalThreadList>(owner.core, 'discussions.threads', { circleId: circle.id });
    expect(ownerList.threads.map((t) => [t.title, t.unread, t.categoryId])).toEqual([['Openings', true, categoryCraft!.id]]);
    expect((await call<LocalThreadView>(owner.core, 'discussions.thread', { threadId })).posts.map((p) => p.body)).toEqual(['How do you **start** a chapter?']);
    // The stranger may not read it.
    expect(await stranger.core.call('discussions.threads', { circleId: circle.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // The server goes away: the member still reads what was synced, and replies.
    await first.close();
    await waitFor(() => member.core.current('sync:status').state !== 'online', 'the member is offline');
    const offline = await call<LocalThreadList>(member.core, 'discussions.threads', { circleId: circle.id });
    expect(offline).toMatchObject({ offline: true, threads: [{ id: threadId, title: 'Openings' }] });
    const reply = await call<{ id: string; syncState: string }>(member.core, 'discussions.reply', { threadId, body: 'Answering from the train.' });
    expect(reply.syncState).toBe('pending');
    const readOffline = await call<LocalThreadView>(member.core, 'discussions.thread', { threadId });
    expect(readOffline.offline).toBe(true);
    expect(readOffline.posts.map((p) => [p.body, p.syncState])).toEqual([
      ['How do you **start** a chapter?', 'synced'],
      ['Answering from the train.', 'pending'],
    ]);

    // Back online (same server, same port): the reply goes, once, and the owner reads it.
    await serverOn(first.dbFile, first.port);
    await waitFor(async () => (await call<LocalThreadView>(member.core, 'discussions.thread', { threadId })).posts.every((p) => p.syncState === 'synced'), 'the reply was sent', 20_000);
    // The owner's studio reconnects in its own time: until then it answers from its copy.
    await waitFor(async () => {
      const view = await owner.core.call('discussions.thread', { threadId });
      return view.ok && (view.data as LocalThreadView).posts.length === 2;
    }, 'the owner is back online and has the reply', 20_000);
    const ownerView = await call<LocalThreadView>(owner.core, 'discussions.thread', { threadId });
    expect(ownerView.posts.map((p) => [p.body, p.authorName])).toEqual([
      ['How do you **start** a chapter?', 'disc_member'],
      ['Answering from the train.', 'disc_member'],
    ]);
    expect(ownerView.thread.postCount).toBe(2);
  });
});

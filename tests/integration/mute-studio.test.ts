import { describe, expect, it, onTestFinished } from 'vitest';
import type { LocalThreadList, LocalThreadView } from '../../shared/api/discussions';
import type { Circle } from '../../shared/protocol/community-events';
import { createStudioCore, type StudioCore } from '../../electron/core/studio-core';
import { tempDir } from '../helpers/temp-dir';
import { call, serverOn, studioFor, waitFor } from '../helpers/studio';

const open = (dataDir: string) => {
  const core = createStudioCore({ dataDir, host: 'browser', deviceName: 'mute test', communityBackoff: { delayMs: 100, maxDelayMs: 300 } });
  onTestFinished(() => core.close());
  return core;
};
const thread = (core: StudioCore, threadId: string) => call<LocalThreadView>(core, 'discussions.thread', { threadId });

describe('a muted thread, as the studio keeps it', () => {
  it('is loaded back from the server on another computer, kept after a restart and offline, and an unmute made offline reaches the server later', async () => {
    const first = await serverOn();
    let store = first.store;
    const owner = await studioFor(first.url, 'mute_owner');
    const member = await studioFor(first.url, 'mute_member');
    const circle = await call<Circle>(owner.core, 'circles.create', { name: 'Attic' });
    await call(owner.core, 'directory.setListing', { circleId: circle.id, visibility: 'public' });
    await call(member.core, 'directory.join', { circleId: circle.id });
    const started = await call<LocalThreadView>(owner.core, 'discussions.start', { circleId: circle.id, title: 'Loud thread', body: 'Lots of talk.' });
    const threadId = started.thread.id;
    await waitFor(async () => (await member.core.call('discussions.thread', { threadId })).ok, 'the thread reached the member');
    expect((await thread(member.core, threadId)).thread.muted).toBe(false);

    // Muted: at once here, and on the server once the outbox sent it.
    expect(await call(member.core, 'moderation.mute', { threadId, muted: true })).toEqual({ threadId, muted: true });
    expect((await thread(member.core, threadId)).thread.muted).toBe(true);
    const mutedOnServer = async () => !!(await store.db.selectFrom('thread_mutes').select('user_id').where('thread_id', '=', threadId).where('user_id', '=', member.userId).executeTakeFirst());
    await waitFor(mutedOnServer, 'the mute reached the server');

    // Another computer, the same writer: the thread and the list say muted.
    const laptop = open(tempDir());
    await call(laptop, 'community.setServer', { url: first.url });
    await waitFor(() => laptop.current('sync:status').state === 'offline', 'the laptop reached the server');
    await call(laptop, 'community.signIn', { username: 'mute_member', password: 'a long enough password' });
    expect((await call<LocalThreadList>(laptop, 'discussions.threads', { circleId: circle.id })).threads.map((t) => [t.title, t.muted])).toEqual([['Loud thread', true]]);
    expect((await thread(laptop, threadId)).thread.muted).toBe(true);

    // The first studio restarts while the server is down: its copy still says muted.
    member.core.close();
    await first.close();
    const restarted = open(member.dataDir);
    const offline = await thread(restarted, threadId);
    expect([offline.offline, offline.thread.muted]).toEqual([true, true]);
    // Unmuted offline: shown at once, kept in the outbox; the server still has the mute.
    await call(restarted, 'moderation.mute', { threadId, muted: false });
    expect((await thread(restarted, threadId)).thread.muted).toBe(false);
    expect((await call<LocalThreadList>(restarted, 'discussions.threads', { circleId: circle.id })).threads[0]!.muted).toBe(false);

    // Back online: the unmute goes; the server forgets the mute, and mentions reach the writer again.
    store = (await serverOn(first.dbFile, first.port)).store;
    await waitFor(async () => !(await mutedOnServer()), 'the unmute reached the server', 20_000);
    expect((await thread(restarted, threadId)).thread.muted).toBe(false);
    await waitFor(async () => (await owner.core.call('discussions.reply', { threadId, body: 'Back, @mute_member?' })).ok, 'the owner replied');
    await waitFor(async () => !!(await store.db.selectFrom('activity_notices').select('seq').where('user_id', '=', member.userId).where('kind', '=', 'mention').executeTakeFirst()), 'the mention was noticed', 20_000);
  });
});

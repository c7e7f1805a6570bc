import { describe, expect, it, onTestFinished } from 'vitest';
import type { LocalThreadView } from '../../shared/api/discussions';
import type { CommunityStatus } from '../../shared/api/studio-api';
import type { Circle } from '../../shared/protocol/community-events';
import { createStudioCore } from '../../electron/core/studio-core';
import { call, serverOn, studioFor, waitFor } from '../helpers/studio';

const names = (view: LocalThreadView) => view.posts.map((p) => [p.body, p.authorName]);

describe('a writer renamed in their own studio', () => {
  it('their own posts kept here, the account shown and what they write next (offline, and after a restart) carry the new name at once', async () => {
    const first = await serverOn();
    const owner = await studioFor(first.url, 'rn_owner');
    const writer = await studioFor(first.url, 'rn_writer');
    const circle = await call<Circle>(owner.core, 'circles.create', { name: 'Porch' });
    await call(owner.core, 'directory.setListing', { circleId: circle.id, visibility: 'public' });
    await call(writer.core, 'directory.join', { circleId: circle.id });
    const started = await call<LocalThreadView>(writer.core, 'discussions.start', { circleId: circle.id, title: 'My thread', body: 'Written online.' });
    const threadId = started.thread.id;
    await waitFor(async () => (await call<LocalThreadView>(writer.core, 'discussions.thread', { threadId })).thread.syncState === 'synced', 'the thread reached the server');

    // Offline: one reply waits in the outbox, then the writer renames themselves.
    await first.close();
    await waitFor(() => writer.core.current('sync:status').state !== 'online', 'the writer is offline');
    await call(writer.core, 'discussions.reply', { threadId, body: 'Written on the train.' });
    let told = false;
    writer.core.on('discussions:changed', (c) => void (c && c.threadId === null && (told = true)));
    // The status is told again by the save itself (it runs at once), so what shows the account (the Community tab) reads it afresh.
    let saving = true;
    let statusTold = false;
    writer.core.on('sync:status', () => void (saving && (statusTold = true)));
    const saved = writer.core.call('profiles.update', { displayName: 'Rena Writes', bio: '', genres: [], workingOn: null });
    saving = false;
    expect(await saved).toMatchObject({ ok: true });
    expect([told, statusTold]).toEqual([true, true]);
    const offline = await call<LocalThreadView>(writer.core, 'discussions.thread', { threadId });
    expect(offline.thread.authorName).toBe('Rena Writes');
    expect(names(offline)).toEqual([
      ['Written online.', 'Rena Writes'],
      ['Written on the train.', 'Rena Writes'],
    ]);
    // What they write next, and the account the studio shows.
    expect((await call<{ authorName: string }>(writer.core, 'discussions.reply', { threadId, body: 'And again.' })).authorName).toBe('Rena Writes');
    expect((await call<CommunityStatus>(writer.core, 'community.status')).account?.displayName).toBe('Rena Writes');

    // Restarted, still offline: the studio writes as the new name (its record of the account was renamed too).
    writer.core.close();
    const again = createStudioCore({ dataDir: writer.dataDir, host: 'browser', deviceName: 'rn_writer', communityBackoff: { delayMs: 100, maxDelayMs: 300 } });
    onTestFinished(() => again.close());
    expect((await call<{ authorName: string }>(again, 'discussions.reply', { threadId, body: 'After a restart.' })).authorName).toBe('Rena Writes');

    // Back online: everything goes; the owner reads every post under the new name.
    await serverOn(first.dbFile, first.port);
    await waitFor(async () => (await call<LocalThreadView>(again, 'discussions.thread', { threadId })).posts.every((p) => p.syncState === 'synced'), 'the replies were sent', 20_000);
    await waitFor(async () => {
      const view = await owner.core.call('discussions.thread', { threadId });
      return view.ok && (view.data as LocalThreadView).posts.length === 4;
    }, 'the owner has every reply', 20_000);
    const ownerView = await call<LocalThreadView>(owner.core, 'discussions.thread', { threadId });
    expect(new Set(ownerView.posts.map((p) => p.authorName))).toEqual(new Set(['Rena Writes']));
    // The server was asked who the writer is before the new name reached it: the studio still shows the new one.
    await waitFor(async () => (await call<CommunityStatus>(again, 'community.status')).account?.displayName === 'Rena Writes', 'the account shows the new name');
    expect((await call<{ authorName: string }>(again, 'discussions.reply', { threadId, body: 'Online again.' })).authorName).toBe('Rena Writes');
  });
});

import { describe, expect, it, onTestFinished } from 'vitest';
import type { LocalThreadView } from '../../shared/api/discussions';
import type { QueuedReport } from '../../shared/api/moderation';
import type { StudioNotification } from '../../shared/api/notifications';
import type { Circle } from '../../shared/protocol/community-events';
import { createStudioCore } from '../../electron/core/studio-core';
import { call, serverOn, studioFor, waitFor } from '../helpers/studio';

const notifications = (core: Parameters<typeof call>[0]) => call<StudioNotification[]>(core, 'notifications.list', { limit: 100 });

describe('mentions and report outcomes are notices kept on the server', () => {
  it('a writer whose studio was closed while mentioned and while their report was decided finds both in the centre once after reconnecting; a blocked writer’s mention never notifies', async () => {
    const { url, store } = await serverOn();
    const owner = await studioFor(url, 'notice_owner');
    const writer = await studioFor(url, 'notice_writer');
    const pest = await studioFor(url, 'notice_pest');
    const circle = await call<Circle>(owner.core, 'circles.create', { name: 'Lighthouse' });
    await call(owner.core, 'directory.setListing', { circleId: circle.id, visibility: 'public' });
    for (const w of [writer, pest]) await call(w.core, 'directory.join', { circleId: circle.id });

    const started = await call<LocalThreadView>(owner.core, 'discussions.start', { circleId: circle.id, title: 'Harbour notes', body: 'Welcome.' });
    const threadId = started.thread.id;
    await waitFor(async () => (await pest.core.call('discussions.thread', { threadId })).ok, 'the thread reached the pest');
    const rude = await call<{ id: string }>(pest.core, 'discussions.reply', { threadId, body: 'Nobody reads this.' });
    await waitFor(async () => !!(await store.db.selectFrom('discussion_posts').select('id').where('id', '=', rude.id).executeTakeFirst()), 'the rude post reached the server');
    // The writer reports it and blocks its writer, then closes the studio.
    await call(writer.core, 'moderation.report', { targetKind: 'post', targetId: rude.id, reason: 'harassment', note: 'Rude.' });
    await waitFor(async () => !!(await store.db.selectFrom('reports').select('id').where('target_id', '=', rude.id).executeTakeFirst()), 'the report reached the server');
    await call(writer.core, 'moderation.block', { userId: pest.userId, blocked: true });
    writer.core.close();

    // Meanwhile: the owner mentions the writer and hides the post; the blocked pest mentions the writer too.
    const mention = await call<{ id: string }>(owner.core, 'discussions.reply', { threadId, body: 'Thanks @notice_writer, looking at it.' });
    const queue = await call<QueuedReport[]>(owner.core, 'moderation.queue', { circleId: circle.id });
    await call(owner.core, 'moderation.decide', { reportId: queue[0]!.id, action: 'hide', reason: 'No put-downs here.' });
    const pestMention = await call<{ id: string }>(pest.core, 'discussions.reply', { threadId, body: '@notice_writer you again.' });
    await waitFor(async () => (await store.db.selectFrom('discussion_posts').select('id').where('id', 'in', [mention.id, pestMention.id]).execute()).length === 2, 'both replies reached the server');
    // The notices wait on the server: one mention (not the pest's) and one outcome.
    const kept = await store.db.selectFrom('activity_notices').select(['kind', 'ref_id']).where('user_id', '=', writer.userId).orderBy('seq').execute();
    expect(kept).toEqual([
      { kind: 'mention', ref_id: mention.id },
      { kind: 'report', ref_id: queue[0]!.id },
    ]);

    // The writer opens the studio again (same data folder, still signed in).
    const again = createStudioCore({ dataDir: writer.dataDir, host: 'browser', deviceName: 'notice_writer', communityBackoff: { delayMs: 100, maxDelayMs: 300 } });
    onTestFinished(() => again.close());
    await waitFor(async () => (await notifications(again)).filter((n) => n.kind !== 'join').length >= 2, 'the notices reached the reopened studio', 20_000);
    // Opened once more (the cursor was kept; a second read after it): still once each.
    again.close();
    const third = createStudioCore({ dataDir: writer.dataDir, host: 'browser', deviceName: 'notice_writer', communityBackoff: { delayMs: 100, maxDelayMs: 300 } });
    onTestFinished(() => third.close());
    await waitFor(() => third.current('sync:status').state === 'online', 'the studio is back online');
    await new Promise((r) => setTimeout(r, 300));
    const list = (await notifications(third)).filter((n) => n.kind !== 'join');
    expect(list.map((n) => [n.kind, n.title, n.body, n.circleId]).sort()).toEqual([
      ['mention', 'notice_owner mentioned you in “Harbour notes”', 'Thanks @notice_writer, looking at it.', circle.id],
      ['report', 'Your report was answered: the post was hidden', 'No put-downs here.', circle.id],
    ]);
  });

  it('online, a mention reaches the centre once (one path, not a live event and a notice)', async () => {
    const { url } = await serverOn();
    const owner = await studioFor(url, 'online_owner');
    const writer = await studioFor(url, 'online_writer');
    const circle = await call<Circle>(owner.core, 'circles.create', { name: 'Quay' });
    await call(owner.core, 'directory.setListing', { circleId: circle.id, visibility: 'public' });
    await call(writer.core, 'directory.join', { circleId: circle.id });
    const started = await call<LocalThreadView>(owner.core, 'discussions.start', { circleId: circle.id, title: 'Hello', body: 'Hi @online_writer and welcome.' });
    await waitFor(async () => (await notifications(writer.core)).some((n) => n.kind === 'mention'), 'the mention reached the writer');
    await call(owner.core, 'discussions.reply', { threadId: started.thread.id, body: 'And again, @online_writer.' });
    await waitFor(async () => (await notifications(writer.core)).filter((n) => n.kind === 'mention').length === 2, 'the second mention reached the writer');
    await new Promise((r) => setTimeout(r, 300));
    expect((await notifications(writer.core)).filter((n) => n.kind === 'mention').map((n) => n.body).sort()).toEqual(['And again, @online_writer.', 'Hi @online_writer and welcome.']);
  });
});

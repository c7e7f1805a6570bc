import { describe, expect, it } from 'vitest';
import type { ActivityPage, KudosCount, SprintResultKudos } from '../../shared/api/activity';
import type { NotificationSettings, NotificationsSummary, StudioNotification } from '../../shared/api/notifications';
import type { Circle } from '../../shared/protocol/community-events';
import { call, serverOn, studioFor, waitFor } from '../helpers/studio';
import type { StudioCore } from '../../electron/core/studio-core';

const hhmm = (d: Date) => d.toISOString().slice(11, 16);
const watch = (core: StudioCore) => {
  const seen: NotificationsSummary[] = [];
  core.on('notifications:changed', (s) => s && seen.push(s));
  return seen;
};

describe('encouragement from studios', () => {
  it('kudos given offline wait in the outbox and reach the writer; a follow and kudos reach the feed; quiet hours hold the desktop notification', async () => {
    const { url, store } = await serverOn();
    const ana = await studioFor(url, 'enc_ana');
    const bo = await studioFor(url, 'enc_bo');
    const anaSeen = watch(ana.core);
    // Ana's quiet hours are now (an hour either side, in UTC): desktop notifications wait in the centre.
    const now = Date.now();
    const settings = await call<NotificationSettings>(ana.core, 'notifications.setSettings', { quiet: { from: hhmm(new Date(now - 3600_000)), to: hhmm(new Date(now + 3600_000)) }, timeZone: 'UTC' });
    expect(settings).toMatchObject({ quiet: { from: hhmm(new Date(now - 3600_000)) }, timeZone: 'UTC', digest: { on: false } });

    const circle = await call<Circle>(ana.core, 'circles.create', { name: 'Tidewater' });
    const { code } = await call<{ code: string }>(ana.core, 'circles.invite', { circleId: circle.id });
    await call(bo.core, 'circles.join', { code });
    await call(bo.core, 'activity.follow', { kind: 'writer', id: ana.userId, following: true });
    await waitFor(async () => (await call<StudioNotification[]>(ana.core, 'notifications.list', {})).some((n) => n.kind === 'follow'), 'the follow reached Ana');
    const follow = (await call<StudioNotification[]>(ana.core, 'notifications.list', {})).find((n) => n.kind === 'follow')!;
    expect(follow).toMatchObject({ title: 'enc_bo follows you now', tab: 'community', read: false });
    // Kept and counted, but no desktop notification during quiet hours.
    await waitFor(() => anaSeen.some((s) => s.unread >= 1), 'the count moved');
    expect(anaSeen.filter((s) => s.alert)).toEqual([]);

    // A sprint result of Ana's, as the server's sweep records it.
    const sprint = { id: crypto.randomUUID(), circle_id: circle.id, created_by: ana.userId, title: 'Lunch sprint', starts_at: new Date(now - 20 * 60_000).toISOString(), ends_at: new Date(now - 10 * 60_000).toISOString(), duration_min: 10, goal_words: null, created_at: new Date(now - 20 * 60_000).toISOString() };
    await store.db.insertInto('sprints').values(sprint).execute();
    await store.db.insertInto('sprint_writers').values({ sprint_id: sprint.id, user_id: ana.userId, joined_at: sprint.starts_at, words: 321, updated_at: sprint.ends_at, flagged: 0, left_at: null }).execute();
    const { createActivityRepo } = await import('../../server/features/activity/activity.repo');
    expect(await createActivityRepo(store.db).recordSprintResults()).toBe(1);
    const [result] = await call<SprintResultKudos[]>(bo.core, 'activity.sprintResults', { sprintId: sprint.id });
    expect(result).toMatchObject({ writerId: ana.userId, words: 321, count: 0, mine: false });
    const feed = await call<ActivityPage>(bo.core, 'activity.feed', {});
    expect(feed.items.map((i) => [i.kind, i.actorName, i.title])).toEqual([['sprint_result', 'enc_ana', '321 words in “Lunch sprint”']]);

    // Bo goes offline and gives kudos: kept here, waiting in the outbox.
    await call(bo.core, 'community.setServer', { url: 'http://127.0.0.1:1' });
    expect(await call<KudosCount>(bo.core, 'activity.kudos', { targetKind: 'sprint_result', targetId: result!.targetId, given: true })).toEqual({ targetId: result!.targetId, count: 1, mine: true });
    // The outbox's count is told when the outbox has looked again, not within the call.
    await waitFor(() => bo.core.current('sync:outbox').pending === 1, 'the kudos wait in the outbox');
    expect(await call<KudosCount[]>(bo.core, 'activity.kudosOf', { targetKind: 'sprint_result', targetIds: [result!.targetId] })).toEqual([{ targetId: result!.targetId, count: 1, mine: true }]);
    expect(await store.db.selectFrom('kudos').selectAll().execute()).toEqual([]);
    // Back online: sent, counted on the server, and a notification in Ana's centre (held from the desktop).
    await call(bo.core, 'community.setServer', { url });
    await waitFor(() => bo.core.current('sync:outbox').pending === 0, 'the kudos were sent');
    expect(await store.db.selectFrom('kudos').select(['user_id', 'target_kind', 'target_id']).execute()).toEqual([{ user_id: bo.userId, target_kind: 'sprint_result', target_id: result!.targetId }]);
    await waitFor(async () => (await call<StudioNotification[]>(ana.core, 'notifications.list', {})).some((n) => n.kind === 'kudos'), 'the kudos reached Ana');
    const kudos = (await call<StudioNotification[]>(ana.core, 'notifications.list', {})).find((n) => n.kind === 'kudos')!;
    expect(kudos.title).toBe('enc_bo gave kudos on your sprint: 321 words in “Lunch sprint”');
    expect(anaSeen.filter((s) => s.alert)).toEqual([]);
    expect((await call<ActivityPage>(bo.core, 'activity.feed', {})).items[0]).toMatchObject({ kudos: 1, kudosMine: true });

    // Quiet hours over: the next one shows on the desktop.
    await call(ana.core, 'notifications.setSettings', { quiet: null });
    await call(bo.core, 'activity.follow', { kind: 'writer', id: ana.userId, following: false });
    await call(bo.core, 'activity.follow', { kind: 'writer', id: ana.userId, following: true });
    await waitFor(() => anaSeen.some((s) => s.alert?.kind === 'follow'), 'a desktop alert for the second follow');
  });

  it('the daily digest sums up what it held, once a day; a kind turned off in the app is not kept', async () => {
    const { url } = await serverOn();
    const ana = await studioFor(url, 'dig_ana');
    const [bo, cy] = [await studioFor(url, 'dig_bo'), await studioFor(url, 'dig_cy')];
    const anaSeen = watch(ana.core);
    const held = () => (ana.core.db.prepare('SELECT count(*) AS n FROM notifications WHERE held = 1').get() as { n: number }).n;
    // The digest at midnight UTC: today's is due as soon as something is held.
    await call(ana.core, 'notifications.setSettings', { digest: { on: true, at: '00:00' }, timeZone: 'UTC' });
    await call(bo.core, 'activity.follow', { kind: 'writer', id: ana.userId, following: true });
    await waitFor(() => anaSeen.some((s) => s.alert?.digest), 'the digest');
    expect(anaSeen.filter((s) => s.alert).map((s) => [s.alert!.title, s.alert!.body, s.alert!.digest])).toEqual([['dig_bo follows you now', '1 new follower', true]]);
    expect(held()).toBe(0);
    // The next one waits for tomorrow's digest: kept, counted, no desktop notification.
    await call(cy.core, 'activity.follow', { kind: 'writer', id: ana.userId, following: true });
    await waitFor(() => held() === 1, 'the second follow is held');
    expect(anaSeen.filter((s) => s.alert)).toHaveLength(1);
    expect((await call<NotificationsSummary>(ana.core, 'notifications.summary', {})).unread).toBe(2);
    // Follows turned off in the app: a third is not kept at all.
    await call(ana.core, 'notifications.setSettings', { inApp: { follow: false } });
    await call(cy.core, 'activity.follow', { kind: 'writer', id: ana.userId, following: false });
    const dan = await studioFor(url, 'dig_dan');
    await call(dan.core, 'activity.follow', { kind: 'writer', id: ana.userId, following: true });
    await waitFor(async () => (ana.core.db.prepare('SELECT seq FROM activity_cursor').get() as { seq: number } | undefined)?.seq === 3, 'the third notice was read');
    expect((await call<StudioNotification[]>(ana.core, 'notifications.list', {})).map((n) => n.title).sort()).toEqual(['dig_bo follows you now', 'dig_cy follows you now']);
  });
});

import { describe, expect, it } from 'vitest';
import type { LocalChallengeList, LocalChallengeView } from '../../shared/api/challenges';
import type { Circle } from '../../shared/protocol/community-events';
import { addDays } from '../../shared/goals/writing-days';
import { localDay } from '../../electron/core/clock';
import { docJson } from '../fixtures/lexical';
import { call, serverOn, studioFor, waitFor } from '../helpers/studio';

const words = (n: number) => docJson([Array.from({ length: n }, (_, i) => `w${i}`).join(' ')]);
type Server = Awaited<ReturnType<typeof serverOn>>;
const serverDays = (server: Server, challengeId: string, accountId: string) =>
  server.store.db.selectFrom('challenge_days').select(['day', 'words']).where('challenge_id', '=', challengeId).where('account_id', '=', accountId).orderBy('day').execute();

describe('challenges from three studios (owner, member, stranger)', () => {
  it('counts a member’s words from their own saves, across midnight and offline, only with their consent, and forgets them when it is withdrawn', async () => {
    let server = await serverOn();
    // The member's evening: 23:40 local time today, moved on by hand.
    const evening = new Date();
    evening.setHours(23, 40, 0, 0);
    let shift = evening.getTime() - Date.now();
    const clock = () => new Date(Date.now() + shift);
    const today = localDay(clock());
    const tomorrow = addDays(today, 1);

    const owner = await studioFor(server.url, 'ch_owner');
    const member = await studioFor(server.url, 'ch_member', undefined, { clock });
    const stranger = await studioFor(server.url, 'ch_stranger');
    const circle = await call<Circle>(owner.core, 'circles.create', { name: 'Night shift' });
    const { code } = await call<{ code: string }>(owner.core, 'circles.invite', { circleId: circle.id });
    await call(member.core, 'circles.join', { code });

    const created = await call<LocalChallengeView>(owner.core, 'challenges.create', {
      title: 'Thousand words',
      circleId: circle.id,
      goalKind: 'words',
      goal: 1000,
      startDay: addDays(today, -2),
      endDay: addDays(today, 5),
    });
    const challengeId = created.challenge.id;
    expect(created.progress).toBeNull();
    // The stranger is told what a missing challenge gets, and does not see it listed.
    const ghost = await stranger.core.call('challenges.get', { challengeId: crypto.randomUUID() });
    expect(ghost).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await stranger.core.call('challenges.get', { challengeId })).toEqual(ghost);
    expect((await call<LocalChallengeList>(stranger.core, 'challenges.list', {})).challenges).toEqual([]);

    // Writing before joining: nothing is sent.
    const project = await call(member.core, 'projects.create', { title: 'Novel' });
    const doc = await call(member.core, 'documents.create', { projectId: project.id, title: 'Chapter' });
    await call(member.core, 'documents.save', { id: doc.id, content: words(100) });
    expect(await call<LocalChallengeView>(member.core, 'challenges.get', { challengeId })).toMatchObject({ progress: null });
    expect(await member.core.call('challenges.join', { challengeId, consent: false })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await new Promise((r) => setTimeout(r, 200));
    expect(await serverDays(server, challengeId, member.userId)).toEqual([]);

    // Joining is consenting: today's words already written are sent.
    const joined = await call<LocalChallengeView>(member.core, 'challenges.join', { challengeId, consent: true });
    expect(joined.progress).toMatchObject({ today, total: 100 });
    await waitFor(async () => (await serverDays(server, challengeId, member.userId)).length === 1, 'the day before joining was sent');

    // 23:55: 300 words in all today. 00:05: 200 more, on tomorrow.
    shift += 15 * 60_000;
    await call(member.core, 'documents.save', { id: doc.id, content: words(300) });
    shift += 10 * 60_000;
    expect(localDay(clock())).toBe(tomorrow);
    await call(member.core, 'documents.save', { id: doc.id, content: words(500) });
    await waitFor(async () => JSON.stringify(await serverDays(server, challengeId, member.userId)) === JSON.stringify([{ day: today, words: 300 }, { day: tomorrow, words: 200 }]), 'both days reached the server');
    const view = await call<LocalChallengeView>(member.core, 'challenges.get', { challengeId });
    expect(view.challenge.mine).toMatchObject({ total: 500, milestone: 50 });
    expect(view.progress).toMatchObject({ today: tomorrow, total: 500 });
    expect(view.progress!.days.filter((d) => d.value > 0).map((d) => [d.day, d.value])).toEqual([
      [today, 300],
      [tomorrow, 200],
    ]);
    // Three days of eight are behind, five left (tomorrow included): 500 still to write, 100 a day.
    expect(view.progress!.pace).toMatchObject({ daysLeft: 5, perDay: 100 });

    // Offline on the train: the writing counts here at once, and is sent when the server is back.
    await server.close();
    await waitFor(() => member.core.current('sync:status').state !== 'online', 'the member is offline');
    shift += 30 * 60_000;
    await call(member.core, 'documents.save', { id: doc.id, content: words(700) });
    const offline = await call<LocalChallengeView>(member.core, 'challenges.get', { challengeId });
    expect(offline).toMatchObject({ offline: true, progress: { total: 700 } });
    expect(offline.progress!.waiting).toBeGreaterThan(0);
    server = await serverOn(server.dbFile, server.port);
    await waitFor(async () => (await serverDays(server, challengeId, member.userId)).find((d) => d.day === tomorrow)?.words === 400, 'the offline words were sent on reconnect', 20_000);
    await waitFor(async () => {
      const board = await owner.core.call('challenges.leaderboard', { challengeId });
      return board.ok && (board.data as { rows: { total: number }[] }).rows[0]?.total === 700;
    }, 'the owner sees the member’s total', 20_000);
    const board = await call<{ rows: { displayName: string; total: number; rank: number }[] }>(owner.core, 'challenges.leaderboard', { challengeId });
    expect(board.rows.map((r) => [r.rank, r.displayName, r.total])).toEqual([[1, 'ch_member', 700]]);

    // Consent withdrawn: nothing more is sent and the server removes what it had.
    await call(member.core, 'challenges.withdraw', { challengeId });
    await waitFor(async () => (await serverDays(server, challengeId, member.userId)).length === 0, 'the member’s totals were removed');
    await call(member.core, 'documents.save', { id: doc.id, content: words(900) });
    await new Promise((r) => setTimeout(r, 300));
    expect(await serverDays(server, challengeId, member.userId)).toEqual([]);
    expect((await call<{ rows: unknown[] }>(owner.core, 'challenges.leaderboard', { challengeId })).rows).toEqual([]);
    expect((await call<LocalChallengeView>(member.core, 'challenges.get', { challengeId })).progress).toBeNull();
  });
});

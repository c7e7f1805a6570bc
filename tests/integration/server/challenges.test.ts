import { describe, expect, it } from 'vitest';
import { call, must, newWriter, startCommunity, type StoreKind } from '../../helpers/community';

// The server's day: 10 November 2026, noon UTC.
const NOW = new Date('2026-11-10T12:00:00Z');
const TODAY = '2026-11-10';
const id = () => crypto.randomUUID();
const nano = (over: Record<string, unknown> = {}) => ({
  challengeId: id(),
  title: 'NaNo',
  goalKind: 'words',
  goal: 50_000,
  startDay: '2026-11-01',
  endDay: '2026-11-30',
  today: TODAY,
  ...over,
});

async function hub(kind: StoreKind) {
  const community = await startCommunity(kind, {
    now: () => NOW,
    limits: { burst: 1000, perSecond: 1000 },
    registrationLimit: { perAddress: { limit: 100, windowMs: 60_000 }, global: { limit: 100, windowMs: 60_000 } },
  });
  const owner = await newWriter(community.url);
  const circle = await must(owner.socket, 'circle:create', { name: 'Porch' });
  const { code } = await must(owner.socket, 'circle:invite', { circleId: circle.id });
  const member = await newWriter(community.url);
  await must(member.socket, 'circle:join', { code });
  const stranger = await newWriter(community.url);
  return { ...community, owner, member, stranger, circle };
}

describe.each(['sqlite', 'postgres'] as const)('challenges (%s)', (kind) => {
  it('creates, joins with consent, counts daily totals, announces milestones, and forgets totals when consent is withdrawn', async () => {
    const { store, owner, member, stranger, circle } = await hub(kind);
    // Out of bounds: refused, nothing stored.
    expect(await call(owner.socket, 'challenge:create', nano({ goal: 50 }))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(owner.socket, 'challenge:create', nano({ endDay: '2026-10-01' }))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(owner.socket, 'challenge:create', nano({ today: '2026-11-20' }))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(stranger.socket, 'challenge:create', nano({ circleId: circle.id }))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await store.db.selectFrom('challenges').select('id').execute()).toEqual([]);

    const input = nano({ circleId: circle.id, goal: 1000 });
    const created = await must(owner.socket, 'challenge:create', input);
    expect(created.challenge).toMatchObject({ id: input.challengeId, title: 'NaNo', circleId: circle.id, circleName: 'Porch', goal: 1000, participants: 0, mine: null });
    // A resend after a lost answer is answered as before; the same id from someone else is not theirs.
    expect((await must(owner.socket, 'challenge:create', input)).challenge.id).toBe(input.challengeId);
    expect(await call(member.socket, 'challenge:create', input)).toMatchObject({ ok: false, error: { code: 'conflict' } });

    // The stranger gets the answer a challenge that does not exist gets.
    const missing = await call(stranger.socket, 'challenge:get', { challengeId: id() });
    expect(await call(stranger.socket, 'challenge:get', { challengeId: input.challengeId })).toEqual(missing);
    expect(await call(stranger.socket, 'challenge:join', { challengeId: input.challengeId, consent: true })).toEqual(missing);
    expect((await must(stranger.socket, 'challenge:list', {})).challenges).toEqual([]);
    expect((await must(member.socket, 'challenge:list', {})).challenges.map((c) => c.id)).toEqual([input.challengeId]);

    // Joining needs consent; before joining, totals are refused.
    expect(await call(member.socket, 'challenge:join', { challengeId: input.challengeId, consent: false })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(member.socket, 'challenge:progress', { challengeId: input.challengeId, day: TODAY, words: 10, minutes: 1 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const joined = await must(member.socket, 'challenge:join', { challengeId: input.challengeId, consent: true });
    expect(joined.challenge).toMatchObject({ participants: 1, mine: { total: 0, milestone: 0, cabinId: null } });
    expect((await must(member.socket, 'challenge:join', { challengeId: input.challengeId, consent: true })).challenge.participants).toBe(1);

    // Daily totals: the newest for a day replaces it; a day of cutting counts nothing, never less.
    expect(await must(member.socket, 'challenge:progress', { challengeId: input.challengeId, day: '2026-11-08', words: 300, minutes: 20 })).toEqual({ total: 300, milestone: 25, completed: false });
    await must(member.socket, 'challenge:progress', { challengeId: input.challengeId, day: '2026-11-09', words: -200, minutes: 5 });
    expect(await must(member.socket, 'challenge:progress', { challengeId: input.challengeId, day: '2026-11-08', words: 400, minutes: 25 })).toEqual({ total: 400, milestone: 25, completed: false });
    // Outside the challenge, or a day that has come nowhere yet: refused.
    expect(await call(member.socket, 'challenge:progress', { challengeId: input.challengeId, day: '2026-10-31', words: 10, minutes: 0 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await call(member.socket, 'challenge:progress', { challengeId: input.challengeId, day: '2026-11-12', words: 10, minutes: 0 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await must(member.socket, 'challenge:progress', { challengeId: input.challengeId, day: '2026-11-11', words: 700, minutes: 40 })).toEqual({ total: 1100, milestone: 100, completed: true });
    const view = await must(member.socket, 'challenge:get', { challengeId: input.challengeId });
    expect(view.challenge.mine).toMatchObject({ total: 1100, daysWritten: 3, milestone: 100 });
    expect(view.challenge.mine!.completedAt).toBe(NOW.toISOString());
    expect(view.days).toEqual([
      { day: '2026-11-08', words: 400, minutes: 25 },
      { day: '2026-11-09', words: -200, minutes: 5 },
      { day: '2026-11-11', words: 700, minutes: 40 },
    ]);
    // Finishing earns the badge (profiles' store), once.
    expect(await store.db.selectFrom('badges').select(['key', 'label']).where('account_id', '=', member.userId).execute()).toEqual([{ key: `challenge:${input.challengeId}`, label: 'Finished “NaNo”' }]);
    // Each milestone once, into the activity feed's table (400 -> 1100 crossed 50, 75 and 100 in one save: one item each).
    const milestones = await store.db.selectFrom('activity').select(['title', 'actor_id']).where('kind', '=', 'challenge_milestone').orderBy('title').execute();
    expect(milestones).toEqual([
      { title: '100% of NaNo', actor_id: member.userId },
      { title: '25% of NaNo', actor_id: member.userId },
      { title: '50% of NaNo', actor_id: member.userId },
      { title: '75% of NaNo', actor_id: member.userId },
    ]);

    // Consent withdrawn: gone from the leaderboard, every total removed from the server.
    await must(member.socket, 'challenge:withdraw', { challengeId: input.challengeId });
    expect(await store.db.selectFrom('challenge_days').select('day').where('account_id', '=', member.userId).execute()).toEqual([]);
    expect(await store.db.selectFrom('challenge_progress').select('total').where('account_id', '=', member.userId).execute()).toEqual([]);
    expect((await must(owner.socket, 'challenge:leaderboard', { challengeId: input.challengeId })).rows).toEqual([]);
    expect((await must(owner.socket, 'challenge:get', { challengeId: input.challengeId })).challenge.participants).toBe(0);
    expect(await call(member.socket, 'challenge:progress', { challengeId: input.challengeId, day: TODAY, words: 10, minutes: 1 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // A stranger cannot read its leaderboard either.
    expect(await call(stranger.socket, 'challenge:leaderboard', { challengeId: input.challengeId })).toEqual(missing);
  });

  it('counts days with writing and minutes by the goal', async () => {
    const { owner } = await hub(kind);
    const week = nano({ title: 'A scene a day', goalKind: 'days', goal: 7, startDay: '2026-11-08', endDay: '2026-11-14' });
    await must(owner.socket, 'challenge:create', week);
    await must(owner.socket, 'challenge:join', { challengeId: week.challengeId, consent: true });
    for (const [day, words] of [['2026-11-08', 500], ['2026-11-09', 0], ['2026-11-10', -40]] as const) {
      await must(owner.socket, 'challenge:progress', { challengeId: week.challengeId, day, words, minutes: words === -40 ? 12 : 0 });
    }
    expect((await must(owner.socket, 'challenge:get', { challengeId: week.challengeId })).challenge.mine).toMatchObject({ total: 2, daysWritten: 2 });
    const hours = nano({ title: '10 hours', goalKind: 'minutes', goal: 600 });
    await must(owner.socket, 'challenge:create', hours);
    await must(owner.socket, 'challenge:join', { challengeId: hours.challengeId, consent: true });
    await must(owner.socket, 'challenge:progress', { challengeId: hours.challengeId, day: '2026-11-02', words: 100, minutes: 90 });
    expect(await must(owner.socket, 'challenge:progress', { challengeId: hours.challengeId, day: '2026-11-03', words: 0, minutes: 80 })).toEqual({ total: 170, milestone: 25, completed: false });
  });

  it('cabins of twelve refuse the thirteenth; the leaderboard pages by keyset with ranks; cabin standings', async () => {
    const { url, owner } = await hub(kind);
    const open = nano({ title: 'Open November', cabins: true });
    await must(owner.socket, 'challenge:create', open);
    const plain = nano({ title: 'No cabins' });
    await must(owner.socket, 'challenge:create', plain);
    const cabinId = id();
    await must(owner.socket, 'challenge:join', { challengeId: open.challengeId, consent: true, newCabin: { id: cabinId, name: 'Night owls' } });
    expect(await call(owner.socket, 'challenge:join', { challengeId: plain.challengeId, consent: true, cabinId })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(owner.socket, 'challenge:join', { challengeId: plain.challengeId, consent: true, cabinId: id() })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const writers = [owner];
    for (let i = 0; i < 12; i++) writers.push(await newWriter(url));
    // Eleven more fill the cabin; the thirteenth is refused and is in nothing.
    for (const w of writers.slice(1, 12)) await must(w.socket, 'challenge:join', { challengeId: open.challengeId, consent: true, cabinId });
    const thirteenth = writers[12]!;
    expect(await call(thirteenth.socket, 'challenge:join', { challengeId: open.challengeId, consent: true, cabinId })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/full/) } });
    expect((await must(thirteenth.socket, 'challenge:get', { challengeId: open.challengeId })).challenge.mine).toBeNull();
    expect(await call(thirteenth.socket, 'challenge:join', { challengeId: open.challengeId, consent: true, cabinId: id() })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const otherCabin = id();
    await must(thirteenth.socket, 'challenge:join', { challengeId: open.challengeId, consent: true, newCabin: { id: otherCabin, name: 'Larks' } });

    // Totals with ties: 13 writers, words 100 * (i % 5).
    for (const [i, w] of writers.entries()) await must(w.socket, 'challenge:progress', { challengeId: open.challengeId, day: TODAY, words: 100 * (i % 5), minutes: 1 });
    const whole = await must(owner.socket, 'challenge:leaderboard', { challengeId: open.challengeId, limit: 100 });
    expect(whole.rows).toHaveLength(13);
    expect(whole.rows.map((r) => r.rank)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    const totals = whole.rows.map((r) => r.total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    const seen: typeof whole.rows = [];
    let after: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await must(writers[3]!.socket, 'challenge:leaderboard', { challengeId: open.challengeId, limit: 4, ...(after ? { after } : {}) });
      seen.push(...page.rows);
      if (!page.next) break;
      after = page.next;
    }
    expect(seen).toEqual(whole.rows);
    // One cabin's board, and the standings of the cabins.
    const larks = await must(owner.socket, 'challenge:leaderboard', { challengeId: open.challengeId, cabinId: otherCabin });
    expect(larks.rows.map((r) => [r.accountId, r.cabinName, r.rank])).toEqual([[thirteenth.userId, 'Larks', 1]]);
    const view = await must(owner.socket, 'challenge:get', { challengeId: open.challengeId });
    const owls = whole.rows.filter((r) => r.cabinName === 'Night owls').reduce((s, r) => s + r.total, 0);
    expect(view.cabins).toEqual([
      { id: cabinId, name: 'Night owls', members: 12, total: owls },
      { id: otherCabin, name: 'Larks', members: 1, total: 200 },
    ]);
    // Withdrawing frees the place in the cabin.
    await must(writers[5]!.socket, 'challenge:withdraw', { challengeId: open.challengeId });
    expect((await must(owner.socket, 'challenge:get', { challengeId: open.challengeId })).cabins[0]!.members).toBe(11);
  });
});

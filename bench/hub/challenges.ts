// The challenge part of bench:hub: one challenge with 10,000 participants (their progress and
// 20 days of totals each), read through the server's own repository. The leaderboard page is
// timed at the top and deep in the board (keyset, never OFFSET); recomputing everyone's
// progress after a new day's totals arrive (10,000 rows) is timed as the one statement it is.
import { performance } from 'node:perf_hooks';
import { sql, type CompiledQuery, type Kysely } from 'kysely';
import { createChallengesRepo } from '../../server/features/challenges/challenges.repo';
import type { CommunityDatabase } from '../../server/store/schema';
import { percentile, round } from '../stats';

export const CHALLENGE_ID = '00000000-0000-4000-8000-0000000ca11e';
const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 10_000);
const DAYS = 20;
export const CHALLENGE_TARGET_MS = { leaderboard: 50, recompute: 2000 };

/** 10,000 writers (5,000 more than the hub's), the challenge, its participants, their progress and 20 days each. */
export async function seedChallenge(db: Kysely<CommunityDatabase>) {
  const uuid = (expr: string) => `('00000000-0000-4000-8000-' || lpad(to_hex(${expr}), 12, '0'))::text`;
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`INSERT INTO users (id, username, password_hash, display_name, created_at)
    SELECT ${uuid('g')}, 'writer' || g, 'x', 'Writer ' || g, '2026-01-01T00:00:00.000Z' FROM generate_series(5001, ${Math.max(5000, PARTICIPANTS)}) g`);
  await run(`INSERT INTO challenges (id, title, circle_id, created_by, goal_kind, goal, start_day, end_day, cabins, participants, created_at)
    VALUES ('${CHALLENGE_ID}', 'NaNo', NULL, ${uuid('1')}, 'words', 50000, '2026-11-01', '2026-11-30', 0, ${PARTICIPANTS}, '2026-10-20T00:00:00.000Z')`);
  await run(`INSERT INTO challenge_participants (challenge_id, account_id, cabin_id, consented_at)
    SELECT '${CHALLENGE_ID}', ${uuid('g')}, NULL, '2026-10-25T00:00:00.000Z' FROM generate_series(1, ${PARTICIPANTS}) g`);
  await run(`INSERT INTO challenge_days (challenge_id, account_id, day, words, minutes, updated_at)
    SELECT '${CHALLENGE_ID}', ${uuid('g')}, to_char(date '2026-11-01' + d, 'YYYY-MM-DD'), (g * 7919 + d * 104729) % 3000 - 200, (g + d) % 90, '2026-11-20T00:00:00.000Z'
    FROM generate_series(1, ${PARTICIPANTS}) g, generate_series(0, ${DAYS - 1}) d`);
  await run(`INSERT INTO challenge_progress (challenge_id, account_id, cabin_id, total, words, minutes, days_written, milestone, completed_at, updated_at)
    SELECT '${CHALLENGE_ID}', ${uuid('g')}, NULL, 0, 0, 0, 0, 0, NULL, '2026-11-20T00:00:00.000Z' FROM generate_series(1, ${PARTICIPANTS}) g`);
}

type Explain = (q: CompiledQuery) => Promise<string>;

/** Leaderboard pages (the first, and one 5,000 writers down) and a day's recompute; prints plans; answers the figures. */
export async function measureChallenge(db: Kysely<CommunityDatabase>, queries: CompiledQuery[], explain: Explain, runs: number) {
  const repo = createChallengesRepo(db, () => new Date('2026-11-21T12:00:00Z'));
  const challenge = (await repo.row(CHALLENGE_ID))!;
  await repo.recompute(challenge); // progress from the seeded days
  await sql`ANALYZE challenge_progress`.execute(db);
  const deep = (await repo.leaderboard(CHALLENGE_ID, { limit: Math.floor(PARTICIPANTS / 2) })).rows.at(-1)!;
  const after = `${deep.total}|${deep.accountId}|${deep.rank}`;
  const samples: number[] = [];
  let plans = '';
  for (let i = 0; i < runs + 10; i++) {
    const s = performance.now();
    queries.length = 0;
    await repo.leaderboard(CHALLENGE_ID, { limit: 25, ...(i % 2 ? { after } : {}) });
    if (i >= 10) samples.push(performance.now() - s);
    if (i === runs + 8) plans = (await Promise.all(queries.map(explain))).join('\n');
  }
  const p50 = percentile(samples, 50);
  const p95 = percentile(samples, 95);
  console.log(`\nchallenge leaderboard (${PARTICIPANTS.toLocaleString()} writers, a page of 25 at the top and 5,000 down): p50 ${round(p50)} ms, p95 ${round(p95)} ms (target p95 <= ${CHALLENGE_TARGET_MS.leaderboard} ms, ratio ${round(p95 / CHALLENGE_TARGET_MS.leaderboard)})`);
  console.log(plans);

  // A new day's totals for everyone, then everyone's progress worked out again.
  const recompute: number[] = [];
  let recomputePlan = '';
  for (let d = 0; d < 5; d++) {
    const day = `2026-11-${String(21 + d).padStart(2, '0')}`;
    await sql
      .raw(
        `INSERT INTO challenge_days (challenge_id, account_id, day, words, minutes, updated_at)
         SELECT '${CHALLENGE_ID}', account_id, '${day}', 500 + (hashtext(account_id) & 1023), 30, '2026-11-21T00:00:00.000Z' FROM challenge_participants WHERE challenge_id = '${CHALLENGE_ID}'`,
      )
      .execute(db);
    queries.length = 0;
    const s = performance.now();
    await repo.recompute(challenge);
    recompute.push(performance.now() - s);
    if (d === 0) recomputePlan = await explain(queries[0]!);
  }
  const r50 = percentile(recompute, 50);
  const rMax = Math.max(...recompute);
  console.log(`\nchallenge recompute after a day's totals (${PARTICIPANTS.toLocaleString()} writers, one statement + the milestone step): p50 ${round(r50)} ms, max ${round(rMax)} ms over ${recompute.length} days (target <= ${CHALLENGE_TARGET_MS.recompute} ms, ratio ${round(rMax / CHALLENGE_TARGET_MS.recompute)})`);
  console.log(recomputePlan);
  return {
    challenge_participants: PARTICIPANTS,
    leaderboard_p50_ms: round(p50),
    leaderboard_p95_ms: round(p95),
    leaderboard_ratio: round(p95 / CHALLENGE_TARGET_MS.leaderboard),
    recompute_p50_ms: round(r50),
    recompute_max_ms: round(rMax),
    recompute_ratio: round(rMax / CHALLENGE_TARGET_MS.recompute),
  };
}

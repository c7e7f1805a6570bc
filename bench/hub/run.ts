// bench:hub — the community hub's reads on PostgreSQL, at the scale: a writer who
// follows 500 writers and is in 20 circles, with 1,000,000 activity events in the store (the
// first page of their feed), and a circle with 10,000 threads (a page of its list). Both read
// by keyset through the server's own repositories. Figures: p50/p95 per read, their ratio to
// the target (p95 / target, <= 1 passes), and each query's plan (EXPLAIN ANALYZE). Knobs:
// BENCH_EVENTS (1,000,000), BENCH_THREADS (10,000), BENCH_RUNS (200), MARGIN_TEST_PG.
// Also a challenge with 10,000 participants (bench/hub/challenges.ts): a leaderboard page and
// the recompute after a day's totals; BENCH_PARTICIPANTS (10,000).
import { performance } from 'node:perf_hooks';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { createActivityRepo } from '../../server/features/activity/activity.repo';
import { createDiscussionsRepo } from '../../server/features/discussions/discussions.repo';
import { openStore } from '../../server/store/open-store';
import type { CommunityDatabase } from '../../server/store/schema';
import { percentile, round } from '../stats';
import { measureChallenge, seedChallenge } from './challenges';

const PG = process.env.MARGIN_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const THREADS = Number(process.env.BENCH_THREADS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const TARGET_MS = { feed: 30, threads: 20 };
const schema = `margin_bench_hub_${process.pid}`;

async function main() {
  // The server's migrations make the schema; the bench then reads through a Kysely that logs its SQL, for the plans.
  const store = await openStore(PG, { schema });
  await store.close();
  let last: CompiledQuery | null = null;
  const queries: CompiledQuery[] = [];
  const pool = new pg.Pool({ connectionString: PG, max: 4, options: `-c search_path=${schema}` });
  const db = new Kysely<CommunityDatabase>({ dialect: new PostgresDialect({ pool }), log: (e) => void (e.level === 'query' && ((last = e.query), queries.push(e.query))) });
  try {
    const t0 = performance.now();
    await seed(db);
    await seedChallenge(db);
    await sql`ANALYZE`.execute(db);
    console.log(`seeded ${EVENTS.toLocaleString()} events, ${THREADS.toLocaleString()} threads in ${round((performance.now() - t0) / 1000, 1)} s`);
    const reader = '00000000-0000-4000-8000-000000000001';
    const activity = createActivityRepo(db);
    const discussions = createDiscussionsRepo(db);
    const bigCircle = '00000000-0000-4000-8000-00000000c000';

    const measure = async (name: keyof typeof TARGET_MS, read: () => Promise<unknown>) => {
      for (let i = 0; i < 10; i++) await read(); // warm the cache and the plan
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const s = performance.now();
        await read();
        samples.push(performance.now() - s);
      }
      const q = last!;
      const plan = await sql.raw<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql.replace(/\$(\d+)/g, (_, n) => literal(q.parameters[Number(n) - 1]))}`).execute(db);
      const p50 = percentile(samples, 50);
      const p95 = percentile(samples, 95);
      console.log(`\n${name}: p50 ${round(p50)} ms, p95 ${round(p95)} ms (target p95 <= ${TARGET_MS[name]} ms, ratio ${round(p95 / TARGET_MS[name])})`);
      console.log(plan.rows.map((r) => `  ${r['QUERY PLAN']}`).join('\n'));
      return { p50: round(p50), p95: round(p95), ratio: round(p95 / TARGET_MS[name]) };
    };
    const feed = await measure('feed', () => activity.feed(reader, { limit: 30 }));
    const threads = await measure('threads', () => discussions.threads(bigCircle, reader, { limit: 30 }));
    const explain = async (q: CompiledQuery) =>
      (await sql.raw<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql.replace(/\$(\d+)/g, (_, n) => literal(q.parameters[Number(n) - 1]))}`).execute(db)).rows.map((r) => `  ${r['QUERY PLAN']}`).join('\n');
    const challenge = await measureChallenge(db, queries, explain, RUNS);
    console.log(JSON.stringify({ bench: 'hub', events: EVENTS, threads: THREADS, runs: RUNS, feed_p50_ms: feed.p50, feed_p95_ms: feed.p95, feed_ratio: feed.ratio, threads_p50_ms: threads.p50, threads_p95_ms: threads.p95, threads_ratio: threads.ratio, ...challenge }));
  } finally {
    await sql.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).execute(db);
    await db.destroy();
  }
}

const literal = (v: unknown) => (typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);

/** Bulk rows with generate_series: 5,000 writers, 200 circles (the reader in 20 of them), 500 followed writers and 20 followed circles. */
async function seed(db: Kysely<CommunityDatabase>) {
  const uuid = (prefix: string, expr: string) => `('${prefix}' || lpad(to_hex(${expr}), 12, '0'))::text`;
  const at = (expr: string) => `to_char(timestamp '2026-01-01' + (${expr}) * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`INSERT INTO users (id, username, password_hash, display_name, created_at)
    SELECT ${uuid('00000000-0000-4000-8000-', 'g')}, 'writer' || g, 'x', 'Writer ' || g, ${at('g')} FROM generate_series(1, 5000) g`);
  await run(`INSERT INTO circles (id, name, description, owner_id, created_at, visibility)
    SELECT ${uuid('00000000-0000-4000-8000-', "49152 + g")}, 'Circle ' || g, '', ${uuid('00000000-0000-4000-8000-', '2')}, ${at('g')}, CASE WHEN g % 3 = 0 THEN 'public' ELSE 'private' END FROM generate_series(0, 199) g`);
  await run(`INSERT INTO circle_members (circle_id, user_id, role, joined_at)
    SELECT ${uuid('00000000-0000-4000-8000-', "49152 + g")}, ${uuid('00000000-0000-4000-8000-', '1')}, 'member', ${at('g')} FROM generate_series(0, 19) g`);
  await run(`INSERT INTO follows (user_id, followee_kind, followee_id, created_at)
    SELECT ${uuid('00000000-0000-4000-8000-', '1')}, 'writer', ${uuid('00000000-0000-4000-8000-', '1 + g * 10')}, ${at('g')} FROM generate_series(1, 500) g`);
  await run(`INSERT INTO follows (user_id, followee_kind, followee_id, created_at)
    SELECT ${uuid('00000000-0000-4000-8000-', '1')}, 'circle', ${uuid('00000000-0000-4000-8000-', "49152 + g * 3")}, ${at('g')} FROM generate_series(0, 19) g`);
  await run(`INSERT INTO activity (id, actor_id, circle_id, kind, ref_id, title, created_at)
    SELECT gen_random_uuid()::text, ${uuid('00000000-0000-4000-8000-', '1 + (g::bigint * 7919) % 5000')}, ${uuid('00000000-0000-4000-8000-', "49152 + (g * 31) % 200")},
      CASE WHEN g % 4 = 0 THEN 'kudos' ELSE 'thread' END, gen_random_uuid()::text, 'Event ' || g, ${at('g * 30')} FROM generate_series(1, ${EVENTS}) g`);
  await run(`INSERT INTO discussion_threads (id, circle_id, category_id, author_id, title, pinned, locked, post_count, created_at, last_post_at)
    SELECT gen_random_uuid()::text, '00000000-0000-4000-8000-00000000c000', NULL, ${uuid('00000000-0000-4000-8000-', '1 + g % 5000')}, 'Thread ' || g, CASE WHEN g % 1000 = 0 THEN 1 ELSE 0 END, 0, 1 + g % 40, ${at('g')}, ${at('g * 3')} FROM generate_series(1, ${THREADS}) g`);
  await run('ANALYZE');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

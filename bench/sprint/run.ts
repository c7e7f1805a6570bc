// bench:sprint — 2,000 simulated writers in one sprint on one server process, each sending
// its running total every 2 seconds. Figures: the leaderboard tick's fanout latency (from the
// server stamping a tick to a writer receiving it), update-to-visible (from a writer's update
// to the first tick showing it; this includes the deliberate ~1 s coalescing), server CPU,
// heap per connection; then the same split across two nodes sharing PostgreSQL and Redis.
// Figures are the steady state after a warm-up (BENCH_WARMUP_SECONDS, 5), whose fanout p99 is
// printed beside them. Knobs: BENCH_WRITERS, BENCH_SECONDS, BENCH_CLIENT_PROCS, BENCH_TWO_NODES=0,
// BENCH_HEAP_SNAPSHOT=<dir>.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { TEST_PG, TEST_REDIS } from '../../tests/helpers/services';
import { forkClients } from '../client-process';
import { startBenchNode, type BenchNode as Node } from '../server-node';
import { percentile, round } from '../stats';
import type { WritersConfig, WritersSamples } from './writers';

const WRITERS = Number(process.env.BENCH_WRITERS ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 16);
// Real writers each have a machine; the simulated ones share a few processes (see writers.ts).
const CLIENT_PROCS = Number(process.env.BENCH_CLIENT_PROCS ?? 3);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);



/** BENCH_HEAP_SNAPSHOT=<dir>: V8 heap snapshots of each server before the writers connect and as measuring starts, to compare what each writer holds. */
async function snapshot(nodes: Node[], label: string) {
  const dir = process.env.BENCH_HEAP_SNAPSHOT;
  if (!dir) return;
  for (const [i, n] of nodes.entries()) {
    n.send(`snapshot ${path.join(dir, `sprint-${nodes.length}-nodes-${i}-${label}.heapsnapshot`)}`);
    console.log(`heap snapshot: ${(await n.next('SNAPSHOT ')).slice(9)}`);
  }
}

async function run(nodes: Node[]) {
  const { sprintId, tokens } = nodes[0]!.seed!;
  for (const node of nodes) node.send('baseline');
  await Promise.all(nodes.map((n) => n.next('OK')));
  await snapshot(nodes, 'baseline');
  const ports = nodes.map((n) => n.port);
  const procs = Array.from({ length: CLIENT_PROCS }, (_, p) => {
    const writers = tokens.map((token, index) => ({ index, token })).filter(({ index }) => index % CLIENT_PROCS === p);
    const config: WritersConfig = { ports, sprintId, writers, total: WRITERS };
    return { proc: forkClients(path.join(import.meta.dirname, 'writers.ts')), config };
  });
  // One process at a time connects, so the server is not flooded with 2,000 handshakes at once.
  for (const { proc, config } of procs) {
    const connected = proc.next('connected');
    proc.send({ type: 'connect', config });
    await connected;
  }
  await new Promise((r) => setTimeout(r, 1500));
  // Writing starts; the first seconds (JIT, caches filling, 2,000 first totals) are reported
  // apart as the warm-up, and the figures are the steady state after it.
  for (const { proc } of procs) proc.send({ type: 'start' });
  await new Promise((r) => setTimeout(r, WARMUP_SECONDS * 1000));
  for (const { proc } of procs) proc.send({ type: 'measure' });
  await snapshot(nodes, 'writing');
  for (const n of nodes) n.send('begin');
  await Promise.all(nodes.map((n) => n.next('OK')));
  await new Promise((r) => setTimeout(r, SECONDS * 1000 + 500));
  for (const n of nodes) n.send('end');
  const stats = await Promise.all(nodes.map(async (n) => JSON.parse((await n.next('STATS ')).slice(6)) as { cpuPercent: number; heapPerConnection: number; heapPerConnectionEnd: number }));
  const answers = await Promise.all(procs.map(async ({ proc }) => {
    const answer = proc.next<{ warmup: WritersSamples; steady: WritersSamples }>('samples');
    proc.send({ type: 'stop' });
    const phases = await answer;
    proc.child.kill();
    return phases;
  }));
  const samples = answers.map((a) => a.steady);
  for (const n of nodes) {
    if (!process.env.BENCH_CPU_PROF) n.child.kill('SIGKILL');
    else await new Promise((resolve) => (n.child.once('exit', resolve), n.send('exit'))); // a clean exit writes the profile
  }
  const all = (key: 'fanout' | 'visible' | 'placeLatency') => samples.flatMap((s) => s[key]);
  const fanout = all('fanout');
  const visible = all('visible');
  const placeLatency = all('placeLatency');
  const placeMessages = samples.reduce((a, s) => a + s.placeMessages, 0);
  return {
    fanoutP50: percentile(fanout, 50),
    fanoutP99: percentile(fanout, 99),
    warmupFanoutP99: percentile(answers.flatMap((a) => a.warmup.fanout), 99),
    visibleP50: percentile(visible, 50),
    visibleP99: percentile(visible, 99),
    ticksPerWriterPerSecond: fanout.length / WRITERS / (SECONDS + 0.5),
    placesPerWriterPerSecond: placeMessages / WRITERS / (SECONDS + 0.5),
    placeP99: percentile(placeLatency, 99),
    cpu: stats.reduce((a, s) => a + s.cpuPercent, 0),
    clientCpu: samples.reduce((a, s) => a + s.cpuPercent, 0),
    heapKb: stats.reduce((a, s) => a + s.heapPerConnection, 0) / stats.length / 1024,
    heapKbEnd: stats.reduce((a, s) => a + s.heapPerConnectionEnd, 0) / stats.length / 1024,
  };
}

const show = (label: string, r: Awaited<ReturnType<typeof run>>) =>
  console.log(
    `${label}: leaderboard tick fanout p50 ${r.fanoutP50} / p99 ${r.fanoutP99} ms (first ${WARMUP_SECONDS} s, warming up: p99 ${r.warmupFanoutP99} ms); own place p99 ${r.placeP99} ms after its tick; update-to-visible p50 ${r.visibleP50} / p99 ${r.visibleP99} ms (includes ~1 s coalescing); ` +
      `${r.ticksPerWriterPerSecond.toFixed(2)} ticks and ${r.placesPerWriterPerSecond.toFixed(2)} own-place messages/writer/s; server CPU ${r.cpu.toFixed(1)}%; client CPU ${r.clientCpu.toFixed(1)}% over ${CLIENT_PROCS} processes; heap ${r.heapKb.toFixed(1)} KB/connection as measuring starts, ${r.heapKbEnd.toFixed(1)} KB ${SECONDS} s later`,
  );

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'margin-bench-sprint-'));
const one = await run([await startBenchNode('margin', { db: `sqlite:${path.join(tmp, 'sprint.db')}`, seed: WRITERS, sprint: true })]);
show(`${WRITERS} writers, 1 node`, one);
const figures: Record<string, number> = {
  fanout_p50_ms: one.fanoutP50, fanout_p99_ms: one.fanoutP99, warmup_fanout_p99_ms: one.warmupFanoutP99, visible_p50_ms: one.visibleP50, visible_p99_ms: one.visibleP99,
  ticks_per_writer_s: round(one.ticksPerWriterPerSecond), places_per_writer_s: round(one.placesPerWriterPerSecond), place_p99_ms: one.placeP99, cpu_pct: round(one.cpu, 1), client_cpu_pct: round(one.clientCpu, 1), client_procs: CLIENT_PROCS, heap_kb_per_conn: round(one.heapKb, 1), heap_kb_per_conn_end: round(one.heapKbEnd, 1),
};

const schema = `margin_sprint_${Math.random().toString(36).slice(2, 8)}`;
const dbUrl = new URL(TEST_PG);
dbUrl.searchParams.set('schema', schema);
try {
  if (process.env.BENCH_TWO_NODES === '0') throw new Error('BENCH_TWO_NODES=0');
  const a = await startBenchNode('margin', { db: dbUrl.toString(), redis: TEST_REDIS, seed: WRITERS, sprint: true });
  const b = await startBenchNode('margin', { db: dbUrl.toString(), redis: TEST_REDIS });
  b.seed = a.seed;
  const two = await run([a, b]);
  show(`${WRITERS} writers, 2 nodes + PostgreSQL + Redis`, two);
  Object.assign(figures, { two_node_fanout_p99_ms: two.fanoutP99, two_node_warmup_fanout_p99_ms: two.warmupFanoutP99, two_node_visible_p99_ms: two.visibleP99, two_node_cpu_pct: round(two.cpu, 1), two_node_heap_kb_per_conn: round(two.heapKb, 1), two_node_ratio_fanout_p99: round(two.fanoutP99 / Math.max(1, one.fanoutP99)) });
} catch (error) {
  console.log(`two-node run skipped: ${(error as Error).message}`);
} finally {
  const client = new pg.Client({ connectionString: TEST_PG });
  await client.connect().then(() => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).catch(() => undefined);
  await client.end().catch(() => undefined);
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`targets: p99 <= 150 ms on one node (tick fanout ${figures.fanout_p99_ms} ms), two nodes within 1.5x (ratio ${figures.two_node_ratio_fanout_p99})`);
console.log(JSON.stringify({ bench: 'sprint', writers: WRITERS, ...figures }));
process.exit(0);

// bench:fanout — how long a writer's action takes to reach N readers (500, 1,000, 2,000) in one
// circle, through Margin's own code path beside the least plain socket.io can do for it.
// Margin: a writer joins the circle with an invite (`circle:join` through the server's real
// gate and handler: rate limit, session, schema, store reads and writes, rooms), and every
// member is told (`circle:memberJoined`). Bare: a client's `join` event that the server
// broadcasts to the room. Latency runs from the moment the writer sends its event to each
// reader's receipt (the writer's own wait for the answer is printed too); readers live in a few
// processes of their own (../client-process.ts), the writer in this one. Then Margin on two
// nodes sharing PostgreSQL and Redis, readers split between them. Loopback only; stops by itself.
// Knobs: BENCH_CLIENTS, BENCH_BROADCASTS, BENCH_CLIENT_PROCS, BENCH_TWO_NODES=0, BENCH_CPU_PROF=<dir>.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { TEST_PG, TEST_REDIS } from '../../tests/helpers/services';
import { forkClients } from '../client-process';
import { startBenchNode, type BenchNode as Node } from '../server-node';
import { percentile, round } from '../stats';
import type { ReadersConfig, ReadersSamples } from './readers';

const SIZES = (process.env.BENCH_CLIENTS ?? '500,1000,2000').split(',').map(Number);
const BROADCASTS = Number(process.env.BENCH_BROADCASTS ?? 10);
const CLIENT_PROCS = Number(process.env.BENCH_CLIENT_PROCS ?? 3);
const GAP_MS = 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const connected = (socket: Socket) =>
  new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });

async function run(kind: 'margin' | 'bare', n: number, nodes: Node[]) {
  for (const node of nodes) node.send('baseline');
  await Promise.all(nodes.map((node) => node.next('OK')));
  const ports = nodes.map((x) => x.port);
  const seed = nodes[0]!.seed;
  const event: ReadersConfig['event'] = kind === 'margin' ? 'circle:memberJoined' : 'joined';
  const procs = Array.from({ length: CLIENT_PROCS }, (_, p) => {
    const readers = Array.from({ length: n }, (_, index) => ({ index, token: seed?.tokens[index] })).filter(({ index }) => index % CLIENT_PROCS === p);
    return { proc: forkClients(path.join(import.meta.dirname, 'readers.ts')), config: { ports, readers, event } satisfies ReadersConfig };
  });
  // One process at a time connects, so the server is not flooded with every handshake at once.
  for (const { proc, config } of procs) {
    const done = proc.next('connected');
    proc.send({ type: 'connect', config });
    await done;
  }
  // The writers, on the first node: Margin's each join once (a new member per broadcast); bare's one socket sends them all.
  const writers = kind === 'margin' ? seed!.joiners.slice(0, BROADCASTS) : [{ userId: '', token: '' }];
  if (kind === 'margin' && writers.length < BROADCASTS) throw new Error(`seeded ${writers.length} joiners for ${BROADCASTS} broadcasts`);
  const writerSockets = writers.map(({ token }) => io(`http://127.0.0.1:${ports[0]}`, { transports: ['websocket'], reconnection: false, forceNew: true, auth: token ? { token } : {} }));
  await Promise.all(writerSockets.map(connected));
  await sleep(1000); // let the server settle every socket in its rooms

  for (const node of nodes) node.send('begin');
  await Promise.all(nodes.map((node) => node.next('OK')));
  const started = new Map<string, number>();
  const answered: number[] = [];
  const refused: string[] = [];
  for (let i = 0; i < BROADCASTS; i++) {
    await sleep(GAP_MS);
    const id = kind === 'margin' ? writers[i]!.userId : randomUUID();
    const socket = kind === 'margin' ? writerSockets[i]! : writerSockets[0]!;
    const t0 = Date.now();
    started.set(id, t0);
    const answer = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? answered.push(Date.now() - t0) : refused.push(result.error?.code ?? '?'));
    if (kind === 'margin') socket.emit('circle:join', { code: seed!.inviteCode }, answer);
    else socket.emit('join', { id }, answer);
  }
  await sleep(GAP_MS); // the last broadcast's stragglers
  for (const node of nodes) node.send('end');
  const stats = await Promise.all(nodes.map(async (node) => JSON.parse((await node.next('STATS ')).slice(6)) as { cpuPercent: number; heapPerConnection: number }));
  const samples = await Promise.all(
    procs.map(async ({ proc }) => {
      const answer = proc.next<{ received: ReadersSamples }>('samples');
      proc.send({ type: 'stop' });
      const { received } = await answer;
      proc.child.kill();
      return received;
    }),
  );
  for (const s of writerSockets) s.disconnect();
  for (const node of nodes) {
    if (!process.env.BENCH_CPU_PROF) node.child.kill('SIGKILL');
    else await new Promise((resolve) => (node.child.once('exit', resolve), node.send('exit'))); // a clean exit writes the profile
  }
  if (refused.length > 0) throw new Error(`${kind}: the server refused ${refused.length} of the writers' events (${refused.join(', ')})`);

  const latencies: number[] = [];
  const byBroadcast = new Map<string, number[]>(); // to see whether one slow broadcast makes the p99
  for (const received of samples) for (const [id, times] of Object.entries(received)) {
    const t0 = started.get(id);
    if (t0 === undefined) continue;
    const own = byBroadcast.get(id) ?? [];
    byBroadcast.set(id, own);
    for (const t of times) {
      latencies.push(t - t0);
      own.push(t - t0);
    }
  }
  return {
    perBroadcastP99: [...started.keys()].map((id) => percentile(byBroadcast.get(id) ?? [], 99)),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    ackP50: percentile(answered, 50),
    delivered: latencies.length / (n * BROADCASTS),
    cpu: stats.reduce((a, s) => a + s.cpuPercent, 0),
    heapKb: stats.reduce((a, s) => a + s.heapPerConnection, 0) / stats.length / 1024,
  };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'margin-bench-fanout-'));
const figures: Record<string, number> = {};
const show = (label: string, r: Awaited<ReturnType<typeof run>>) =>
  console.log(
    `${label}: p50 ${r.p50} ms, p99 ${r.p99} ms from the writer's event to each reader, delivered ${(r.delivered * 100).toFixed(1)}%, writer's answer p50 ${r.ackP50} ms, server CPU ${r.cpu.toFixed(1)}%, heap ${r.heapKb.toFixed(1)} KB/connection; p99 of each broadcast in turn ${r.perBroadcastP99.join(' ')} ms`,
  );

console.log(`Margin: a writer's circle:join tells N members (circle:memberJoined); bare socket.io: a client's event broadcast to the room. ${BROADCASTS} broadcasts ${GAP_MS} ms apart, readers in ${CLIENT_PROCS} processes.`);
for (const n of SIZES) {
  const bare = await run('bare', n, [await startBenchNode('bare', {})]);
  const margin = await run('margin', n, [await startBenchNode('margin', { db: `sqlite:${path.join(tmp, `fanout-${n}.db`)}`, seed: n, joiners: BROADCASTS })]);
  show(`${n} clients, bare socket.io`, bare);
  show(`${n} clients, Margin       `, margin);
  console.log(`${n} clients: p99 ratio Margin/bare ${(margin.p99 / Math.max(1, bare.p99)).toFixed(2)}`);
  Object.assign(figures, {
    [`bare_p50_ms_${n}`]: bare.p50, [`bare_p99_ms_${n}`]: bare.p99, [`p50_ms_${n}`]: margin.p50, [`p99_ms_${n}`]: margin.p99,
    [`ack_p50_ms_${n}`]: margin.ackP50, [`bare_ack_p50_ms_${n}`]: bare.ackP50,
    [`delivered_${n}`]: round(margin.delivered, 4), [`bare_delivered_${n}`]: round(bare.delivered, 4), [`cpu_pct_${n}`]: round(margin.cpu, 1), [`bare_cpu_pct_${n}`]: round(bare.cpu, 1),
    [`heap_kb_per_conn_${n}`]: round(margin.heapKb, 1), [`bare_heap_kb_per_conn_${n}`]: round(bare.heapKb, 1),
    [`ratio_p99_${n}`]: round(margin.p99 / Math.max(1, bare.p99)),
  });
}

// Two Margin nodes sharing PostgreSQL and Redis; half the readers on each; the writers on node A.
const n = SIZES.at(-1)!;
const schema = `margin_fanout_${Math.random().toString(36).slice(2, 8)}`;
const dbUrl = new URL(TEST_PG);
dbUrl.searchParams.set('schema', schema);
try {
  if (process.env.BENCH_TWO_NODES === '0') throw new Error('BENCH_TWO_NODES=0');
  const a = await startBenchNode('margin', { db: dbUrl.toString(), redis: TEST_REDIS, seed: n, joiners: BROADCASTS });
  const b = await startBenchNode('margin', { db: dbUrl.toString(), redis: TEST_REDIS });
  const two = await run('margin', n, [a, b]);
  show(`${n} clients, Margin on 2 nodes + Redis`, two);
  Object.assign(figures, { [`two_node_p50_ms_${n}`]: two.p50, [`two_node_p99_ms_${n}`]: two.p99, [`two_node_delivered_${n}`]: round(two.delivered, 4), [`two_node_ratio_p99_${n}`]: round(two.p99 / Math.max(1, figures[`bare_p99_ms_${n}`]!)) });
} catch (error) {
  console.log(`two-node run skipped: ${(error as Error).message} (needs PostgreSQL at MARGIN_TEST_PG and Redis at MARGIN_TEST_REDIS)`);
} finally {
  const client = new pg.Client({ connectionString: TEST_PG });
  await client.connect().then(() => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).catch(() => undefined);
  await client.end().catch(() => undefined);
  fs.rmSync(tmp, { recursive: true, force: true });
}
const top = SIZES.at(-1)!;
console.log(`targets: p99 <= 100 ms at ${top} clients (got ${figures[`p99_ms_${top}`]}), heap <= 20 KB/connection (got ${figures[`heap_kb_per_conn_${top}`]}), ratio Margin/bare p99 <= 1.3 (got ${figures[`ratio_p99_${top}`]})`);
console.log(JSON.stringify({ bench: 'fanout', clients_procs: CLIENT_PROCS, broadcasts: BROADCASTS, ...figures }));
process.exit(0);

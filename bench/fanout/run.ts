// bench:fanout — N socket.io clients (500, 1,000, 2,000) in one room, a broadcast every
// second: delivery latency p50/p99, server CPU and heap per connection, Margin's community
// server beside a bare socket.io server doing the same broadcast in the same run; then
// Margin on two nodes sharing PostgreSQL and Redis. Loopback only; bounded; stops by itself.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { TEST_PG, TEST_REDIS } from '../../tests/helpers/services';
import { startBenchNode, type BenchNode as Node } from '../server-node';
import { percentile, round } from '../stats';

const SIZES = (process.env.BENCH_CLIENTS ?? '500,1000,2000').split(',').map(Number);
const BROADCASTS = Number(process.env.BENCH_BROADCASTS ?? 10);



/** Connects N clients in batches; each records latency of every broadcast it receives. */
async function connectClients(ports: number[], n: number, tokens: string[] | undefined, event: string, latencies: number[]): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < n; i += 100) {
    const batch = Array.from({ length: Math.min(100, n - i) }, (_, j) => {
      const k = i + j;
      const socket = io(`http://127.0.0.1:${ports[k % ports.length]}`, { transports: ['websocket'], reconnection: false, forceNew: true, auth: tokens ? { token: tokens[k] } : {} });
      socket.on(event, (payload: { sentAt: number }) => latencies.push(Date.now() - payload.sentAt));
      sockets.push(socket);
      return new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
    });
    await Promise.all(batch);
  }
  await new Promise((r) => setTimeout(r, 1000)); // let the server put each socket in its rooms
  return sockets;
}

async function run(kind: 'margin' | 'bare', n: number, nodes: Node[]) {
  const latencies: number[] = [];
  for (const node of nodes) node.send('baseline');
  await Promise.all(nodes.map((node) => node.next('OK')));
  const tokens = nodes[0]!.seed?.tokens;
  const sockets = await connectClients(nodes.map((x) => x.port), n, tokens, kind === 'margin' ? 'circle:memberJoined' : 'tick', latencies);
  nodes.forEach((node, i) => node.send(`measure ${BROADCASTS} ${i === 0 ? 1 : 0}`));
  const stats = await Promise.all(nodes.map(async (node) => JSON.parse((await node.next('STATS ')).slice(6)) as { cpuPercent: number; heapPerConnection: number }));
  for (const s of sockets) s.disconnect();
  for (const node of nodes) node.child.kill('SIGKILL');
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    delivered: latencies.length / (n * BROADCASTS),
    cpu: stats[0]!.cpuPercent,
    heapKb: stats.reduce((a, s) => a + s.heapPerConnection, 0) / stats.length / 1024,
  };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'margin-bench-fanout-'));
const figures: Record<string, number> = {};
const show = (label: string, r: Awaited<ReturnType<typeof run>>) =>
  console.log(`${label}: p50 ${r.p50} ms, p99 ${r.p99} ms, delivered ${(r.delivered * 100).toFixed(1)}%, server CPU ${r.cpu.toFixed(1)}%, heap ${r.heapKb.toFixed(1)} KB/connection`);

for (const n of SIZES) {
  const bare = await run('bare', n, [await startBenchNode('bare', {})]);
  const margin = await run('margin', n, [await startBenchNode('margin', { db: `sqlite:${path.join(tmp, `fanout-${n}.db`)}`, seed: n })]);
  show(`${n} clients, bare socket.io`, bare);
  show(`${n} clients, Margin       `, margin);
  console.log(`${n} clients: p99 ratio Margin/bare ${(margin.p99 / Math.max(1, bare.p99)).toFixed(2)}`);
  Object.assign(figures, {
    [`bare_p50_ms_${n}`]: bare.p50, [`bare_p99_ms_${n}`]: bare.p99, [`p50_ms_${n}`]: margin.p50, [`p99_ms_${n}`]: margin.p99,
    [`delivered_${n}`]: round(margin.delivered, 4), [`cpu_pct_${n}`]: round(margin.cpu, 1), [`bare_cpu_pct_${n}`]: round(bare.cpu, 1),
    [`heap_kb_per_conn_${n}`]: round(margin.heapKb, 1), [`bare_heap_kb_per_conn_${n}`]: round(bare.heapKb, 1),
    [`ratio_p99_${n}`]: round(margin.p99 / Math.max(1, bare.p99)),
  });
}

// Two Margin nodes sharing PostgreSQL and Redis; half the clients on each; node A broadcasts.
const n = SIZES.at(-1)!;
const schema = `margin_fanout_${Math.random().toString(36).slice(2, 8)}`;
const dbUrl = new URL(TEST_PG);
dbUrl.searchParams.set('schema', schema);
try {
  const a = await startBenchNode('margin', { db: dbUrl.toString(), redis: TEST_REDIS, seed: n });
  const b = await startBenchNode('margin', { db: dbUrl.toString(), redis: TEST_REDIS });
  const two = await run('margin', n, [a, b]);
  show(`${n} clients, Margin on 2 nodes + Redis`, two);
  Object.assign(figures, { [`two_node_p50_ms_${n}`]: two.p50, [`two_node_p99_ms_${n}`]: two.p99, [`two_node_delivered_${n}`]: round(two.delivered, 4) });
} catch (error) {
  console.log(`two-node run skipped: ${(error as Error).message} (needs PostgreSQL at MARGIN_TEST_PG and Redis at MARGIN_TEST_REDIS)`);
} finally {
  const client = new pg.Client({ connectionString: TEST_PG });
  await client.connect().then(() => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).catch(() => undefined);
  await client.end().catch(() => undefined);
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`targets: p99 <= 100 ms at 2,000 clients (got ${figures.p99_ms_2000}), heap <= 20 KB/connection (got ${figures.heap_kb_per_conn_2000}), ratio <= 1.3 (got ${figures.ratio_p99_2000})`);
console.log(JSON.stringify({ bench: 'fanout', ...figures }));
process.exit(0);

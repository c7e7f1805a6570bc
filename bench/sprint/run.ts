// bench:sprint — 2,000 simulated writers in one sprint on one server process, each sending
// its running total every 2 seconds. Figures: the leaderboard tick's fanout latency (from the
// server stamping a tick to a writer receiving it), update-to-visible (from a writer's update
// to the first tick showing it; this includes the deliberate ~1 s coalescing), server CPU,
// heap per connection; then the same split across two nodes sharing PostgreSQL and Redis.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import type { SprintPlace, SprintTick, SprintTickShared } from '../../shared/protocol/community-events';
import { createSprintView } from '../../shared/protocol/sprint-view';
import { TEST_PG, TEST_REDIS } from '../../tests/helpers/services';
import { startBenchNode, type BenchNode as Node } from '../server-node';
import { percentile, round } from '../stats';

const WRITERS = Number(process.env.BENCH_WRITERS ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 16);



async function run(nodes: Node[]) {
  const { sprintId, tokens } = nodes[0]!.seed!;
  const fanout: number[] = [];
  const visible: number[] = [];
  const sockets: Socket[] = [];
  const views: ReturnType<typeof createSprintView>[] = [];
  let placeMessages = 0;
  const placeLatency: number[] = [];
  const pending = new Map<number, { words: number; sentAt: number }>();
  for (const node of nodes) node.send('baseline');
  await Promise.all(nodes.map((n) => n.next('OK')));
  let measuring = false;
  for (let i = 0; i < WRITERS; i += 100) {
    await Promise.all(
      tokens.slice(i, i + 100).map((token, j) => {
        const k = i + j;
        const socket = io(`http://127.0.0.1:${nodes[k % nodes.length]!.port}`, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token } });
        // As the studio does: the shared tick, with this writer's place when it moved.
        const view = createSprintView();
        views[k] = view;
        socket.on('sprint:place', (place: SprintPlace) => {
          const tick = view.place(place);
          if (!measuring || !tick) return;
          placeMessages++;
          placeLatency.push(Date.now() - tick.serverNow);
          seen(k, tick);
        });
        socket.on('sprint:tick', (shared: SprintTickShared) => {
          const tick = view.tick(shared);
          if (!measuring) return;
          fanout.push(Date.now() - tick.serverNow);
          seen(k, tick);
        });
        const seen = (k: number, tick: SprintTick) => {
          const p = pending.get(k);
          if (p && tick.me && tick.me.words >= p.words) {
            visible.push(Date.now() - p.sentAt);
            pending.delete(k);
          }
        };
        sockets.push(socket);
        return new Promise<void>((resolve, reject) => {
          socket.once('connect', () => resolve());
          socket.once('connect_error', reject);
        });
      }),
    );
  }
  await new Promise((r) => setTimeout(r, 1500));
  // Every writer sends its running total every 2 s, staggered across the 2 s.
  measuring = true;
  const words = new Array<number>(WRITERS).fill(0);
  const timers = sockets.map((socket, k) =>
    setTimeout(() => {
      const send = () => {
        words[k]! += 5 + (k % 7);
        pending.set(k, { words: words[k]!, sentAt: Date.now() });
        socket.emit('sprint:progress', { sprintId, words: words[k] }, (result: { ok: boolean; data?: { place: SprintPlace | null } }) => {
          if (result.ok && result.data?.place) views[k]!.place(result.data.place);
        });
      };
      send();
      timers[k] = setInterval(send, 2000) as unknown as NodeJS.Timeout;
    }, (k / WRITERS) * 2000),
  );
  nodes.forEach((n) => n.send(`measure ${SECONDS} 0`));
  const stats = await Promise.all(nodes.map(async (n) => JSON.parse((await n.next('STATS ')).slice(6)) as { cpuPercent: number; heapPerConnection: number }));
  measuring = false;
  timers.forEach((t) => clearInterval(t));
  for (const s of sockets) s.disconnect();
  for (const n of nodes) {
    if (!process.env.BENCH_CPU_PROF) n.child.kill('SIGKILL');
    else await new Promise((resolve) => (n.child.once('exit', resolve), n.send('exit'))); // a clean exit writes the profile
  }
  return {
    fanoutP50: percentile(fanout, 50),
    fanoutP99: percentile(fanout, 99),
    visibleP50: percentile(visible, 50),
    visibleP99: percentile(visible, 99),
    ticksPerWriterPerSecond: fanout.length / WRITERS / (SECONDS + 0.5),
    placesPerWriterPerSecond: placeMessages / WRITERS / (SECONDS + 0.5),
    placeP99: percentile(placeLatency, 99),
    cpu: stats.reduce((a, s) => a + s.cpuPercent, 0),
    heapKb: stats.reduce((a, s) => a + s.heapPerConnection, 0) / stats.length / 1024,
  };
}

const show = (label: string, r: Awaited<ReturnType<typeof run>>) =>
  console.log(
    `${label}: leaderboard tick fanout p50 ${r.fanoutP50} / p99 ${r.fanoutP99} ms; own place p99 ${r.placeP99} ms after its tick; update-to-visible p50 ${r.visibleP50} / p99 ${r.visibleP99} ms (includes ~1 s coalescing); ` +
      `${r.ticksPerWriterPerSecond.toFixed(2)} ticks and ${r.placesPerWriterPerSecond.toFixed(2)} own-place messages/writer/s; server CPU ${r.cpu.toFixed(1)}%; heap ${r.heapKb.toFixed(1)} KB/connection`,
  );

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'margin-bench-sprint-'));
const one = await run([await startBenchNode('margin', { db: `sqlite:${path.join(tmp, 'sprint.db')}`, seed: WRITERS, sprint: true })]);
show(`${WRITERS} writers, 1 node`, one);
const figures: Record<string, number> = {
  fanout_p50_ms: one.fanoutP50, fanout_p99_ms: one.fanoutP99, visible_p50_ms: one.visibleP50, visible_p99_ms: one.visibleP99,
  ticks_per_writer_s: round(one.ticksPerWriterPerSecond), places_per_writer_s: round(one.placesPerWriterPerSecond), place_p99_ms: one.placeP99, cpu_pct: round(one.cpu, 1), heap_kb_per_conn: round(one.heapKb, 1),
};

const schema = `margin_sprint_${Math.random().toString(36).slice(2, 8)}`;
const dbUrl = new URL(TEST_PG);
dbUrl.searchParams.set('schema', schema);
try {
  const a = await startBenchNode('margin', { db: dbUrl.toString(), redis: TEST_REDIS, seed: WRITERS, sprint: true });
  const b = await startBenchNode('margin', { db: dbUrl.toString(), redis: TEST_REDIS });
  b.seed = a.seed;
  const two = await run([a, b]);
  show(`${WRITERS} writers, 2 nodes + PostgreSQL + Redis`, two);
  Object.assign(figures, { two_node_fanout_p99_ms: two.fanoutP99, two_node_visible_p99_ms: two.visibleP99, two_node_cpu_pct: round(two.cpu, 1), two_node_ratio_fanout_p99: round(two.fanoutP99 / Math.max(1, one.fanoutP99)) });
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

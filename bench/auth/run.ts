// bench:auth — a registration flood from one address against a real server process on
// loopback, while a normal writer signs in again and again. Figures: the writer's sign-in
// p50/p99 before the flood and during it, their ratio, and what the flood got (accounts
// created, attempts refused). The flood stops by itself (BENCH_FLOOD_SECONDS, 15, or
// BENCH_FLOOD_MAX attempts, 3000). Knobs: BENCH_FLOOD_SOCKETS (40), BENCH_FLOOD_PER_SOCKET (2),
// BENCH_SIGNINS_BEFORE (20), BENCH_SIGNIN_GAP_MS (200).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { forkClients } from '../client-process';
import { percentile, round } from '../stats';
import type { FloodConfig, FloodResult } from './flood';

const FLOOD_SECONDS = Number(process.env.BENCH_FLOOD_SECONDS ?? 15);
const FLOOD_MAX = Number(process.env.BENCH_FLOOD_MAX ?? 3000);
const FLOOD_SOCKETS = Number(process.env.BENCH_FLOOD_SOCKETS ?? 40);
const FLOOD_PER_SOCKET = Number(process.env.BENCH_FLOOD_PER_SOCKET ?? 2);
const SIGNINS_BEFORE = Number(process.env.BENCH_SIGNINS_BEFORE ?? 20);
const GAP_MS = Number(process.env.BENCH_SIGNIN_GAP_MS ?? 200);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `npm run server` on a free loopback port, with its own SQLite file. */
async function startServer(dir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts', '--port', '0', '--db', `sqlite:${path.join(dir, 'community.db')}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  let log = '';
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /MARGIN_SERVER_PORT (\d+)/.exec(log);
      if (match) resolve(Number(match[1]));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${log}`)));
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

const request = <T>(socket: Socket, event: string, payload: unknown) =>
  new Promise<{ ok: boolean; data?: T; error?: { code: string; message: string } }>((resolve) => socket.emit(event, payload, resolve));

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'margin-bench-auth-'));
  const server = await startServer(dir);
  try {
    const writer = io(server.url, { transports: ['websocket'], forceNew: true, reconnection: false });
    await new Promise<void>((r) => writer.once('connect', () => r()));
    const account = { username: `writer_${Date.now() % 1e6}`, password: 'a long enough password', device: 'Laptop' };
    const registered = await request(writer, 'account:register', account);
    if (!registered.ok) throw new Error(`could not register the writer: ${registered.error?.message}`);
    const signIn = async () => {
      const t = performance.now();
      const answer = await request(writer, 'account:signIn', account);
      if (!answer.ok) throw new Error(`sign-in failed: ${answer.error?.code}: ${answer.error?.message}`);
      return performance.now() - t;
    };
    for (let i = 0; i < 3; i++) await signIn(); // warm-up
    const before: number[] = [];
    for (let i = 0; i < SIGNINS_BEFORE; i++) {
      before.push(await signIn());
      await sleep(GAP_MS);
    }

    const flood = forkClients(path.join(import.meta.dirname, 'flood.ts'));
    const config: FloodConfig = { url: server.url, sockets: FLOOD_SOCKETS, perSocket: FLOOD_PER_SOCKET, durationMs: FLOOD_SECONDS * 1000, maxAttempts: FLOOD_MAX };
    flood.send({ type: 'flood', config });
    await flood.next('connected');
    const finished = flood.next<{ result: FloodResult }>('done');
    let done = false;
    void finished.then(() => (done = true));
    const during: number[] = [];
    await sleep(500); // the flood under way
    while (!done) {
      during.push(await signIn());
      await sleep(GAP_MS);
    }
    const { result } = await finished;
    flood.child.kill();
    writer.disconnect();

    const figures = {
      signInBeforeP50Ms: round(percentile(before, 50), 1),
      signInBeforeP99Ms: round(percentile(before, 99), 1),
      signInDuringP50Ms: round(percentile(during, 50), 1),
      signInDuringP99Ms: round(percentile(during, 99), 1),
      p50Ratio: round(percentile(during, 50) / percentile(before, 50), 2),
      p99Ratio: round(percentile(during, 99) / percentile(before, 99), 2),
      signInsDuring: during.length,
      floodAttempts: result.attempts,
      floodAccountsCreated: result.created,
      floodRefused: result.refused,
      floodOther: result.other,
      floodMs: result.ms,
    };
    console.log(`sign-in before the flood: p50 ${figures.signInBeforeP50Ms} ms, p99 ${figures.signInBeforeP99Ms} ms (${before.length} sign-ins)`);
    console.log(`sign-in during the flood: p50 ${figures.signInDuringP50Ms} ms, p99 ${figures.signInDuringP99Ms} ms (${during.length} sign-ins)`);
    console.log(`ratio during/before: p50 x${figures.p50Ratio}, p99 x${figures.p99Ratio}`);
    console.log(`flood from one address: ${result.attempts} attempts in ${result.ms} ms, ${result.created} accounts created, ${result.refused} refused (rate_limited), ${result.other} other`);
    console.log(JSON.stringify(figures));
  } finally {
    server.child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

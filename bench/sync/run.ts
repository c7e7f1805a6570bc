// bench:sync — a critic queues 10,000 operations offline (comments, replies, resolutions),
// then comes online: how long until the outbox is empty (every operation applied once by a
// real server process and acknowledged), and until the author has pulled them all. Then two
// accounts on one data folder with a poison operation among 10,000 (see below).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { unwrap, type Result } from '../../shared/api/result';
import type { LocalShare, ShareView } from '../../shared/api/studio-api';
import { anchorAt } from '../../shared/text/anchor';
import { createStudioCore, type StudioCore } from '../../electron/core/studio-core';
import { docJson, manuscriptParagraphs } from '../../tests/fixtures/lexical';
import { round } from '../stats';

const OPS = Number(process.env.BENCH_OPS ?? 10_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'margin-bench-sync-'));
const dbFile = path.join(dir, 'community.db');

// BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the server process.
const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
const server = spawn(process.execPath, [...prof, '--import', 'tsx', 'server/index.ts', '--port', '0', '--db', `sqlite:${dbFile}`], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LOG_LEVEL: 'warn' } });
const port = await new Promise<number>((resolve, reject) => {
  let out = '';
  server.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const m = /MARGIN_SERVER_PORT (\d+)/.exec(out);
    if (m) resolve(Number(m[1]));
  });
  server.once('exit', (code) => reject(new Error(`server exited ${code}`)));
});
const url = `http://127.0.0.1:${port}`;

const call = async <T = any>(core: StudioCore, method: string, input: unknown = {}) => unwrap((await core.call(method, input)) as Result<T>);
const waitFor = async (test: () => boolean | Promise<boolean>, what: string, timeoutMs = 120_000, everyMs = 10) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
};
async function studio(name: string) {
  const core = createStudioCore({ dataDir: fs.mkdtempSync(path.join(dir, `${name}-`)), host: 'browser', deviceName: name, communityBackoff: { delayMs: 100, maxDelayMs: 300 } });
  await call(core, 'community.setServer', { url });
  await waitFor(() => core.current('sync:status').state === 'offline', 'reach the server');
  await call(core, 'community.register', { username: name, password: 'a long enough password' });
  return core;
}

const author = await studio('bench_author');
const critic = await studio('bench_critic');
const circle = await call(author, 'circles.create', { name: 'Bench circle' });
const invite = await call(author, 'circles.invite', { circleId: circle.id });
await call(critic, 'circles.join', { code: invite.code });
const project = await call(author, 'projects.create', { title: 'Bench' });
const doc = await call(author, 'documents.create', { projectId: project.id, title: 'Chapter' });
const paragraphs = manuscriptParagraphs(5000).map((p, i) => `${i}: ${p}`);
await call(author, 'documents.save', { id: doc.id, content: docJson(paragraphs) });
const share = await call<LocalShare>(author, 'shares.publish', { documentIds: [doc.id], circleId: circle.id, title: 'Chapter' });
await waitFor(async () => (await call<LocalShare[]>(critic, 'shares.list')).some((s) => s.versions.length === 1), 'the critic has the draft');
const versionId = share.versions[0]!.id;
const plain = paragraphs.join('\n\n');

// Offline: the critic's studio points at a port where nothing listens.
await call(critic, 'community.setServer', { url: 'http://127.0.0.1:9' });
const t0 = performance.now();
const roots: string[] = [];
for (let i = 0; i < OPS; i++) {
  if (i % 10 === 9 && roots.length > 0) {
    await call(critic, 'comments.setFlag', { target: 'comment', id: roots[i % roots.length]!, flag: 'resolved', value: true });
  } else if (i % 5 === 4 && roots.length > 0) {
    await call(critic, 'comments.add', { shareId: share.id, versionId, parentId: roots[i % roots.length], body: `A reply, number ${i}.` });
  } else {
    const p = paragraphs[i % paragraphs.length]!;
    const start = plain.indexOf(p);
    const c = await call(critic, 'comments.add', { shareId: share.id, versionId, body: `Comment ${i} on this passage.`, anchor: anchorAt(plain, start, start + Math.min(p.length, 60)) });
    roots.push(c.id);
  }
}
const queueMs = performance.now() - t0;
const queued = (await call(critic, 'sync.outbox')).pending;

// Online again: flush.
let progressEvents = 0;
let firstSendMs = 0;
critic.on('sync:outbox', (s) => {
  if (s.sending) progressEvents++;
  if (s.sending && !firstSendMs) firstSendMs = performance.now() - t1;
  if (process.env.BENCH_TRACE && s.sending) console.log(`  ${Math.round(performance.now() - t1)} ms: ${s.sending.done}/${s.sending.total}`);
});
const t1 = performance.now();
await call(critic, 'community.setServer', { url });
// Told by the studio's own event, not by polling: the bench should not slow what it measures.
await new Promise<void>((resolve) => {
  const off = critic.on('sync:outbox', (s) => {
    if (s.pending !== 0 || s.sending !== null) return;
    off();
    resolve();
  });
});
const flushMs = performance.now() - t1;
const expectedComments = OPS - Math.floor(OPS / 10);
await waitFor(async () => {
  const view = await call<ShareView>(author, 'shares.open', { shareId: share.id });
  return view.threads.reduce((n, t) => n + 1 + t.replies.length, view.detached.length) === expectedComments;
}, 'the author has every comment', 120_000, 250);
const authorMs = performance.now() - t1;

const db = new BetterSqlite3(dbFile, { readonly: true });
const onServer = (db.prepare('SELECT count(*) AS n, count(DISTINCT id) AS d FROM comments').get() as { n: number; d: number });
db.close();
const failedList = (await call(critic, 'sync.outbox')).failed as { kind: string; error: string }[];
const failed = failedList.length;
// Nothing should be refused here; if anything is, say why (each reason once, with how many).
const reasons = new Map<string, number>();
for (const f of failedList) reasons.set(`${f.kind}: ${f.error}`, (reasons.get(`${f.kind}: ${f.error}`) ?? 0) + 1);
for (const [reason, n] of reasons) console.log(`REFUSED ${n} × ${reason}`);
critic.close();

// Second run: one data folder, two accounts. Account A queues half the operations offline and
// signs out; account B signs in on the same folder and queues the other half, one of which the
// server fails on (a trigger makes its store throw for that comment). B's good operations must
// all arrive, within 3 s, without waiting on the poison one; none of A's may be sent under B.
const poisonDb = new BetterSqlite3(dbFile);
poisonDb.exec("CREATE TRIGGER bench_poison BEFORE INSERT ON comments WHEN NEW.body = 'POISON' BEGIN SELECT RAISE(ABORT, 'poisoned'); END");
poisonDb.close();
const shared = await studio('bench_two_a');
await call(shared, 'circles.join', { code: invite.code });
const half = Math.floor(OPS / 2);
const queueOffline = async (n: number, poisonAt = -1) => {
  await call(shared, 'community.setServer', { url: 'http://127.0.0.1:9' });
  for (let i = 0; i < n; i++) await call(shared, 'comments.add', { shareId: share.id, versionId, body: i === poisonAt ? 'POISON' : `Two accounts, comment ${i}.` });
};
await waitFor(async () => (await call<LocalShare[]>(shared, 'shares.list')).some((s) => s.versions.length === 1), 'A has the draft');
await queueOffline(half);
await call(shared, 'community.signOut');
await call(shared, 'community.setServer', { url });
await waitFor(() => shared.current('sync:status').state === 'offline', 'the shared studio is back, signed out');
await call(shared, 'community.register', { username: 'bench_two_b', password: 'a long enough password' });
await call(shared, 'circles.join', { code: invite.code });
await waitFor(async () => (await call<LocalShare[]>(shared, 'shares.list')).some((s) => s.versions.length === 1), 'B has the draft');
await queueOffline(OPS - half, Math.floor((OPS - half) / 3));
const t2 = performance.now();
await call(shared, 'community.setServer', { url });
const goodDone = () => new Promise<void>((resolve) => {
  const off = shared.on('sync:outbox', (s) => {
    if (s.pending > 1 || s.sending !== null) return;
    off();
    resolve();
  });
});
await goodDone();
const poisonFlushMs = performance.now() - t2;
const waitingForA = (await call(shared, 'sync.outbox')).others.reduce((n: number, o: { pending: number }) => n + o.pending, 0);
const check = new BetterSqlite3(dbFile, { readonly: true });
const twoAccounts = check.prepare("SELECT count(*) AS n FROM comments c JOIN users u ON u.id = c.author_id WHERE u.username = ?");
const sentForB = (twoAccounts.get('bench_two_b') as { n: number }).n;
const sentForA = (twoAccounts.get('bench_two_a') as { n: number }).n;
check.close();
shared.close();
author.close();
server.kill('SIGTERM');

const figures = {
  bench: 'sync',
  ops: queued,
  queue_ms_per_op: round(queueMs / OPS, 3),
  flush_s: round(flushMs / 1000, 2),
  flush_ops_per_s: Math.round(queued / (flushMs / 1000)),
  author_has_all_s: round(authorMs / 1000, 2),
  server_comments: onServer.n,
  duplicates: onServer.n - onServer.d,
  refused: failed,
  progress_events: progressEvents,
  connect_to_first_send_ms: Math.round(firstSendMs),
  two_accounts_good_ops: sentForB,
  two_accounts_good_flush_s: round(poisonFlushMs / 1000, 2),
  two_accounts_other_sent: sentForA,
  two_accounts_other_waiting: waitingForA,
};
console.log(`queued ${queued} operations offline (${figures.queue_ms_per_op} ms each, written with their outbox rows in one transaction)`);
console.log(`flushed to a real server process in ${figures.flush_s} s (${figures.flush_ops_per_s} ops/s; target ≤ 3 s), ${progressEvents} progress updates`);
console.log(`author pulled all ${expectedComments} comments ${figures.author_has_all_s} s after reconnecting; server holds ${onServer.n} comments, ${figures.duplicates} duplicates, ${failed} refused`);
console.log(`two accounts on one folder, one poison operation among ${OPS}: B's ${sentForB} good operations flushed in ${figures.two_accounts_good_flush_s} s (target ≤ 3 s) with the poison one waiting its backoff; ${sentForA} of A's sent under B, ${waitingForA} waiting for A`);
console.log(JSON.stringify(figures));
process.exit(0);

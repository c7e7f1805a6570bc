// bench:sync — a critic queues 10,000 operations offline (comments, replies, resolutions),
// then comes online: how long until the outbox is empty (every operation applied once by a
// real server process and acknowledged), and until the author has pulled them all.
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
const failed = (await call(critic, 'sync.outbox')).failed.length;
author.close();
critic.close();
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
};
console.log(`queued ${queued} operations offline (${figures.queue_ms_per_op} ms each, written with their outbox rows in one transaction)`);
console.log(`flushed to a real server process in ${figures.flush_s} s (${figures.flush_ops_per_s} ops/s; target ≤ 3 s), ${progressEvents} progress updates`);
console.log(`author pulled all ${expectedComments} comments ${figures.author_has_all_s} s after reconnecting; server holds ${onServer.n} comments, ${figures.duplicates} duplicates, ${failed} refused`);
console.log(JSON.stringify(figures));
process.exit(0);

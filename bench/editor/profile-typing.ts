/// <reference lib="dom" />
// Where a slow keystroke's time goes: types into the real studio in browser mode as bench:editor
// does (keys 30 ms apart, a pause just over the autosave delay every 30 keys), with a Chromium
// trace and a CPU profile, then prints, for the slowest keys, the page's main-thread work between
// the keydown and the DOM update (tasks, layouts, event handlers, and the JS functions sampled).
// `npx tsx bench/editor/profile-typing.ts` after `npm run build`; BENCH_WORDS (100000), BENCH_KEYS (150), SLOWEST (12).
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { unwrap, type Result } from '../../shared/api/result';
import { createStudioCore } from '../../electron/core/studio-core';
import { resolveStatic } from '../../electron/web/static-files';
import { startWebHost } from '../../electron/web/web-host';
import { launchChromium } from '../../tests/e2e/harness';
import { docJson, manuscriptParagraphs } from '../../tests/fixtures/lexical';
import { percentile } from '../stats';
import { instrument } from './instrument';

const WORDS = Number(process.env.BENCH_WORDS ?? 100_000);
const KEYSTROKES = Number(process.env.BENCH_KEYS ?? 150);
const TEXT = 'the quick brown fox jumps over the lazy dog '.repeat(20).slice(0, KEYSTROKES);
const SLOWEST = Number(process.env.SLOWEST ?? 12);

const paragraphs = manuscriptParagraphs(WORDS);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'margin-profile-typing-'));
const core = createStudioCore({ dataDir, host: 'browser' });
const call = <T>(m: string, i: unknown) => unwrap(core.call(m, i) as Result<T>);
const project = call<{ id: string }>('projects.create', { title: 'Bench' });
const doc = call<{ id: string }>('documents.create', { projectId: project.id, title: 'Chapter' });
call('documents.save', { id: doc.id, content: docJson(paragraphs) });
const host = await startWebHost({ core, rendererDir: process.env.RENDERER ?? 'out/renderer' });
const browser = await launchChromium();
const editorSel = '[aria-label="Text of Chapter"]';

const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
// BARE=1: the bare Lexical reference page instead (bench/editor/page, built into out/bench-editor by bench:editor).
const BARE = process.env.BARE === '1';
const bareServer = http.createServer((req, res) => {
  const found = resolveStatic(path.resolve('out/bench-editor'), new URL(req.url ?? '/', 'http://x').pathname);
  if (!found) return void res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': found.type });
  fs.createReadStream(found.file).pipe(res);
});
if (BARE) {
  await new Promise<void>((resolve) => bareServer.listen(0, '127.0.0.1', resolve));
  await page.goto(`http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/index.html`);
  await page.evaluate((j) => (window as unknown as { loadBare(j: string): void }).loadBare(j), docJson(paragraphs));
} else {
  await page.goto(host.url);
  await page.waitForFunction(([sel, n]) => document.querySelector(sel as string)?.querySelectorAll('p').length === n, [editorSel, paragraphs.length] as const, { timeout: 60_000 });
}
await page.waitForTimeout(500);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.stack', 'blink.user_timing', 'v8', 'toplevel'] });
await cdp.send('Profiler.start');
await page.evaluate(instrument, BARE ? '#editor' : editorSel);
for (let i = 0; i < TEXT.length; i += 30) {
  await page.keyboard.type(TEXT.slice(i, i + 30), { delay: 30 });
  await page.waitForTimeout(420);
}
await page.waitForTimeout(300);
// Each key as a user-timing measure: its place on the trace's clock.
const samples = await page.evaluate(() => {
  const s = (window as unknown as { __samples: Array<[number, number, number]> }).__samples;
  s.forEach(([dom, , start], i) => performance.measure(`key ${i}`, { start, duration: dom }));
  return s;
});
const { profile } = await cdp.send('Profiler.stop');
const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
await page.close();
bareServer.close();
await browser.close();
await host.close();
core.close();
fs.rmSync(dataDir, { recursive: true, force: true });

interface TraceEvent { name: string; cat: string; ph: string; ts: number; dur?: number; tid: number; pid: number; id2?: { local?: string }; id?: string; args?: { data?: Record<string, unknown> } }

const dom = samples.map((s) => s[0]);
console.log(`${WORDS} words, ${samples.length} keys: dom p50 ${percentile(dom, 50).toFixed(2)} p95 ${percentile(dom, 95).toFixed(2)} max ${Math.max(...dom).toFixed(2)} ms`);

const ev = trace.traceEvents;
const keyBegin = ev.filter((e) => e.cat.includes('blink.user_timing') && e.name.startsWith('key ') && (e.ph === 'b' || e.ph === 'R' || e.ph === 'X'));
const mainPid = keyBegin[0]?.pid;
const mainTid = ev.find((e) => e.pid === mainPid && e.name === 'thread_name' && (e.args as { name?: string } | undefined)?.name === 'CrRendererMain')?.tid;
const main = ev.filter((e) => e.pid === mainPid && e.tid === mainTid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
const tasks = main.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');

// Profile samples on the same clock (microseconds).
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const sampleTimes: number[] = [];
let t = profile.startTime;
for (const d of profile.timeDeltas ?? []) sampleTimes.push((t += d));
const label = (id: number) => {
  const n = byId.get(id)!;
  return `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*\//, '')}:${n.callFrame.lineNumber}`;
};
const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
/** A sample's stack as "outer > … > inner", our code's frames only where there are some. */
const stack = (id: number) => {
  const frames: string[] = [];
  for (let cur: number | undefined = id; cur !== undefined; cur = parentOf.get(cur)) {
    const n = byId.get(cur)!;
    if (n.callFrame.functionName === '(root)') break;
    frames.push(n.callFrame.functionName || '(anon)');
  }
  return frames.reverse().slice(-6).join(' > ');
};

const keys = keyBegin
  .map((b) => ({ name: b.name, ts: b.ts, end: b.ph === 'X' ? b.ts + b.dur! : (ev.find((e) => e.name === b.name && e.ph === 'e' && e.pid === b.pid)?.ts ?? b.ts) }))
  .sort((a, b) => b.end - b.ts - (a.end - a.ts))
  .slice(0, SLOWEST);
for (const key of keys) {
  const index = Number(key.name.slice(4));
  console.log(`\n${key.name} (${index % 30 === 0 ? 'first after a pause' : `${index % 30}th of its run`}): ${((key.end - key.ts) / 1000).toFixed(2)} ms`);
  for (const task of tasks.filter((x) => x.ts < key.end && x.ts + x.dur! > key.ts - 20_000)) {
    const inside = new Map<string, number>();
    for (const e of main) {
      if (e === task || e.ts < task.ts || e.ts + e.dur! > task.ts + task.dur!) continue;
      const data = e.args?.data ?? {};
      const what =
        e.name === 'EventDispatch' ? `Event ${String(data.type)}` : e.name === 'FunctionCall' ? `Call ${String(data.functionName || '?')} ${String(data.url ?? '').replace(/^.*\//, '')}` : e.name;
      if (!/^(Event|Call|Layout|UpdateLayoutTree|Paint|PrePaint|TimerFire|FireAnimationFrame|MinorGC|MajorGC|V8.GC|RunMicrotasks|HitTest|Layerize|ParseHTML|v8.run|FireIdleCallback)/.test(what)) continue;
      inside.set(what, (inside.get(what) ?? 0) + e.dur! / 1000);
    }
    const parts = [...inside].filter(([, v]) => v >= 0.2).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${v.toFixed(1)}`).join('; ');
    if (task.dur! < 300) continue;
    console.log(`  task at ${((task.ts - key.ts) / 1000).toFixed(1).padStart(6)} ms, ${(task.dur! / 1000).toFixed(2)} ms: ${parts}`);
    // A layout forced by script inside the task: who asked for it.
    for (const e of main) {
      if (e.name !== 'Layout' && e.name !== 'UpdateLayoutTree') continue;
      if (e.ts < task.ts || e.ts + e.dur! > task.ts + task.dur! || e.dur! < 200) continue;
      const begin = (e.args as { beginData?: { stackTrace?: Array<{ functionName: string; url: string; lineNumber: number }> } } | undefined)?.beginData;
      const frames = (begin?.stackTrace ?? []).slice(0, 5).map((f) => `${f.functionName || '(anon)'}:${f.lineNumber}`).join(' < ');
      console.log(`      ${e.name} ${(e.dur! / 1000).toFixed(2)} ms${frames ? ` forced by ${frames}` : ''}`);
    }
  }
  // The JS sampled while the key waited: heaviest stacks.
  const stacks = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const at = sampleTimes[i]!;
    if (at < key.ts - 20_000 || at > key.end) return;
    const n = byId.get(id)!;
    if (n.callFrame.functionName === '(idle)' || n.callFrame.functionName === '(program)') return;
    const k = `${stack(id)}  [${label(id)}]`;
    stacks.set(k, (stacks.get(k) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  for (const [k, v] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 6)) console.log(`    js ${v.toFixed(2)} ms  ${k}`);
}

// Over every key: the average time per key of each kind of work between keydown and the DOM update.
{
  const all = keyBegin.map((b) => ({ ts: b.ts, end: b.ph === 'X' ? b.ts + b.dur! : (ev.find((e) => e.name === b.name && e.ph === 'e' && e.pid === b.pid)?.ts ?? b.ts) }));
  const kinds = new Map<string, number>();
  for (const key of all) {
    for (const e of main) {
      if (e.ts < key.ts || e.ts > key.end) continue;
      if (['Layout', 'UpdateLayoutTree', 'MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'V8.GC_MARK_COMPACTOR', 'Paint', 'PrePaint'].includes(e.name)) kinds.set(e.name, (kinds.get(e.name) ?? 0) + e.dur! / 1000);
    }
  }
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const at = sampleTimes[i]!;
    if (!all.some((k) => at >= k.ts && at <= k.end)) return;
    const k = label(id);
    self.set(k, (self.get(k) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  console.log(`\nper key (average over ${all.length}): wall ${(all.reduce((s, k) => s + k.end - k.ts, 0) / 1000 / all.length).toFixed(2)} ms; ${[...kinds].map(([k, v]) => `${k} ${(v / all.length).toFixed(2)}`).join(', ')}`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${(v / all.length).toFixed(3)} ms  ${k}`);
}

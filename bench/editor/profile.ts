/// <reference lib="dom" />
// Where opening a long document goes: one open of the real studio in browser mode (as
// bench:editor does it), with a timeline of the page's requests, WebSocket frames and long
// tasks, and the heaviest functions of a CPU profile. `npx tsx bench/editor/profile.ts`
// after `npm run build`; BENCH_WORDS (100000) sets the document's size.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unwrap, type Result } from '../../shared/api/result';
import { createStudioCore } from '../../electron/core/studio-core';
import { startWebHost } from '../../electron/web/web-host';
import { launchChromium } from '../../tests/e2e/harness';
import { docJson, manuscriptParagraphs } from '../../tests/fixtures/lexical';

const WORDS = Number(process.env.BENCH_WORDS ?? 100_000);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'margin-profile-'));
const core = createStudioCore({ dataDir, host: 'browser' });
const call = <T>(m: string, i: unknown) => unwrap(core.call(m, i) as Result<T>);
const project = call<{ id: string }>('projects.create', { title: 'Bench' });
const doc = call<{ id: string }>('documents.create', { projectId: project.id, title: 'Chapter' });
call('documents.save', { id: doc.id, content: docJson(manuscriptParagraphs(WORDS)) });
const host = await startWebHost({ core, rendererDir: process.env.RENDERER ?? 'out/renderer' });
const browser = await launchChromium();
const editorSel = '[aria-label="Text of Chapter"]';

for (let round = 0; round < Number(process.env.ROUNDS ?? 2); round++) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const cdp = await page.context().newCDPSession(page);
  const events: Array<[number, string]> = [];
  let t0 = 0;
  const at = (ts: number, what: string) => events.push([ts, what]);
  await cdp.send('Network.enable');
  cdp.on('Network.requestWillBeSent', (e) => at(e.timestamp, `request ${e.request.url.replace(/^.*\//, '').slice(0, 40)}`));
  cdp.on('Network.loadingFinished', (e) => at(e.timestamp, `loaded ${e.requestId} ${e.encodedDataLength} B`));
  cdp.on('Network.webSocketCreated', () => at(-1, 'ws created'));
  cdp.on('Network.webSocketHandshakeResponseReceived', (e) => at(e.timestamp, 'ws open'));
  cdp.on('Network.webSocketFrameSent', (e) => at(e.timestamp, `ws > ${e.response.payloadData.slice(0, 70)}`));
  cdp.on('Network.webSocketFrameReceived', (e) => at(e.timestamp, `ws < ${e.response.payloadData.length} B ${e.response.payloadData.slice(0, 50)}`));
  const profile = round > 0 && process.env.TRACE !== '1';
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const tracing = process.env.TRACE === '1' && round > 0;
  if (tracing) await browser.startTracing(page, { categories: ['devtools.timeline', 'v8', 'blink', 'toplevel', 'disabled-by-default-devtools.timeline'] });
  const start = performance.now();
  const nav = page.goto(host.url);
  await nav;
  await page.waitForFunction((sel) => (document.querySelector(sel)?.querySelectorAll('p').length ?? 0) > 0, editorSel, { timeout: 60_000, polling: 5 });
  const drawn = performance.now() - start;
  const focused = await page.evaluate((sel) => document.activeElement === document.querySelector(sel), editorSel);
  if (!focused) await page.locator(`${editorSel} p`).first().click({ position: { x: 1, y: 4 } });
  await page.keyboard.press('Z');
  await page.waitForFunction((sel) => document.querySelector(sel)?.querySelector('p')?.textContent?.includes('Z'), editorSel, { timeout: 60_000, polling: 5 });
  const typed = performance.now() - start;
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const marks = performance.getEntriesByType('mark').map((m) => `${m.name} ${m.startTime.toFixed(0)}`);
    return { origin: performance.timeOrigin, responseEnd: nav.responseEnd, domInteractive: nav.domInteractive, domContentLoaded: nav.domContentLoadedEventEnd, marks };
  });
  t0 = events.find(([, w]) => w.startsWith('request'))?.[0] ?? 0;
  console.log(`\nround ${round}: drawn ${drawn.toFixed(0)} ms, typed ${typed.toFixed(0)} ms, focused ${focused}; html ${timing.responseEnd.toFixed(0)}, interactive ${timing.domInteractive.toFixed(0)}, DCL ${timing.domContentLoaded.toFixed(0)}`);
  console.log(`  marks: ${timing.marks.join(', ')}`);
  for (const [ts, what] of events.filter(([ts]) => ts > 0).sort((a, b) => a[0] - b[0])) console.log(`  ${((ts - t0) * 1000).toFixed(0).padStart(6)} ${what}`);
  if (tracing) printTrace(JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] });
  if (profile && !tracing) {
    const { profile: p } = await cdp.send('Profiler.stop');
    const self = new Map<string, number>();
    const dt = p.timeDeltas ?? [];
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    (p.samples ?? []).forEach((id, i) => {
      const n = byId.get(id)!;
      const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*\//, '')}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
      self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
    });
    // An unminified build (profile.vite.config.ts) marks each module with a `// path` line: self time per module too.
    const regions = new Map<string, Array<[number, string]>>();
    const moduleOf = (url: string, line: number) => {
      const file = url.replace(/^.*\//, '');
      if (!regions.has(file)) {
        const full = path.join(process.env.RENDERER ?? 'out/renderer', 'assets', file);
        const lines = fs.existsSync(full) && file.endsWith('.js') ? fs.readFileSync(full, 'utf8').split('\n') : [];
        regions.set(file, lines.flatMap((l, i): Array<[number, string]> => (/^\/\/ [^ ]+$/.test(l) ? [[i, l.slice(3).replace(/^node_modules\//, '')]] : [])));
      }
      let found = file || '(native)';
      for (const [start, name] of regions.get(file)!) if (start <= line) found = name;
      return found;
    };
    const perModule = new Map<string, number>();
    (p.samples ?? []).forEach((id, i) => {
      const n = byId.get(id)!;
      const key = moduleOf(n.callFrame.url, n.callFrame.lineNumber);
      perModule.set(key, (perModule.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
    });
    // Top-down: every call path worth 15 ms or more, with its inclusive time.
    const total = new Map<number, number>();
    const own = new Map<number, number>();
    (p.samples ?? []).forEach((id, i) => own.set(id, (own.get(id) ?? 0) + (dt[i] ?? 0) / 1000));
    const inclusive = (id: number): number => {
      const n = byId.get(id)!;
      const t = (own.get(id) ?? 0) + (n.children ?? []).reduce((sum, c) => sum + inclusive(c), 0);
      total.set(id, t);
      return t;
    };
    inclusive(p.nodes[0]!.id);
    // React walks the fiber tree recursively: its walking frames are left out of the tree.
    const RECURSIVE = /^(recursivelyTraverse\w+|commit\w+OnFiber|commitPassiveMountOnFiber|performUnitOfWork|workLoopSync|beginWork|completeUnitOfWork|renderWithHooks|updateFunctionComponent|commitHookEffectListMount|commitHookLayoutEffects|commitHookPassiveMountEffects|reconcileChildren\w*|exports\.useMemo|useMemo|mountMemo)$/;
    const walk = (id: number, depth: number) => {
      const n = byId.get(id)!;
      if (RECURSIVE.test(n.callFrame.functionName)) {
        for (const c of (n.children ?? []).filter((c) => total.get(c)! >= Number(process.env.MIN_MS ?? 15))) walk(c, depth);
        return;
      }
      if (depth > 0) console.log(`  ${'  '.repeat(depth)}${total.get(id)!.toFixed(0)} ${n.callFrame.functionName || '(anon)'} ${moduleOf(n.callFrame.url, n.callFrame.lineNumber)}`);
      if (depth < Number(process.env.DEPTH ?? 14)) for (const c of (n.children ?? []).filter((c) => total.get(c)! >= Number(process.env.MIN_MS ?? 15)).sort((a, b) => total.get(b)! - total.get(a)!)) walk(c, depth + 1);
    };
    console.log('  call tree (inclusive ms):');
    walk(p.nodes[0]!.id, 0);
    console.log('  self time per module (ms):');
    for (const [k, v] of [...perModule].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${v.toFixed(1).padStart(8)} ${k}`);
    console.log('  self time (ms):');
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${v.toFixed(1).padStart(8)} ${k}`);
  }
  await page.close();
}
await browser.close();
await host.close();
core.close();
fs.rmSync(dataDir, { recursive: true, force: true });

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tid: number; pid: number; args?: { name?: string; data?: Record<string, unknown> } }

/** The renderer main thread's tasks longer than 3 ms, each with what took its time (direct children by name). */
function printTrace({ traceEvents }: { traceEvents: TraceEvent[] }) {
  const main = traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && traceEvents.some((x) => x.pid === e.pid && x.name === 'ParseHTML'));
  if (!main) return console.log('  no renderer main thread in the trace');
  const mine = traceEvents.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
  const nav = traceEvents.find((e) => e.name === 'navigationStart' && e.pid === main.pid) ?? mine[0]!;
  const tasks = mine.filter((e) => e.dur! > 3000 && !mine.some((o) => o !== e && o.ts <= e.ts && o.ts + o.dur! >= e.ts + e.dur! && o.dur! > e.dur!));
  console.log('  main thread tasks > 3 ms (start, duration, inside):');
  for (const task of tasks) {
    const inside = new Map<string, number>();
    for (const e of mine) {
      if (e === task || e.ts < task.ts || e.ts + e.dur! > task.ts + task.dur!) continue;
      if (['EvaluateScript', 'v8.compile', 'v8.compileModule', 'v8.evaluateModule', 'FunctionCall', 'Layout', 'UpdateLayoutTree', 'Paint', 'ParseHTML', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'PrePaint', 'Layerize', 'v8.parseOnBackground', 'ParseAuthorStyleSheet', 'HitTest', 'RunMicrotasks', 'V8.DeserializeContext'].includes(e.name)) {
        inside.set(e.name, (inside.get(e.name) ?? 0) + e.dur! / 1000);
      }
    }
    const parts = [...inside].filter(([, v]) => v >= 1).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
    console.log(`  ${((task.ts - nav.ts) / 1000).toFixed(0).padStart(6)} ${(task.dur! / 1000).toFixed(0).padStart(5)} ms ${task.name}: ${parts}`);
  }
}

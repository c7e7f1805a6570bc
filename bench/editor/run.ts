/// <reference lib="dom" />
// bench:editor — typing latency in headless Chromium: Margin's full editor (the real app in
// browser mode: word counts, autosave, toolbar and all) beside a bare Lexical editor (with the
// same content-visibility CSS), on 1k, 10k and 100k-word documents. The typing pauses now and
// then for just over the autosave delay, so some keystrokes land while an autosave serializes
// the document. And opening the studio on each document until a typed key is in the page.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { unwrap, type Result } from '../../shared/api/result';
import { createStudioCore } from '../../electron/core/studio-core';
import { resolveStatic } from '../../electron/web/static-files';
import { startWebHost } from '../../electron/web/web-host';
import { launchChromium } from '../../tests/e2e/harness';
import { docJson, manuscriptParagraphs } from '../../tests/fixtures/lexical';
import { percentile, round } from '../stats';
import { instrument } from './instrument';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
// 450 keys: with 150 the p95 was the 8th-slowest key on a 0.1 ms clock, and the 100k/1k growth of
// the same build moved between 1.3x and 1.8x from run to run (bare Lexical's too, 1.35x to 1.9x).
const KEYSTROKES = Number(process.env.BENCH_KEYS ?? 450);
const PHRASE = 'the quick brown fox jumps over the lazy dog ';
const TEXT = PHRASE.repeat(Math.ceil(KEYSTROKES / PHRASE.length)).slice(0, KEYSTROKES);
/** Every this many keys, a pause just longer than the autosave delay (400 ms): the next keys meet the save. */
const PAUSE_EVERY = 30;
const PAUSE_MS = 420;
const OPENS = Number(process.env.BENCH_OPENS ?? 3);
/** The built renderer to serve (RENDERER=dir to bench a copy while out/ is rebuilt; `npm run bench:editor` builds out/renderer). */
const RENDERER = process.env.RENDERER ?? 'out/renderer';

execFileSync('npx', ['vite', 'build', '--config', 'bench/editor/vite.config.ts'], { stdio: 'inherit' });
const bareDir = path.resolve('out/bench-editor');
const bareServer = http.createServer((req, res) => {
  const found = resolveStatic(bareDir, new URL(req.url ?? '/', 'http://x').pathname);
  if (!found) return void res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': found.type });
  fs.createReadStream(found.file).pipe(res);
});
await new Promise<void>((resolve) => bareServer.listen(0, '127.0.0.1', resolve));
const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/index.html`;

const browser = await launchChromium();

async function typeAndMeasure(page: Page, selector: string) {
  await page.evaluate(instrument, selector);
  for (let i = 0; i < TEXT.length; i += PAUSE_EVERY) {
    await page.keyboard.type(TEXT.slice(i, i + PAUSE_EVERY), { delay: 30 });
    await page.waitForTimeout(PAUSE_MS);
  }
  await page.waitForTimeout(300);
  const samples = await page.evaluate(() => (window as unknown as { __samples: Array<[number, number]> }).__samples);
  const dom = samples.map((s) => s[0]);
  const frame = samples.map((s) => s[1]);
  return { n: samples.length, dom_p50: percentile(dom, 50), dom_p95: percentile(dom, 95), frame_p50: percentile(frame, 50), frame_p95: percentile(frame, 95) };
}

const results: Record<string, number> = {};
for (const words of SIZES) {
  const paragraphs = manuscriptParagraphs(words);
  const json = docJson(paragraphs);
  const label = words >= 1000 ? `${words / 1000}k` : String(words);

  // Bare Lexical.
  const bare = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await bare.goto(bareUrl);
  await bare.evaluate((j) => (window as unknown as { loadBare(j: string): void }).loadBare(j), json);
  const b = await typeAndMeasure(bare, '#editor');
  await bare.close();

  // Margin: the real studio in browser mode, with the document in a fresh data directory.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'margin-bench-editor-'));
  const core = createStudioCore({ dataDir, host: 'browser' });
  const call = <T>(m: string, i: unknown) => unwrap(core.call(m, i) as Result<T>);
  const project = call<{ id: string }>('projects.create', { title: 'Bench' });
  const doc = call<{ id: string }>('documents.create', { projectId: project.id, title: 'Chapter' });
  call('documents.save', { id: doc.id, content: json });
  const host = await startWebHost({ core, rendererDir: RENDERER });
  const editorSel = '[aria-label="Text of Chapter"]';
  // Opening: from navigation until a key typed is in the document (clicking into the text
  // first if the studio did not give the editor the focus). The median of a few opens.
  const opens: number[] = [];
  const drawn: number[] = [];
  for (let i = 0; i < OPENS; i++) {
    const probe = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const t0 = performance.now();
    await probe.goto(host.url);
    await probe.waitForFunction((sel) => (document.querySelector(sel)?.querySelectorAll('p').length ?? 0) > 0, editorSel, { timeout: 60_000, polling: 5 });
    drawn.push(performance.now() - t0);
    const focused = await probe.evaluate((sel) => document.activeElement === document.querySelector(sel), editorSel);
    if (!focused) await probe.locator(`${editorSel} p`).first().click({ position: { x: 1, y: 4 } });
    await probe.keyboard.press('Z');
    await probe.waitForFunction((sel) => document.querySelector(sel)?.querySelector('p')?.textContent?.includes('Z'), editorSel, { timeout: 60_000, polling: 5 });
    opens.push(performance.now() - t0);
    await probe.close();
  }
  const openMs = Math.round(percentile(opens, 50));
  const drawnMs = Math.round(percentile(drawn, 50));
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(host.url);
  // Typing is measured in the whole document: a long one opens around the writer's place first
  // and has the rest added just after (renderer/src/editor/progressive-load.ts).
  await page.waitForFunction(([sel, n]) => document.querySelector(sel as string)?.querySelectorAll('p').length === n, [editorSel, paragraphs.length] as const, { timeout: 60_000 });
  const m = await typeAndMeasure(page, editorSel);
  await page.close();
  await host.close();
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });

  console.log(
    `${label} words  bare Lexical: dom p50 ${b.dom_p50.toFixed(1)} / p95 ${b.dom_p95.toFixed(1)} ms, frame p95 ${b.frame_p95.toFixed(1)} ms (n=${b.n})` +
      ` | Margin: dom p50 ${m.dom_p50.toFixed(1)} / p95 ${m.dom_p95.toFixed(1)} ms, frame p95 ${m.frame_p95.toFixed(1)} ms (n=${m.n})` +
      ` | ratio p95 ${(m.dom_p95 / b.dom_p95).toFixed(2)}x | open until typing ${openMs} ms (drawn ${drawnMs} ms)`,
  );
  results[`bare_p50_ms_${label}`] = round(b.dom_p50);
  results[`bare_p95_ms_${label}`] = round(b.dom_p95);
  results[`p50_ms_${label}`] = round(m.dom_p50);
  results[`p95_ms_${label}`] = round(m.dom_p95);
  results[`frame_p95_ms_${label}`] = round(m.frame_p95);
  results[`bare_frame_p95_ms_${label}`] = round(b.frame_p95);
  results[`ratio_vs_bare_p95_${label}`] = round(m.dom_p95 / b.dom_p95);
  results[`open_ms_${label}`] = openMs;
  results[`open_drawn_ms_${label}`] = drawnMs;
}
if (results.p95_ms_1k && results.p95_ms_100k) results.growth_p95_100k_over_1k = round(results.p95_ms_100k / results.p95_ms_1k);
await browser.close();
bareServer.close();
console.log(
  `targets: p95 <= 16 ms at 100k words (got ${results.p95_ms_100k}), <= 1.5x the 1k figure (got ${results.growth_p95_100k_over_1k}x), ` +
    `open a 100k-word document until typing works <= 500 ms (got ${results.open_ms_100k})`,
);
console.log(JSON.stringify({ bench: 'editor', ...results }));

/// <reference lib="dom" />
// Typing latency of two (or more) renderer builds, taken in turns, so a busy machine slows
// them alike: `RENDERERS=out/a,out/b npx tsx bench/editor/compare-typing.ts`. Each round types
// as bench:editor does (bench/editor/run.ts: keys 30 ms apart, a pause just over the autosave
// delay every 30 keys) in the whole document, at each size, with each build in turn; it prints
// each build's per-round p95 and the median of them, and the growth from the first size to the last.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { unwrap, type Result } from '../../shared/api/result';
import { createStudioCore } from '../../electron/core/studio-core';
import { startWebHost } from '../../electron/web/web-host';
import { launchChromium } from '../../tests/e2e/harness';
import { docJson, manuscriptParagraphs } from '../../tests/fixtures/lexical';
import { percentile } from '../stats';
import { instrument } from './instrument';

const SIZES = (process.env.BENCH_SIZES ?? '1000,100000').split(',').map(Number);
const KEYSTROKES = Number(process.env.BENCH_KEYS ?? 150);
const TEXT = 'the quick brown fox jumps over the lazy dog '.repeat(20).slice(0, KEYSTROKES);
const PAUSE_EVERY = 30;
const PAUSE_MS = 420;
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const dirs = (process.env.RENDERERS ?? 'out/renderer').split(',');

const browser = await launchChromium();
const editorSel = '[aria-label="Text of Chapter"]';

async function typeAndMeasure(page: Page) {
  await page.evaluate(instrument, editorSel);
  for (let i = 0; i < TEXT.length; i += PAUSE_EVERY) {
    await page.keyboard.type(TEXT.slice(i, i + PAUSE_EVERY), { delay: 30 });
    await page.waitForTimeout(PAUSE_MS);
  }
  await page.waitForTimeout(300);
  const samples = await page.evaluate(() => (window as unknown as { __samples: Array<[number, number]> }).__samples);
  return samples.map((s) => s[0]);
}

// p95[size][dir] = one figure per round; all[size][dir] = every sample.
const p95 = SIZES.map(() => dirs.map(() => [] as number[]));
const all = SIZES.map(() => dirs.map(() => [] as number[]));
for (const [s, words] of SIZES.entries()) {
  const paragraphs = manuscriptParagraphs(words);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'margin-compare-typing-'));
  const core = createStudioCore({ dataDir, host: 'browser' });
  const call = <T>(m: string, i: unknown) => unwrap(core.call(m, i) as Result<T>);
  const project = call<{ id: string }>('projects.create', { title: 'Bench' });
  const doc = call<{ id: string }>('documents.create', { projectId: project.id, title: 'Chapter' });
  const json = docJson(paragraphs);
  const hosts = await Promise.all(dirs.map((rendererDir) => startWebHost({ core, rendererDir })));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, host] of hosts.entries()) {
      call('documents.save', { id: doc.id, content: json }); // the same text each time
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(host.url);
      await page.waitForFunction(([sel, n]) => document.querySelector(sel as string)?.querySelectorAll('p').length === n, [editorSel, paragraphs.length] as const, { timeout: 60_000 });
      const dom = await typeAndMeasure(page);
      await page.close();
      p95[s]![i]!.push(percentile(dom, 95));
      all[s]![i]!.push(...dom);
    }
  }
  await Promise.all(hosts.map((h) => h.close()));
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
await browser.close();

const summary: Record<string, number> = {};
for (const [i, dir] of dirs.entries()) {
  for (const [s, words] of SIZES.entries()) {
    const rounds = p95[s]![i]!;
    const med = percentile(rounds, 50);
    summary[`${dir}:p95_median_${words}`] = Number(med.toFixed(2));
    console.log(`${dir} ${words} words: dom p95 per round [${rounds.map((x) => x.toFixed(1)).join(' ')}] median ${med.toFixed(2)} ms; pooled p50 ${percentile(all[s]![i]!, 50).toFixed(2)} p95 ${percentile(all[s]![i]!, 95).toFixed(2)} ms (n=${all[s]![i]!.length})`);
  }
  if (SIZES.length > 1) {
    const growth = percentile(p95[SIZES.length - 1]![i]!, 50) / percentile(p95[0]![i]!, 50);
    const pooled = percentile(all[SIZES.length - 1]![i]!, 95) / percentile(all[0]![i]!, 95);
    summary[`${dir}:growth`] = Number(growth.toFixed(2));
    console.log(`${dir}: growth of the p95 median ${growth.toFixed(2)}x, of the pooled p95 ${pooled.toFixed(2)}x`);
  }
}
console.log(JSON.stringify({ bench: 'editor-compare-typing', rounds: ROUNDS, keys: KEYSTROKES, ...summary }));

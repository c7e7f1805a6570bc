/// <reference lib="dom" />
// Where an open's time goes inside the page: opens as bench:editor times them (a fresh host per
// trial, OPENS opens each, navigation until a typed key is in the document), with the page's own
// clock at each step (socket made and open, the document's message, editor drawn, focused, key
// down, key in) beside its performance marks (start asked and answered, app loaded, first render).
// Renderer builds are taken in turns: `RENDERERS=out/a,out/b npx tsx bench/editor/opening-steps.ts`;
// MARKS=1 prints every open's steps; BENCH_WORDS (100000), TRIALS (3) and OPENS (3) set the rest.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unwrap, type Result } from '../../shared/api/result';
import { createStudioCore } from '../../electron/core/studio-core';
import { startWebHost } from '../../electron/web/web-host';
import { launchChromium } from '../../tests/e2e/harness';
import { docJson, manuscriptParagraphs } from '../../tests/fixtures/lexical';
import { percentile } from '../stats';

const WORDS = Number(process.env.BENCH_WORDS ?? 100_000);
const TRIALS = Number(process.env.TRIALS ?? 3);
const OPENS = Number(process.env.OPENS ?? 3);
const dirs = (process.env.RENDERERS ?? 'out/renderer').split(',');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'margin-cold-'));
const core = createStudioCore({ dataDir, host: 'browser' });
const call = <T>(m: string, i: unknown) => unwrap(core.call(m, i) as Result<T>);
const project = call<{ id: string }>('projects.create', { title: 'Bench' });
const doc = call<{ id: string }>('documents.create', { projectId: project.id, title: 'Chapter' });
call('documents.save', { id: doc.id, content: docJson(manuscriptParagraphs(WORDS)) });
const browser = await launchChromium();
const editorSel = '[aria-label="Text of Chapter"]';
const times = dirs.map(() => [] as number[][]);
const medians = dirs.map(() => [] as number[]);
const inPage = dirs.map(() => ({ p: [] as number[], focusin: [] as number[], Z: [] as number[] }));
for (let t = 0; t < TRIALS; t++) {
  for (const [i, dir] of dirs.entries()) {
    const host = await startWebHost({ core, rendererDir: dir });
    const row: number[] = [];
    for (let o = 0; o < OPENS; o++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.addInitScript(`
        window.__t = {};
        const mark = (k) => (window.__t[k] ??= Math.round(performance.now()));
        new MutationObserver(() => {
          const ed = document.querySelector('[contenteditable="true"]');
          if (ed) mark('editable');
          if (ed?.querySelector('p')) mark('p');
          if (ed && document.activeElement === ed) mark('focused');
          if (ed?.querySelector('p')?.textContent?.includes('Z')) mark('Z');
        }).observe(document, { subtree: true, childList: true, characterData: true });
        addEventListener('keydown', () => mark('keydown'), true);
        const WS = window.WebSocket;
        window.WebSocket = class extends WS { constructor(...a) { super(...a); mark('ws-new'); this.addEventListener('open', () => mark('ws-open')); this.addEventListener('message', (e) => { if (e.data.length > 100000) mark('doc-msg'); }); } };
        addEventListener('focusin', () => mark('focusin'), true);
      `);
      const t0 = performance.now();
      await page.goto(host.url);
      await page.waitForFunction((sel) => (document.querySelector(sel)?.querySelectorAll('p').length ?? 0) > 0, editorSel, { timeout: 60_000, polling: 5 });
      const focused = await page.evaluate((sel) => document.activeElement === document.querySelector(sel), editorSel);
      if (!focused) await page.locator(`${editorSel} p`).first().click({ position: { x: 1, y: 4 } });
      await page.keyboard.press('Z');
      await page.waitForFunction((sel) => document.querySelector(sel)?.querySelector('p')?.textContent?.includes('Z'), editorSel, { timeout: 60_000, polling: 5 });
      row.push(performance.now() - t0);
      const marks = await page.evaluate(() => (window as unknown as { __t: Record<string, number> }).__t);
      for (const k of ['p', 'focusin', 'Z'] as const) inPage[i]![k].push(marks[k] ?? NaN);
      if (process.env.MARKS) console.log(dir, Math.round(performance.now() - t0), JSON.stringify(await page.evaluate(() => ({ ...(window as unknown as { __t: object }).__t, marks: performance.getEntriesByType('mark').map((m) => m.name.replace('margin:', '') + ' ' + Math.round(m.startTime)).join(', '), nav: Math.round((performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd) }))));
      await page.close();
    }
    await host.close();
    times[i]!.push(row);
    medians[i]!.push(percentile(row, 50));
  }
}
for (const [i, dir] of dirs.entries()) {
  const ip = inPage[i]!;
  console.log(`${dir}: in page p50: drawn ${percentile(ip.p, 50)}, focused ${percentile(ip.focusin, 50)}, key in ${percentile(ip.Z, 50)}`);
  console.log(`${dir}: median-of-${OPENS} p50 ${percentile(medians[i]!, 50).toFixed(0)} ms  ${times[i]!.map((r) => '[' + r.map((x) => x.toFixed(0)).join(' ') + ']').join(' ')}`);
}
await browser.close();
core.close();
fs.rmSync(dataDir, { recursive: true, force: true });

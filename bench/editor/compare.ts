/// <reference lib="dom" />
// Opening times of two renderer builds, taken in turns against one core, so a busy machine
// slows both alike: `RENDERERS=out/a,out/b npx tsx bench/editor/compare.ts`. Each open is
// timed as bench:editor times it (navigation until a typed key is in the document).
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
const ROUNDS = Number(process.env.ROUNDS ?? 6);
const dirs = (process.env.RENDERERS ?? 'out/renderer').split(',');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'margin-compare-'));
const core = createStudioCore({ dataDir, host: 'browser' });
const call = <T>(m: string, i: unknown) => unwrap(core.call(m, i) as Result<T>);
const project = call<{ id: string }>('projects.create', { title: 'Bench' });
const doc = call<{ id: string }>('documents.create', { projectId: project.id, title: 'Chapter' });
call('documents.save', { id: doc.id, content: docJson(manuscriptParagraphs(WORDS)) });
const hosts = await Promise.all(dirs.map((rendererDir) => startWebHost({ core, rendererDir })));
const browser = await launchChromium();
const editorSel = '[aria-label="Text of Chapter"]';
const times = dirs.map(() => ({ drawn: [] as number[], typed: [] as number[], busy: [] as number[] }));
/** CPU=1: also the page's main-thread time until the key is in (sampled, not idle), less sensitive to a busy machine than the clock. */
const CPU = process.env.CPU === '1';

for (let round = 0; round < ROUNDS; round++) {
  for (const [i, host] of hosts.entries()) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const cdp = CPU ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const t0 = performance.now();
    await page.goto(host.url);
    await page.waitForFunction((sel) => (document.querySelector(sel)?.querySelectorAll('p').length ?? 0) > 0, editorSel, { timeout: 60_000, polling: 5 });
    times[i]!.drawn.push(performance.now() - t0);
    const focused = await page.evaluate((sel) => document.activeElement === document.querySelector(sel), editorSel);
    if (!focused) await page.locator(`${editorSel} p`).first().click({ position: { x: 1, y: 4 } });
    await page.keyboard.press('Z');
    await page
      .waitForFunction((sel) => document.querySelector(sel)?.querySelector('p')?.textContent?.includes('Z'), editorSel, { timeout: 20_000, polling: 5 })
      .catch(async (error: unknown) => {
        const where = await page.evaluate(() => ({ active: document.activeElement?.outerHTML.slice(0, 120), first: document.querySelector('p')?.textContent?.slice(0, 80) }));
        throw new Error(`${dirs[i]}: the key never arrived (${JSON.stringify(where)})`, { cause: error });
      });
    times[i]!.typed.push(performance.now() - t0);
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
      times[i]!.busy.push((profile.samples ?? []).reduce((sum, id, k) => sum + (idle.has(id) ? 0 : (profile.timeDeltas?.[k] ?? 0) / 1000), 0));
    }
    await page.close();
  }
}
for (const [i, dir] of dirs.entries()) {
  const t = times[i]!;
  const busy = CPU ? `, main thread busy p50 ${percentile(t.busy, 50).toFixed(0)} ms` : '';
  console.log(`${dir}: open until typing p50 ${percentile(t.typed, 50).toFixed(0)} ms (min ${Math.min(...t.typed).toFixed(0)}), drawn p50 ${percentile(t.drawn, 50).toFixed(0)} ms${busy}  [${t.typed.map((x) => x.toFixed(0)).join(' ')}]`);
}
await browser.close();
await Promise.all(hosts.map((h) => h.close()));
core.close();
fs.rmSync(dataDir, { recursive: true, force: true });

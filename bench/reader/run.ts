/// <reference lib="dom" />
// bench:reader — opening a 1.2 MB shared draft in the reader, in headless Chromium: the time
// until every block is on the page (p95 over runs), the longest main-thread block meanwhile (the
// longest "long task": what a writer feels as a frozen window) and, for the sliced reader, the
// time until its first text is on the page (Lexical shows nothing until it has it all). The
// reader as it was (a read-only Lexical editor) beside the reader as it is (static HTML drawn in
// slices), on three drafts a peer could send within the size and node limits: prose, many short
// paragraphs, and one paragraph of line breaks.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseLexicalState } from '../../shared/schemas/lexical';
import { resolveStatic } from '../../electron/web/static-files';
import { launchChromium } from '../../tests/e2e/harness';
import { docJson, manuscriptParagraphs } from '../../tests/fixtures/lexical';
import { percentile, round } from '../stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const BEFORE_RUNS = Number(process.env.BENCH_BEFORE_RUNS ?? 3);
const TARGET_BYTES = 1_200_000;

/** Adds paragraphs until the draft reaches 1.2 MB. */
function fill(make: (i: number) => unknown, wrap: (children: unknown[]) => string): string {
  const children: unknown[] = [];
  let size = 0;
  for (let i = 0; size < TARGET_BYTES; i++) {
    const child = make(i);
    children.push(child);
    size += JSON.stringify(child).length + 1;
  }
  children.pop();
  return wrap(children);
}
const compact = (children: unknown[]) => JSON.stringify({ root: { type: 'root', children } });
const words = manuscriptParagraphs(400_000);
const DRAFTS: Record<string, string> = {
  prose: fill((i) => JSON.parse(docJson([words[i]!])).root.children[0], (c) => JSON.stringify({ root: { type: 'root', version: 1, direction: 'ltr', format: '', indent: 0, children: c } })),
  short_paragraphs: fill((i) => ({ type: 'paragraph', children: [{ type: 'text', text: `Line ${i}.` }] }), compact),
  line_breaks: compact([
    {
      type: 'paragraph',
      children: Array.from({ length: 24_000 }, (_, i) => (i % 2 ? { type: 'linebreak' } : { type: 'text', text: `Verse ${i}, a line of a long poem.` })),
    },
  ]),
};

execFileSync('npx', ['vite', 'build', '--config', 'bench/reader/vite.config.ts'], { stdio: 'inherit' });
const pageDir = path.resolve('out/bench-reader');
const server = http.createServer((req, res) => {
  const found = resolveStatic(pageDir, new URL(req.url ?? '/', 'http://x').pathname);
  if (!found) return void res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': found.type });
  fs.createReadStream(found.file).pipe(res);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`;
const browser = await launchChromium();

const results: Record<string, number> = {};
for (const [name, json] of Object.entries(DRAFTS)) {
  const nodes = (json.match(/"type"/g) ?? []).length;
  parseLexicalState(json); // every draft here is one the validator lets through
  const figures: Record<string, { p95: number; p50: number; first95: number; longest: number }> = {};
  for (const how of ['lexical', 'static'] as const) {
    const times: number[] = [];
    const firsts: number[] = [];
    let longest = 0;
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url);
    for (let run = 0; run < (how === 'lexical' ? BEFORE_RUNS : RUNS); run++) {
      const { firstMs, ms, longTasks } = await page.evaluate(
        ([j, h]) => (window as unknown as { openDraft(json: string, how: string): Promise<{ firstMs: number; ms: number; longTasks: number[] }> }).openDraft(j!, h!),
        [json, how],
      );
      times.push(ms);
      firsts.push(firstMs);
      longest = Math.max(longest, ...longTasks, 0);
    }
    await page.close();
    figures[how] = { p50: percentile(times, 50), p95: percentile(times, 95), first95: percentile(firsts, 95), longest };
  }
  const before = figures.lexical!;
  const after = figures.static!;
  console.log(
    `${name} (${(json.length / 1e6).toFixed(2)} MB, ${nodes} nodes)  before (Lexical): p95 ${before.p95.toFixed(0)} ms, longest block ${before.longest.toFixed(0)} ms (n=${BEFORE_RUNS})` +
      ` | after (static, sliced): first text p95 ${after.first95.toFixed(0)} ms, all p50 ${after.p50.toFixed(0)} / p95 ${after.p95.toFixed(0)} ms, longest block ${after.longest.toFixed(0)} ms (n=${RUNS})` +
      ` | first text ${(before.first95 / after.first95).toFixed(0)}x sooner, all drawn ${(before.p95 / after.p95).toFixed(1)}x, longest block ${(before.longest / Math.max(after.longest, 1)).toFixed(1)}x shorter`,
  );
  results[`before_p95_ms_${name}`] = round(before.p95, 0);
  results[`before_longest_task_ms_${name}`] = round(before.longest, 0);
  results[`after_first_text_p95_ms_${name}`] = round(after.first95, 1);
  results[`after_p50_ms_${name}`] = round(after.p50, 0);
  results[`after_p95_ms_${name}`] = round(after.p95, 0);
  results[`after_longest_task_ms_${name}`] = round(after.longest, 0);
  results[`speedup_p95_${name}`] = round(before.p95 / after.p95, 1);
}
await browser.close();
server.close();
console.log('A long task is any main-thread block over 50 ms (0 means none); the window answers input between tasks.');
console.log(JSON.stringify({ bench: 'reader', ...results }));

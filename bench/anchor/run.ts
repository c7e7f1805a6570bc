// bench:anchor — re-anchor 1,000 comments on a 600 KB manuscript after random edits.
// Each comment's true place is tracked through the edits, so a "surviving" quote (no edit
// touched it) must be found exactly there; touched ones may be found approximately or detached.
import { performance } from 'node:perf_hooks';
import { anchorAt, findAnchor, type TextAnchor } from '../../shared/text/anchor';
import { percentile, round } from '../stats';

const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 1000);
const TARGET_BYTES = Number(process.env.BENCH_BYTES ?? 614_400); // 600 KB
const EDITS = Number(process.env.BENCH_EDITS ?? 400);

// A seeded generator: the same manuscript and edits every run, so runs compare.
let seed = 20261123;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (n: number) => Math.floor(rand() * n);
const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'then', 'or', 'wen', 'sa', 'dor', 'el', 'ith', 'an', 'mor', 'gu', 'fi', 'ber', 'to', 'shal', 'ne', 'vy'];
const VOCAB = Array.from({ length: 3000 }, () => Array.from({ length: 1 + int(3) }, () => SYLLABLES[int(SYLLABLES.length)]).join(''));
const sentence = () => {
  const words = Array.from({ length: 6 + int(14) }, () => VOCAB[int(VOCAB.length)]!);
  return `${words.join(' ')}.`;
};

let text = '';
while (text.length < TARGET_BYTES) text += Array.from({ length: 3 + int(5) }, sentence).join(' ') + '\n\n';

interface Tracked {
  anchor: TextAnchor;
  start: number;
  end: number;
  touched: boolean;
}
const comments: Tracked[] = Array.from({ length: COMMENTS }, () => {
  const start = int(text.length - 300);
  const end = start + 20 + int(180);
  return { anchor: anchorAt(text, start, end), start, end, touched: false };
});

// Random edits: insert a sentence, delete a span, or replace a word. Each shifts or touches comments.
for (let i = 0; i < EDITS; i++) {
  const at = int(text.length);
  const kind = int(3);
  const removed = kind === 0 ? 0 : kind === 1 ? 1 + int(120) : Math.min(text.length - at, (text.slice(at).indexOf(' ') + 1 || 1));
  const inserted = kind === 1 ? '' : kind === 0 ? ` ${sentence()} ` : VOCAB[int(VOCAB.length)]! + ' ';
  text = text.slice(0, at) + inserted + text.slice(at + removed);
  const delta = inserted.length - removed;
  for (const c of comments) {
    if (at >= c.end) continue; // after the passage: no effect
    if (at + removed <= c.start) {
      c.start += delta;
      c.end += delta;
    } else c.touched = true; // overlaps the passage (or lands inside it)
  }
}

const times: number[] = [];
const counts = { exact: 0, approximate: 0, detached: 0, survivingExact: 0, surviving: 0, survivingWrong: 0 };
for (const c of comments) {
  const t = performance.now();
  const match = findAnchor(text, c.anchor);
  times.push(performance.now() - t);
  if (!match) counts.detached++;
  else counts[match.how]++;
  if (!c.touched) {
    counts.surviving++;
    if (match?.how === 'exact' && match.start === c.start) counts.survivingExact++;
    else counts.survivingWrong++;
  }
}

const figures = {
  bench: 'anchor',
  comments: COMMENTS,
  manuscript_kb: round(text.length / 1024, 0),
  edits: EDITS,
  surviving: counts.surviving,
  surviving_exact_pct: round((100 * counts.survivingExact) / Math.max(1, counts.surviving), 2),
  exact_pct: round((100 * counts.exact) / COMMENTS, 1),
  approximate_pct: round((100 * counts.approximate) / COMMENTS, 1),
  detached_pct: round((100 * counts.detached) / COMMENTS, 1),
  median_ms: round(percentile(times, 50), 3),
  p95_ms: round(percentile(times, 95), 3),
  max_ms: round(Math.max(...times), 2),
};
console.log(`re-anchored ${COMMENTS} comments on ${figures.manuscript_kb} KB after ${EDITS} random edits`);
console.log(`  found exactly ${figures.exact_pct}%, approximately ${figures.approximate_pct}%, detached ${figures.detached_pct}%`);
console.log(`  untouched quotes found exactly at their true place: ${counts.survivingExact}/${counts.surviving} = ${figures.surviving_exact_pct}% (target ≥ 99%)`);
console.log(`  time per comment: median ${figures.median_ms} ms (target ≤ 1 ms), p95 ${figures.p95_ms} ms, max ${figures.max_ms} ms`);
console.log(JSON.stringify(figures));

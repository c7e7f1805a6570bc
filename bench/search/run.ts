// bench:search — search across 1,000,000 words in 500 documents: ranked FTS5 results with
// snippets (the studio's search.query, validation included) beside a plain LIKE scan over the
// same text in the same run; and what keeping the index current adds to saving a 5,000-word
// chapter while the writer types a sentence into one paragraph (the same autosaves on a copy
// of the database without the triggers that note a changed text for the index); and what the
// first search after such an autosave pays to bring the index up to date; and, after loading
// the library (every chapter waiting for the index), how long the background catch-up takes
// when the studio is idle, how long it holds the core's thread at once, and the first search after it.
//
// Every query is a new one (drawn without replacement): a writer's every keystroke is a new
// query, and asking the same ones again measured V8's cache of compiled patterns, not search.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { unwrap, type Result } from '../../shared/api/result';
import type { SearchResults } from '../../shared/api/search';
import { createStudioCore, DATABASE_FILE, type StudioCore } from '../../electron/core/studio-core';
import { docJson } from '../../tests/fixtures/lexical';
import { percentile, round } from '../stats';
import { createBlockIndex } from '../../electron/core/search/blocks';
import { mulberry32, prose, vocabulary, zipf } from './corpus';

const DOCS = 500;
const WORDS_PER_DOC = 2_000;
const CHAPTER_WORDS = 5_000;
const SAVES = 60;

const random = mulberry32(42);
const vocab = vocabulary(20_000, random);
const rank = zipf(vocab.length, random);
const call = <T>(core: StudioCore, method: string, input: unknown) => unwrap(core.call(method, input) as Result<T>);
/** Wall-clock ms of fn; its CPU ms (user + system) go to `cpu` when given: on a shared, busy machine the CPU time is the work itself, without the waits for a core. */
const time = (fn: () => void, cpu?: number[]) => {
  const c = process.cpuUsage();
  const t = performance.now();
  fn();
  const wall = performance.now() - t;
  const used = process.cpuUsage(c);
  cpu?.push((used.user + used.system) / 1000);
  return wall;
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'margin-bench-search-'));
const core = createStudioCore({ dataDir: path.join(dir, 'indexed'), host: 'browser' });
const project = call<{ id: string }>(core, 'projects.create', { title: 'Library' });
const t0 = performance.now();
const texts: string[] = [];
for (let i = 0; i < DOCS; i++) {
  const doc = call<{ id: string }>(core, 'documents.create', { projectId: project.id, title: `Chapter ${i + 1}` });
  const paragraphs = prose(WORDS_PER_DOC, vocab, rank, random);
  texts.push(paragraphs.join('\n\n'));
  call(core, 'documents.save', { id: doc.id, content: docJson(paragraphs) });
}
const loadSeconds = (performance.now() - t0) / 1000;
const totalWords = core.db.prepare('SELECT sum(word_count) FROM document_content').pluck().get() as number;

// After the load every chapter waits for the index. A copy of the database as it is now
// answers the first search the old way (it brings all of them up to date itself); here the
// core is left idle and does it in the background, in slices, while the event loop is watched.
const pendingAfterLoad = core.db.prepare('SELECT count(*) FROM search_pending').pluck();
const waitingChapters = pendingAfterLoad.get() as number;
core.db.pragma('wal_checkpoint(TRUNCATE)');
fs.mkdirSync(path.join(dir, 'pending'));
fs.copyFileSync(path.join(dir, 'indexed', DATABASE_FILE), path.join(dir, 'pending', DATABASE_FILE));
const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
const idleStart = performance.now();
while ((pendingAfterLoad.get() as number) > 0) await new Promise((resolve) => setTimeout(resolve, 5));
const backgroundSeconds = (performance.now() - idleStart) / 1000;
loop.disable();
const firstAfterBackgroundMs = time(() => call(core, 'search.query', { query: 'the' }));
const pendingCore = createStudioCore({ dataDir: path.join(dir, 'pending'), host: 'browser' });
const firstWithAllPendingMs = time(() => call(pendingCore, 'search.query', { query: 'the' }));
pendingCore.close();

// Queries a writer types: common, middling and rare words, two-word phrases from the text,
// prefixes; each one new (see the top).
const drawn = new Set<string>();
const fresh = (make: () => string) => {
  for (;;) {
    const query = make();
    if (!drawn.has(query)) return drawn.add(query), query;
  }
};
const pick = (from: number, to: number) => vocab[from + Math.floor(random() * (to - from))]!;
const words = [
  ...Array.from({ length: 90 }, () => fresh(() => pick(0, 100))),
  ...Array.from({ length: 90 }, () => fresh(() => pick(200, 2000))),
  ...Array.from({ length: 90 }, () => fresh(() => pick(5000, 20000))),
];
const phrases = Array.from({ length: 90 }, () =>
  fresh(() => {
    const text = texts[Math.floor(random() * texts.length)]!.split(/\s+/);
    const at = Math.floor(random() * (text.length - 2));
    return `"${text[at]!.replace(/\.$/, '')} ${text[at + 1]!.replace(/\.$/, '')}"`;
  }),
);
// Prefixes of 3, 4, 6 and 7 letters ("lig*", "ligh*", "lighth*"), of words at least that long.
const prefixOf = (letters: number) =>
  Array.from({ length: 45 }, () =>
    fresh(() => {
      let word = pick(100, 5000);
      while (word.length <= letters) word = pick(100, 5000);
      return `${word.slice(0, letters)}*`;
    }),
  );
const prefixes = [3, 4, 6, 7].map(prefixOf);
const queries = [...words, ...phrases, ...prefixes.flat()];
const kinds = [
  ...words.map((_, i) => (i < 90 ? 'common' : i < 180 ? 'middling' : 'rare')),
  ...phrases.map(() => 'phrase'),
  ...prefixes.flatMap((list, i) => list.map(() => `prefix${[3, 4, 6, 7][i]}`)),
];

for (const q of ['warm', 'the page', 'cache*']) call(core, 'search.query', { query: q }); // warm the page cache
const searchMs: number[] = [];
const searchCpuMs: number[] = [];
const byKind = new Map<string, number[]>();
const cpuByKind = new Map<string, number[]>();
let hits = 0;
let preempted = 0;
const unpreemptedByKind = new Map<string, number[]>();
// Queries of every kind in turn (not a kind at a time), so a busy moment of the machine does not fall on one kind.
const order = queries.map((_, i) => i).sort((a, b) => (a % 90) - (b % 90) || a - b);
for (const i of order) {
  const query = queries[i]!;
  let found: SearchResults | undefined;
  const switches = process.resourceUsage().involuntaryContextSwitches;
  const ms = time(() => {
    found = call<SearchResults>(core, 'search.query', { query });
  }, searchCpuMs);
  // Taken off the core by the kernel for another process during the query: its wall time holds
  // that wait. (The longer a query, the likelier it is taken off: the p95 of the others leans
  // short; the CPU p95 is the work itself.)
  if (process.resourceUsage().involuntaryContextSwitches !== switches) preempted++;
  else ((unpreemptedByKind.get(kinds[i]!) ?? unpreemptedByKind.set(kinds[i]!, []).get(kinds[i]!))!).push(ms);
  // What the panel shows: one hit per document, each with a highlighted snippet and the place to open.
  const documents = new Set(found!.hits.map((h) => h.documentId));
  if (documents.size !== found!.hits.length) throw new Error(`"${query}": a document listed twice`);
  for (const hit of found!.hits) if (!hit.snippet.some((p) => p.match) || !hit.match) throw new Error(`"${query}": a hit without a highlighted snippet or a place`);
  hits += found!.hits.length;
  searchMs.push(ms);
  cpuByKind.set(kinds[i]!, [...(cpuByKind.get(kinds[i]!) ?? []), searchCpuMs.at(-1)!]);
  byKind.set(kinds[i]!, [...(byKind.get(kinds[i]!) ?? []), ms]);
}
const shortMs = ['ka', 'lo', 'mi', 'zz', 'é'].map((query) => time(() => call(core, 'search.query', { query })));

// Reference: a LIKE scan for the same words and phrases (no ranking, no snippets), first 30 matches.
const like = core.db.prepare('SELECT document_id FROM document_content WHERE plain_text LIKE ? LIMIT 30');
const likeMs: number[] = [];
for (const query of [...words, ...phrases]) likeMs.push(time(() => like.all(`%${query.replaceAll('"', '')}%`)));

// Index upkeep on save: the same autosaves of a 5,000-word chapter into this database and into
// a copy of it without the triggers that note a changed text for the index, alternately. Each save is what a writer's autosave
// sends while typing a sentence into one paragraph in the middle of the chapter: that
// paragraph with a few more words each time.
const chapter = call<{ id: string }>(core, 'documents.create', { projectId: project.id, title: 'The long chapter' });
const chapterParagraphs = prose(CHAPTER_WORDS, vocab, rank, random);
call(core, 'documents.save', { id: chapter.id, content: docJson(chapterParagraphs) });
core.db.pragma('wal_checkpoint(TRUNCATE)');
core.close();
fs.mkdirSync(path.join(dir, 'plain'));
fs.copyFileSync(path.join(dir, 'indexed', DATABASE_FILE), path.join(dir, 'plain', DATABASE_FILE));
const indexed = createStudioCore({ dataDir: path.join(dir, 'indexed'), host: 'browser' });
const plain = createStudioCore({ dataDir: path.join(dir, 'plain'), host: 'browser' });
plain.db.exec('DROP TRIGGER document_content_search_insert; DROP TRIGGER document_content_search_update;');
const typed = prose(SAVES * 3, vocab, rank, random).join(' ').split(' ');
const middle = Math.floor(chapterParagraphs.length / 2);
const typing = (i: number) => chapterParagraphs.map((p, at) => (at === middle ? `${p} ${typed.slice(0, (i + 1) * 3).join(' ')}` : p));
const saves = Array.from({ length: SAVES }, (_, i) => docJson(typing(i)));
const withIndexMs: number[] = [];
const withoutIndexMs: number[] = [];
const withIndexCpu: number[] = [];
const withoutIndexCpu: number[] = [];
saves.forEach((content, i) => {
  const order: Array<[StudioCore, number[], number[]]> =
    i % 2 === 0 ? [[indexed, withIndexMs, withIndexCpu], [plain, withoutIndexMs, withoutIndexCpu]] : [[plain, withoutIndexMs, withoutIndexCpu], [indexed, withIndexMs, withIndexCpu]];
  for (const [target, samples, cpu] of order) samples.push(time(() => call(target, 'documents.save', { id: chapter.id, content }), cpu));
});
// The first search after an autosave brings the chapter's changed block into the index; the same search with nothing to catch up, alternately.
const rare = words[60]!;
const afterSaveMs: number[] = [];
const afterSaveCpu: number[] = [];
const settledMs: number[] = [];
const settledCpu: number[] = [];
for (let i = 0; i < SAVES; i++) {
  call(indexed, 'documents.save', { id: chapter.id, content: saves[i]! });
  afterSaveMs.push(time(() => call(indexed, 'search.query', { query: rare }), afterSaveCpu));
  settledMs.push(time(() => call(indexed, 'search.query', { query: rare }), settledCpu));
}
const changedBlocks = indexed.db.prepare('SELECT count(*) FROM document_blocks WHERE text LIKE ?').pluck().get(`%${typed.slice(0, SAVES * 3).join(' ')}%`) as number;
// The catch-up's own work, without the commit around it: one autosave's block diff and its FTS5 rows, rolled back.
const blocks = createBlockIndex(indexed.db);
const ftsMs: number[] = [];
const ftsCpu: number[] = [];
let rewritten = 0;
for (let i = 0; i < SAVES; i++) {
  const text = typing(i % (SAVES - 1)).join('\n'); // the typed paragraph as an earlier autosave had it: one block to rewrite
  indexed.db.exec('BEGIN');
  ftsMs.push(time(() => (rewritten += blocks.sync(chapter.id, text).inserted), ftsCpu));
  indexed.db.exec('ROLLBACK');
}
// The same with the whole chapter rewritten (what a per-document index paid on every save).
const rewriteMs: number[] = [];
const rewriteCpu: number[] = [];
for (let i = 0; i < 10; i++) {
  const text = chapterParagraphs.map((p) => `${p} x${i}`).join('\n');
  indexed.db.exec('BEGIN');
  rewriteMs.push(time(() => blocks.sync(chapter.id, text), rewriteCpu));
  indexed.db.exec('ROLLBACK');
}
indexed.close();
plain.close();
fs.rmSync(dir, { recursive: true, force: true });

const figures = {
  bench: 'search',
  documents: DOCS,
  words: totalWords,
  queries: searchMs.length,
  search_p50_ms: round(percentile(searchMs, 50)),
  search_p95_ms: round(percentile(searchMs, 95)),
  search_max_ms: round(Math.max(...searchMs)),
  search_cpu_p50_ms: round(percentile(searchCpuMs, 50)),
  search_cpu_p95_ms: round(percentile(searchCpuMs, 95)),
  ...Object.fromEntries([...byKind].map(([kind, ms]) => [`search_${kind}_p95_ms`, round(percentile(ms, 95))])),
  ...Object.fromEntries([...cpuByKind].map(([kind, ms]) => [`search_${kind}_cpu_p95_ms`, round(percentile(ms, 95))])),
  search_preempted_share: round(preempted / searchMs.length),
  search_unpreempted_p95_ms: round(percentile([...unpreemptedByKind.values()].flat(), 95)),
  ...Object.fromEntries([...unpreemptedByKind].map(([kind, ms]) => [`search_${kind}_unpreempted_p95_ms`, round(percentile(ms, 95))])),
  short_query_scan_max_ms: round(Math.max(...shortMs)),
  like_p50_ms: round(percentile(likeMs, 50)),
  like_p95_ms: round(percentile(likeMs, 95)),
  like_vs_search_p95_ratio: round(percentile(likeMs, 95) / percentile(searchMs, 95)),
  save_5k_indexed_p50_ms: round(percentile(withIndexMs, 50)),
  save_5k_unindexed_p50_ms: round(percentile(withoutIndexMs, 50)),
  index_extra_on_save_p50_ms: round(percentile(withIndexMs, 50) - percentile(withoutIndexMs, 50)),
  save_5k_indexed_cpu_p50_ms: round(percentile(withIndexCpu, 50)),
  save_5k_unindexed_cpu_p50_ms: round(percentile(withoutIndexCpu, 50)),
  index_extra_on_save_cpu_p50_ms: round(percentile(withIndexCpu, 50) - percentile(withoutIndexCpu, 50)),
  load_average: round(os.loadavg()[0]!, 1),
  index_upkeep_5k_p50_ms: round(percentile(ftsMs, 50)),
  index_upkeep_5k_p95_ms: round(percentile(ftsMs, 95)),
  search_after_autosave_p50_ms: round(percentile(afterSaveMs, 50)),
  search_after_autosave_p95_ms: round(percentile(afterSaveMs, 95)),
  search_settled_p50_ms: round(percentile(settledMs, 50)),
  search_after_autosave_cpu_p50_ms: round(percentile(afterSaveCpu, 50)),
  search_settled_cpu_p50_ms: round(percentile(settledCpu, 50)),
  catch_up_cpu_p50_ms: round(percentile(afterSaveCpu, 50) - percentile(settledCpu, 50)),
  index_rewrite_whole_5k_p50_ms: round(percentile(rewriteMs, 50)),
  index_upkeep_5k_cpu_p50_ms: round(percentile(ftsCpu, 50)),
  blocks_per_catch_up: round(rewritten / SAVES),
  index_rewrite_whole_5k_cpu_p50_ms: round(percentile(rewriteCpu, 50)),
  save_5k_indexed_p95_ms: round(percentile(withIndexMs, 95)),
  save_5k_unindexed_p95_ms: round(percentile(withoutIndexMs, 95)),
  index_extra_on_save_p95_ms: round(percentile(withIndexMs, 95) - percentile(withoutIndexMs, 95)),
  load_seconds: round(loadSeconds, 1),
  chapters_waiting_after_load: waitingChapters,
  background_catch_up_s: round(backgroundSeconds, 2),
  background_longest_block_ms: round(loop.max / 1e6),
  background_block_p99_ms: round(loop.percentile(99) / 1e6),
  first_search_after_background_ms: round(firstAfterBackgroundMs),
  first_search_all_pending_ms: round(firstWithAllPendingMs),
};
console.log(`${DOCS} documents, ${totalWords.toLocaleString('en-US')} words (loaded through documents.save in ${figures.load_seconds} s)`);
console.log(
  `after the load, ${waitingChapters} chapters waiting for the index: the idle core brought them up to date in the background in ${figures.background_catch_up_s} s (1 s of it waiting for idle), holding its thread at most ${figures.background_longest_block_ms} ms at once (event loop delay p99 ${figures.background_block_p99_ms} ms); the first search after it: ${figures.first_search_after_background_ms} ms; the same first search with all of them waiting: ${figures.first_search_all_pending_ms} ms`,
);
console.log(`search.query (FTS5, bm25, snippets, match located; each query new), ${figures.queries} queries: p50 ${figures.search_p50_ms} ms, p95 ${figures.search_p95_ms} ms (target <= 5), max ${figures.search_max_ms} ms; ${hits} hits`);
console.log(`  CPU time of the same queries (the work without waiting for a core): p50 ${figures.search_cpu_p50_ms} ms, p95 ${figures.search_cpu_p95_ms} ms; load average ${figures.load_average} on ${os.cpus().length} cores`);
console.log(`  p95 by kind: ${[...byKind].map(([kind, ms]) => `${kind} ${round(percentile(ms, 95))} ms`).join(', ')}`);
console.log(
  `  ${Math.round(figures.search_preempted_share * 100)}% of the queries were taken off the core for another process; the others: p95 ${figures.search_unpreempted_p95_ms} ms, by kind: ${[...unpreemptedByKind].map(([kind, ms]) => `${kind} ${round(percentile(ms, 95))} ms`).join(', ')}`,
);
console.log(`  CPU p95 by kind: ${[...cpuByKind].map(([kind, ms]) => `${kind} ${round(percentile(ms, 95))} ms`).join(', ')}`);
console.log(`  queries under three letters (substring scan): max ${figures.short_query_scan_max_ms} ms`);
console.log(`LIKE '%…%' scan, first 30 matching documents: p50 ${figures.like_p50_ms} ms, p95 ${figures.like_p95_ms} ms (x${figures.like_vs_search_p95_ratio} the indexed p95)`);
console.log(`saving a 5,000-word chapter: p50 ${figures.save_5k_indexed_p50_ms} ms with the index, ${figures.save_5k_unindexed_p50_ms} ms without: +${figures.index_extra_on_save_p50_ms} ms (target <= 2)`);
console.log(`  CPU time of those saves: ${figures.save_5k_indexed_cpu_p50_ms} ms with the index, ${figures.save_5k_unindexed_cpu_p50_ms} ms without: +${figures.index_extra_on_save_cpu_p50_ms} ms`);
console.log(`  p95: ${figures.save_5k_indexed_p95_ms} ms with the index, ${figures.save_5k_unindexed_p95_ms} ms without: +${figures.index_extra_on_save_p95_ms} ms`);
console.log(`  the catch-up's work alone (block diff + FTS5 rows, no commit): p50 ${figures.index_upkeep_5k_p50_ms} ms, p95 ${figures.index_upkeep_5k_p95_ms} ms; rewriting every block of the chapter: p50 ${figures.index_rewrite_whole_5k_p50_ms} ms; CPU p50 ${figures.index_upkeep_5k_cpu_p50_ms} ms against ${figures.index_rewrite_whole_5k_cpu_p50_ms} ms; ${figures.blocks_per_catch_up} blocks rewritten a catch-up`);
console.log(`the first search after an autosave (it brings the changed block into the index): p50 ${figures.search_after_autosave_p50_ms} ms, p95 ${figures.search_after_autosave_p95_ms} ms; the same search with nothing to catch up: p50 ${figures.search_settled_p50_ms} ms`);
console.log(`  CPU p50: ${figures.search_after_autosave_cpu_p50_ms} ms after an autosave, ${figures.search_settled_cpu_p50_ms} ms settled: the catch-up costs ${figures.catch_up_cpu_p50_ms} ms once`);
if (rewritten < SAVES) throw new Error(`expected each rolled-back catch-up to rewrite a block, ${rewritten} in ${SAVES}`);
if (changedBlocks !== 1) throw new Error(`expected the typed paragraph to be one block of the index, found ${changedBlocks}`);
console.log(JSON.stringify(figures));

// bench:save — persisting a novel-length document, autosave throughput beside a raw
// better-sqlite3 insert loop in the same run, and opening a 100k-word document in the core.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { unwrap, type Result } from '../../shared/api/result';
import { createStudioCore } from '../../electron/core/studio-core';
import { docJson, manuscriptParagraphs } from '../../tests/fixtures/lexical';
import { percentile, round } from '../stats';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'margin-bench-save-'));
const core = createStudioCore({ dataDir: dir, host: 'browser' });
const call = <T>(method: string, input: unknown) => unwrap(core.call(method, input) as Result<T>);

const project = call<{ id: string }>('projects.create', { title: 'Bench' });
const novel = call<{ id: string }>('documents.create', { projectId: project.id, title: 'Novel' });
const chapter = call<{ id: string }>('documents.create', { projectId: project.id, title: 'Chapter' });

const novelParagraphs = manuscriptParagraphs(100_000);
const novelJson = docJson(novelParagraphs);
const chapterParagraphs = manuscriptParagraphs(5_000);

// 1. Persist a 100k-word document (validate, derive text, count, write, daily total), 10 times.
const saveMs: number[] = [];
for (let i = 0; i < 10; i++) {
  const json = docJson([...novelParagraphs.slice(0, -1), `${novelParagraphs.at(-1)} ${i}`]);
  const t = performance.now();
  call('documents.save', { id: novel.id, content: json });
  saveMs.push(performance.now() - t);
}

// 2. Autosave throughput on a 5k-word chapter, one word more each save.
const N = 200;
const chapterJsons = Array.from({ length: N }, (_, i) => docJson([...chapterParagraphs, `word ${i}`]));
let t0 = performance.now();
for (const content of chapterJsons) call('documents.save', { id: chapter.id, content });
const autosaveSeconds = (performance.now() - t0) / 1000;

// Reference: the same bytes written by a bare better-sqlite3 upsert loop, same pragmas.
const raw = new BetterSqlite3(path.join(dir, 'raw.db'));
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = NORMAL');
raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, content TEXT NOT NULL)');
const upsert = raw.prepare('INSERT INTO t (id, content) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET content = excluded.content');
t0 = performance.now();
for (const content of chapterJsons) upsert.run(content);
const rawSeconds = (performance.now() - t0) / 1000;
raw.close();

// 3. Opening the 100k-word document in the core (what the renderer waits for first).
const openMs: number[] = [];
for (let i = 0; i < 10; i++) {
  const t = performance.now();
  call('documents.open', { id: novel.id });
  openMs.push(performance.now() - t);
}
core.close();
fs.rmSync(dir, { recursive: true, force: true });

const figures = {
  bench: 'save',
  doc_mb_100k: round(novelJson.length / 1024 / 1024),
  save_p50_ms_100k: round(percentile(saveMs, 50)),
  save_max_ms_100k: round(Math.max(...saveMs)),
  autosave_per_s_5k: round(N / autosaveSeconds, 1),
  raw_upsert_per_s_5k: round(N / rawSeconds, 1),
  autosave_vs_raw_ratio: round(rawSeconds / autosaveSeconds > 0 ? autosaveSeconds / rawSeconds : NaN),
  core_open_p50_ms_100k: round(percentile(openMs, 50)),
};
console.log(`100k-word document: ${figures.doc_mb_100k} MB of Lexical JSON`);
console.log(`persist 100k words: p50 ${figures.save_p50_ms_100k} ms, max ${figures.save_max_ms_100k} ms (validate + text + count + write)`);
console.log(`autosave 5k-word chapter: ${figures.autosave_per_s_5k}/s; raw better-sqlite3 upsert of the same bytes: ${figures.raw_upsert_per_s_5k}/s; cost ratio ${figures.autosave_vs_raw_ratio}x`);
console.log(`open 100k words in the core: p50 ${figures.core_open_p50_ms_100k} ms`);
console.log(JSON.stringify(figures));

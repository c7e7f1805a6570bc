// bench:export — a 100,000-word novel (25 chapters with scenes) exported by the studio to DOCX
// (standard manuscript format) and EPUB 3, each timed whole (read from SQLite, convert, write
// the file), beside Debian's pandoc converting the same book, as Markdown, to DOCX and EPUB.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ExportResult } from '../../shared/api/export';
import { unwrap, type Result } from '../../shared/api/result';
import { createStudioCore, type StudioCore } from '../../electron/core/studio-core';
import { docJson } from '../../tests/fixtures/lexical';
import { percentile, round } from '../stats';
import { mulberry32, prose, vocabulary, zipf } from '../search/corpus';

const CHAPTERS = 25;
const SCENES = 4;
const WORDS_PER_SCENE = 1_000;
const RUNS = 5;

const random = mulberry32(7);
const vocab = vocabulary(12_000, random);
const rank = zipf(vocab.length, random);
const call = async <T>(core: StudioCore, method: string, input: unknown) => unwrap((await core.call(method, input)) as Result<T>);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'margin-bench-export-'));
const core = createStudioCore({ dataDir: dir, host: 'browser' });
const project = await call<{ id: string }>(core, 'projects.create', { title: 'The Long Crossing' });
for (let c = 0; c < CHAPTERS; c++) {
  // Each chapter one document with its scenes joined by scene breaks, as most writers keep them.
  const blocks: Array<string | Record<string, unknown>> = [];
  for (let s = 0; s < SCENES; s++) {
    if (s > 0) blocks.push({ type: 'scene-break', version: 1 });
    blocks.push(...prose(WORDS_PER_SCENE, vocab, rank, random));
  }
  const doc = await call<{ id: string }>(core, 'documents.create', { projectId: project.id, title: `Chapter ${c + 1}` });
  await call(core, 'documents.save', { id: doc.id, content: docJson(blocks) });
}
const author = { name: 'Ada Quill', address: '12 Harbour Lane\nPortsmouth', email: 'ada@example.org', phone: '+44 20 7946 0000' };

async function timeExport(format: 'docx' | 'epub' | 'markdown') {
  const samples: number[] = [];
  let last: ExportResult | null = null;
  for (let i = 0; i < RUNS + 1; i++) {
    const t = performance.now();
    last = await call<ExportResult>(core, 'export.run', { exportId: crypto.randomUUID(), projectId: project.id, format, author });
    if (i > 0) samples.push(performance.now() - t); // the first run warms the JIT
  }
  return { p50: percentile(samples, 50), max: Math.max(...samples), result: last! };
}

const docx = await timeExport('docx');
const epub = await timeExport('epub');
const markdown = await timeExport('markdown');

// pandoc on the same book as Markdown (the studio's own Markdown export of it).
let pandoc: { docx: number; epub: number; version: string } | null = null;
try {
  const version = execFileSync('pandoc', ['--version'], { encoding: 'utf8' }).split('\n')[0]!;
  const timePandoc = (ext: string) => {
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      execFileSync('pandoc', [markdown.result.path, '-f', 'markdown', '-o', path.join(dir, `pandoc.${ext}`)], { stdio: 'ignore' });
      samples.push(performance.now() - t);
    }
    return percentile(samples, 50);
  };
  pandoc = { docx: timePandoc('docx'), epub: timePandoc('epub'), version };
} catch {
  console.log('pandoc is not installed (apt-get install pandoc): no comparison this run');
}
core.close();
fs.rmSync(dir, { recursive: true, force: true });

const figures = {
  bench: 'export',
  words: docx.result.words,
  chapters: docx.result.chapters,
  docx_p50_ms: round(docx.p50),
  docx_max_ms: round(docx.max),
  docx_kb: round(docx.result.bytes / 1024, 0),
  epub_p50_ms: round(epub.p50),
  epub_max_ms: round(epub.max),
  epub_kb: round(epub.result.bytes / 1024, 0),
  markdown_p50_ms: round(markdown.p50),
  pandoc_docx_ms: pandoc ? round(pandoc.docx) : null,
  pandoc_epub_ms: pandoc ? round(pandoc.epub) : null,
  docx_vs_pandoc_ratio: pandoc ? round(docx.p50 / pandoc.docx) : null,
  epub_vs_pandoc_ratio: pandoc ? round(epub.p50 / pandoc.epub) : null,
};
console.log(`${figures.words.toLocaleString('en-US')} words in ${figures.chapters} chapters, each export timed whole (read, convert, write), p50 of ${RUNS}:`);
console.log(`  DOCX (standard manuscript format): p50 ${figures.docx_p50_ms} ms, max ${figures.docx_max_ms} ms, ${figures.docx_kb} KB (target <= 2000 ms)`);
console.log(`  EPUB 3: p50 ${figures.epub_p50_ms} ms, max ${figures.epub_max_ms} ms, ${figures.epub_kb} KB (target <= 1000 ms)`);
console.log(`  Markdown: p50 ${figures.markdown_p50_ms} ms`);
if (pandoc) {
  console.log(`${pandoc.version}, the same book as Markdown: DOCX ${figures.pandoc_docx_ms} ms, EPUB ${figures.pandoc_epub_ms} ms`);
  console.log(`  studio / pandoc: DOCX x${figures.docx_vs_pandoc_ratio}, EPUB x${figures.epub_vs_pandoc_ratio}`);
}
console.log(JSON.stringify(figures));

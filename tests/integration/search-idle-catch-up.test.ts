import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { unwrap, type Result } from '../../shared/api/result';
import type { ImportResult } from '../../shared/api/import';
import type { SearchResults } from '../../shared/api/search';
import { createStudioCore, DATABASE_FILE, type StudioCore } from '../../electron/core/studio-core';
import { createBlockIndex } from '../../electron/core/search/blocks';
import { docJson } from '../fixtures/lexical';
import { tempDir } from '../helpers/temp-dir';

const call = <T = any>(core: StudioCore, method: string, input: unknown = {}): T => unwrap(core.call(method, input) as Result<T>);
const pendingCount = (core: StudioCore) => core.db.prepare('SELECT count(*) FROM search_pending').pluck().get() as number;
const blockCount = (core: StudioCore) => core.db.prepare('SELECT count(*) FROM document_blocks').pluck().get() as number;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A Markdown book of `chapters` chapters, each with a word of its own ("marker0", "marker1"…) among 40 paragraphs. */
function book(chapters: number): string {
  return Array.from({ length: chapters }, (_, c) =>
    [`# Chapter ${c}`, ...Array.from({ length: 40 }, (_, p) => `The tide came in over the harbour wall, paragraph ${p}${p === 20 ? ` and marker${c} here` : ''}.`)].join('\n\n'),
  ).join('\n\n');
}

describe('search index: background catch-up when the studio is idle', () => {
  it('after an import, indexes the new chapters in the background, so the first search has nothing left to catch up', async () => {
    const core = createStudioCore({ dataDir: tempDir(), host: 'browser' });
    const project = call(core, 'projects.create', { title: 'Imported Book' });
    const imported = unwrap(
      await (core.call('import.run', { projectId: project.id, fileName: 'book.md', data: Buffer.from(book(60)).toString('base64') }) as Promise<Result<ImportResult>>),
    );
    expect(imported.chapters).toBe(60);
    // The import only noted its chapters for the index.
    const waiting = pendingCount(core);
    expect(waiting).toBeGreaterThanOrEqual(60);
    expect(blockCount(core)).toBe(0);

    // Nothing searched: the core brings the index up to date on its own once it is idle.
    const deadline = Date.now() + 20_000;
    while (pendingCount(core) > 0 && Date.now() < deadline) await sleep(50);
    expect(pendingCount(core)).toBe(0);
    expect(blockCount(core)).toBeGreaterThanOrEqual(60);
    // The FTS5 index itself holds the chapters' words (not only the block table).
    expect(core.db.prepare("SELECT count(*) FROM block_search WHERE block_search MATCH 'marker59'").pluck().get()).toBe(1);

    // The first search finds them with nothing pending: it did no catch-up of its own.
    const found = call<SearchResults>(core, 'search.query', { query: 'marker37' });
    expect(found.hits.map((h) => h.documentTitle)).toEqual(['Chapter 37']);
    expect(found.hits[0]!.snippet.find((p) => p.match)?.text).toBe('marker37');
    core.close();
  });

  it('keeps putting the work off while the studio is writing, and does it once it stops', async () => {
    const core = createStudioCore({ dataDir: tempDir(), host: 'browser' });
    const project = call(core, 'projects.create', { title: 'Busy Book' });
    const doc = call(core, 'documents.create', { projectId: project.id, title: 'Draft' });
    // A save every 50 ms for 1.5 s: never a second without a write (even on a busy machine), so nothing is indexed meanwhile.
    for (let i = 0; i < 30; i++) {
      call(core, 'documents.save', { id: doc.id, content: docJson([`Autosave number ${i} of the lighthouse draft.`]) });
      expect(pendingCount(core)).toBe(1);
      expect(blockCount(core)).toBe(0);
      await sleep(50);
    }
    const deadline = Date.now() + 10_000;
    while (pendingCount(core) > 0 && Date.now() < deadline) await sleep(50);
    expect(pendingCount(core)).toBe(0);
    expect(core.db.prepare('SELECT text FROM document_blocks').pluck().all()).toEqual(['Autosave number 29 of the lighthouse draft.']);
    core.close();
  });

  it('works in slices: a slice with no time to spare brings one document up to date, and the next search the rest', () => {
    const core = createStudioCore({ dataDir: tempDir(), host: 'browser' });
    const project = call(core, 'projects.create', { title: 'Sliced' });
    for (let i = 0; i < 5; i++) {
      const doc = call(core, 'documents.create', { projectId: project.id, title: `Part ${i}` });
      call(core, 'documents.save', { id: doc.id, content: docJson([`Part ${i} of the saltmarsh story.`]) });
    }
    const blocks = createBlockIndex(core.db);
    expect(pendingCount(core)).toBe(5);
    expect(blocks.catchUpFor(0)).toBe(1);
    expect(pendingCount(core)).toBe(4);
    expect(blockCount(core)).toBe(1);
    expect(blocks.catchUpFor(0)).toBe(1);
    expect(pendingCount(core)).toBe(3);
    // The search still sees every saved word: it catches up the other three itself.
    expect(call<SearchResults>(core, 'search.query', { query: 'saltmarsh' }).hits).toHaveLength(5);
    expect(pendingCount(core)).toBe(0);
    expect(blocks.catchUpFor(10)).toBe(0);
    core.close();
  });

  it('a database locked by another program only puts the background work off (no crash), and it is done once the lock goes', async () => {
    const dir = tempDir();
    const core = createStudioCore({ dataDir: dir, host: 'browser' });
    const project = call(core, 'projects.create', { title: 'Locked' });
    const doc = call(core, 'documents.create', { projectId: project.id, title: 'Held' });
    call(core, 'documents.save', { id: doc.id, content: docJson(['The estuary at low water.']) });
    const errors: unknown[] = [];
    const logged = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    // Another program holds the write lock longer than the core waits for it (3 s).
    const other = new BetterSqlite3(path.join(dir, DATABASE_FILE));
    other.exec('BEGIN IMMEDIATE');
    try {
      const until = Date.now() + 20_000;
      while (errors.length === 0 && Date.now() < until) await sleep(100);
      expect(String(errors[0])).toMatch(/search index catch-up.*(locked|busy)/is);
      expect(pendingCount(core)).toBe(1);
    } finally {
      other.exec('ROLLBACK');
      other.close();
      console.error = logged;
    }
    const deadline = Date.now() + 10_000;
    while (pendingCount(core) > 0 && Date.now() < deadline) await sleep(50);
    expect(pendingCount(core)).toBe(0);
    expect(core.db.prepare('SELECT text FROM document_blocks').pluck().all()).toEqual(['The estuary at low water.']);
    core.close();
  });
});

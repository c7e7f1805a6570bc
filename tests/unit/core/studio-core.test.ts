import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { unwrap, type Result } from '../../../shared/api/result';
import { MAX_CONTENT_BYTES } from '../../../shared/schemas/lexical';
import { LOCK_FILE } from '../../../electron/core/data-dir-lock';
import { migrations } from '../../../electron/core/db/migrations/index';
import { createStudioCore, DATABASE_FILE, type StudioCore } from '../../../electron/core/studio-core';
import { docJson, heading } from '../../fixtures/lexical';
import { tempDir } from '../../helpers/temp-dir';

function openCore(dataDir = tempDir(), clock?: () => Date): StudioCore {
  const core = createStudioCore({ dataDir, host: 'browser', clock });
  return core;
}

function call<T = any>(core: StudioCore, method: string, input: unknown = {}): T {
  return unwrap(core.call(method, input) as Result<T>);
}

function errorOf(maybe: unknown) {
  const result = maybe as Result<unknown>;
  expect(result.ok).toBe(false);
  return (result as { ok: false; error: { code: string; message: string } }).error;
}

describe('studio core: projects and documents', () => {
  it('creates projects and a nested tree, persisted across reopen', () => {
    const dir = tempDir();
    let core = openCore(dir);
    const project = call(core, 'projects.create', { title: '  The Long Winter ' });
    expect(project.title).toBe('The Long Winter');
    const ch1 = call(core, 'documents.create', { projectId: project.id, title: 'Chapter 1' });
    const ch2 = call(core, 'documents.create', { projectId: project.id, title: 'Chapter 2' });
    const scene = call(core, 'documents.create', { projectId: project.id, parentId: ch1.id, title: 'Scene A' });
    core.close();

    core = openCore(dir);
    const tree = call(core, 'documents.tree', { projectId: project.id });
    expect(tree.map((d: any) => [d.title, d.parentId, d.position])).toEqual([
      ['Chapter 1', null, 0],
      ['Chapter 2', null, 1],
      ['Scene A', ch1.id, 0],
    ]);
    expect(call(core, 'documents.rename', { id: ch2.id, title: 'Interlude' }).title).toBe('Interlude');
    expect(scene.projectId).toBe(project.id);
    core.close();
  });

  it('reorders and nests documents, and refuses to move a document inside itself', () => {
    const core = openCore();
    const p = call(core, 'projects.create', { title: 'P' });
    const [a, b, c] = ['A', 'B', 'C'].map((title) => call(core, 'documents.create', { projectId: p.id, title }));
    call(core, 'documents.move', { id: c.id, parentId: null, index: 0 });
    let tree = call(core, 'documents.tree', { projectId: p.id });
    expect(tree.map((d: any) => d.title)).toEqual(['C', 'A', 'B']);

    call(core, 'documents.move', { id: b.id, parentId: a.id, index: 0 });
    call(core, 'documents.move', { id: c.id, parentId: b.id, index: 5 });
    tree = call(core, 'documents.tree', { projectId: p.id });
    const byTitle = Object.fromEntries(tree.map((d: any) => [d.title, d]));
    expect(byTitle.B.parentId).toBe(a.id);
    expect(byTitle.C.parentId).toBe(b.id);
    expect(byTitle.A.position).toBe(0);

    const cycle = errorOf(core.call('documents.move', { id: a.id, parentId: c.id, index: 0 }));
    expect(cycle.code).toBe('invalid_input');
    expect(cycle.message).toMatch(/inside itself/);
    core.close();
  });

  it('moves a subtree to the trash and restores it', () => {
    const core = openCore();
    const p = call(core, 'projects.create', { title: 'P' });
    const a = call(core, 'documents.create', { projectId: p.id, title: 'A' });
    const child = call(core, 'documents.create', { projectId: p.id, parentId: a.id, title: 'A.1' });
    const b = call(core, 'documents.create', { projectId: p.id, title: 'B' });
    call(core, 'documents.save', { id: child.id, content: docJson(['five words are in here']) });
    expect(call(core, 'projects.list')[0].wordCount).toBe(5);

    call(core, 'documents.trash', { id: a.id });
    expect(call(core, 'documents.tree', { projectId: p.id }).map((d: any) => d.title)).toEqual(['B']);
    expect(call(core, 'documents.trashed', { projectId: p.id }).map((d: any) => d.title)).toEqual(['A']);
    expect(call(core, 'projects.list')[0].wordCount).toBe(0);
    expect(call(core, 'documents.tree', { projectId: p.id })[0].position).toBe(0);

    call(core, 'documents.restore', { id: a.id });
    const tree = call(core, 'documents.tree', { projectId: p.id });
    // Back in its old place, first, with its scene.
    expect(tree.map((d: any) => d.title)).toEqual(['A', 'B', 'A.1']);
    expect(call(core, 'projects.list')[0].wordCount).toBe(5);
    expect(b.id).toBeTruthy();
    core.close();
  });

  it('saves Lexical JSON, derives plain text and word count itself', () => {
    const core = openCore();
    const p = call(core, 'projects.create', { title: 'P' });
    const d = call(core, 'documents.create', { projectId: p.id, title: 'D' });
    expect(call(core, 'documents.open', { id: d.id }).content).toBeNull();
    const json = docJson([heading('One'), "It wasn't a well-known place."]);
    const saved = call(core, 'documents.save', { id: d.id, content: json });
    expect(saved.wordCount).toBe(6);
    expect(saved.projectWordCount).toBe(6);
    const open = call(core, 'documents.open', { id: d.id });
    expect(open.content).toBe(json);
    expect(open.wordCount).toBe(6);
    core.close();
  });
});

describe('studio core: snapshots', () => {
  it('takes, diffs and restores snapshots, keeping the replaced text as an automatic snapshot', () => {
    const core = openCore();
    const p = call(core, 'projects.create', { title: 'P' });
    const d = call(core, 'documents.create', { projectId: p.id, title: 'D' });
    call(core, 'documents.save', { id: d.id, content: docJson(['The cat sat on the mat.', 'Second paragraph.']) });
    const snap = call(core, 'snapshots.create', { documentId: d.id, name: 'First draft' });
    call(core, 'documents.save', { id: d.id, content: docJson(['The dog sat on the mat.', 'Second paragraph.', 'New end.']) });

    const diff = call(core, 'snapshots.diff', { id: snap.id });
    expect(diff.filter((x: any) => x.kind === 'removed').map((x: any) => x.text.trim())).toEqual(['cat']);
    expect(diff.filter((x: any) => x.kind === 'added').map((x: any) => x.text.trim())).toEqual(['dog', 'New end.']);

    const restored = call(core, 'snapshots.restore', { id: snap.id });
    expect(restored.wordCount).toBe(8);
    expect(restored.content).toContain('The cat sat');
    const list = call(core, 'snapshots.list', { documentId: d.id });
    expect(list.map((s: any) => [s.kind, s.name])).toEqual([
      ['auto', 'Before restoring “First draft”'],
      ['manual', 'First draft'],
    ]);
    // The automatic snapshot holds the text that was replaced.
    const back = call(core, 'snapshots.restore', { id: list[0].id });
    expect(back.content).toContain('New end.');
    core.close();
  });
});

describe('studio core: daily word totals', () => {
  it('adds net words to the local day they were written on, across midnight', () => {
    let now = new Date(2026, 10, 23, 23, 59, 30);
    const core = openCore(tempDir(), () => now);
    const p = call(core, 'projects.create', { title: 'P' });
    const d = call(core, 'documents.create', { projectId: p.id, title: 'D' });
    call(core, 'documents.save', { id: d.id, content: docJson(['one two three four']) });
    expect(call(core, 'stats.today', { projectId: p.id })).toEqual({ day: '2026-11-23', words: 4 });

    now = new Date(2026, 10, 24, 0, 0, 30);
    expect(call(core, 'stats.today', { projectId: p.id })).toEqual({ day: '2026-11-24', words: 0 });
    const saved = call(core, 'documents.save', { id: d.id, content: docJson(['one two three four five six']) });
    expect(saved.todayWords).toBe(2);
    call(core, 'documents.save', { id: d.id, content: docJson(['one two three']) });
    expect(call(core, 'stats.today', { projectId: p.id }).words).toBe(-1);

    now = new Date(2026, 10, 23, 12, 0, 0);
    expect(call(core, 'stats.today', { projectId: p.id }).words).toBe(4);
    core.close();
  });
});

describe('studio core: bad input', () => {
  it('answers invalid ids, unknown methods and unknown fields with typed errors', () => {
    const core = openCore();
    expect(errorOf(core.call('documents.open', { id: 'nope' })).code).toBe('invalid_input');
    expect(errorOf(core.call('documents.open', { id: crypto.randomUUID() })).code).toBe('not_found');
    expect(errorOf(core.call('fs.readFile', { path: '/etc/passwd' })).code).toBe('unknown_method');
    expect(errorOf(core.call('__proto__', {})).code).toBe('unknown_method');
    expect(errorOf(core.call('projects.create', { title: 'x', admin: true })).code).toBe('invalid_input');
    expect(errorOf(core.call('projects.create', { title: '   ' })).message).toMatch(/title/);
    expect(errorOf(core.call('projects.create', null)).code).toBe('invalid_input');
    core.close();
  });

  it('refuses oversized and malformed content without touching the saved text', () => {
    const core = openCore();
    const p = call(core, 'projects.create', { title: 'P' });
    const d = call(core, 'documents.create', { projectId: p.id, title: 'D' });
    const good = docJson(['Keep me safe.']);
    call(core, 'documents.save', { id: d.id, content: good });

    const huge = 'x'.repeat(MAX_CONTENT_BYTES + 1);
    expect(errorOf(core.call('documents.save', { id: d.id, content: huge })).code).toBe('invalid_input');
    for (const bad of [
      '{not json',
      '[]',
      '{"root":{"type":"paragraph"}}',
      '{"root":{"type":"root","children":[{"type":"script","children":[]}]}}',
      '{"root":{"type":"root","children":[{"type":"text","text":5}]}}',
      JSON.stringify({ root: nest(100) }),
    ]) {
      const error = errorOf(core.call('documents.save', { id: d.id, content: bad }));
      expect(error.code).toBe('invalid_content');
    }
    expect(call(core, 'documents.open', { id: d.id }).content).toBe(good);
    core.close();
  });
});

function nest(depth: number): Record<string, unknown> {
  let node: Record<string, unknown> = { type: 'paragraph', children: [] };
  for (let i = 0; i < depth; i++) node = { type: i === depth - 1 ? 'root' : 'quote', children: [node] };
  return node;
}

describe('studio core: the database file', () => {
  it('migrates an empty folder and records each migration once', () => {
    const dir = tempDir();
    openCore(dir).close();
    const core = openCore(dir);
    const rows = core.db.prepare('SELECT version, name FROM schema_migrations').all();
    expect(rows).toEqual([
      { version: 1, name: 'initial' },
      { version: 2, name: 'sprint-sessions' },
      { version: 3, name: 'critique' },
      { version: 4, name: 'version-list-index' },
      { version: 5, name: 'outbox-undo' },
      ...migrations.filter((m) => m.version > 5).sort((x, y) => x.version - y.version).map(({ version, name }) => ({ version, name })),
    ]);
    expect(rows).toContainEqual({ version: 9, name: 'projects-archive-trash' });
    expect(core.db.pragma('journal_mode', { simple: true })).toBe('wal');
    core.close();
  });

  it('lists shared versions from an index alone, never reading their text', () => {
    const core = openCore(tempDir());
    // The two listings critique.store runs (all shares, one share): a covering index answers both.
    for (const where of ['', 'WHERE share_id = ?']) {
      const plan = core.db.prepare(`EXPLAIN QUERY PLAN SELECT id, share_id, number, word_count, created_at FROM share_versions ${where} ORDER BY ${where ? '' : 'share_id, '}number`).all(...(where ? ['s'] : [])) as { detail: string }[];
      expect(plan.map((p) => p.detail).join('; ')).toMatch(/COVERING INDEX share_versions_listed/);
    }
    core.close();
  });

  it('moves a damaged database aside, keeps it, and starts fresh with a notice', () => {
    const dir = tempDir();
    const file = path.join(dir, DATABASE_FILE);
    fs.writeFileSync(file, 'this is not a database, but it is the writer’s file'.repeat(200));
    const core = openCore(dir);
    const info = call(core, 'app.info');
    expect(info.notices[0]).toMatch(/damaged/);
    const aside = fs.readdirSync(dir).find((f) => f.startsWith(`${DATABASE_FILE}.damaged-`));
    expect(aside).toBeDefined();
    expect(fs.readFileSync(path.join(dir, aside!), 'utf8')).toMatch(/^this is not a database/);
    expect(call(core, 'projects.list')).toEqual([]);
    core.close();
  });

  it('checks the whole file after an unclean shutdown and weekly, not on every clean open', () => {
    const dir = tempDir();
    const day = 24 * 3600_000;
    const t0 = Date.parse('2026-11-01T09:00:00Z');
    const first = openCore(dir, () => new Date(t0));
    const project = call(first, 'projects.create', { title: 'Big' });
    const doc = call(first, 'documents.create', { projectId: project.id, title: 'Long' });
    call(first, 'documents.save', { id: doc.id, content: docJson(Array.from({ length: 400 }, (_, i) => `Paragraph ${i} ${'of words '.repeat(40)}`)) });
    first.close();
    // A page near the end of the file (the draft's text) goes bad on disk.
    const file = path.join(dir, DATABASE_FILE);
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0xab), 0, 4096, size - 8192);
    fs.closeSync(fd);
    // A clean open a day later does not read every page, so it does not notice.
    const clean = openCore(dir, () => new Date(t0 + day));
    expect(call(clean, 'app.info').notices).toEqual([]);
    clean.close();
    // After a crash (the lock left behind by a process that is gone) it checks, and keeps the damaged file.
    fs.writeFileSync(path.join(dir, LOCK_FILE), '999999999\n');
    const recovered = openCore(dir, () => new Date(t0 + 2 * day));
    expect(call(recovered, 'app.info').notices[0]).toMatch(/damaged/);
    recovered.close();
    expect(fs.readdirSync(dir).filter((f) => f.startsWith(`${DATABASE_FILE}.damaged-`))).toHaveLength(1);
  });

  it('checks again a week after the last check', () => {
    const dir = tempDir();
    const t0 = Date.parse('2026-11-01T09:00:00Z');
    openCore(dir, () => new Date(t0)).close();
    const file = path.join(dir, DATABASE_FILE);
    const db = new BetterSqlite3(file);
    db.exec('CREATE TABLE filler (x TEXT)');
    db.prepare('INSERT INTO filler VALUES (?)').run('x'.repeat(200_000));
    db.close();
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0xab), 0, 4096, size - 8192);
    fs.closeSync(fd);
    const sixDays = openCore(dir, () => new Date(t0 + 6 * 24 * 3600_000));
    expect(call(sixDays, 'app.info').notices).toEqual([]);
    sixDays.close();
    const eightDays = openCore(dir, () => new Date(t0 + 8 * 24 * 3600_000));
    expect(call(eightDays, 'app.info').notices[0]).toMatch(/damaged/);
    eightDays.close();
  });

  it('reports a database locked by another program as database_locked', () => {
    const dir = tempDir();
    openCore(dir).close();
    const other = new BetterSqlite3(path.join(dir, DATABASE_FILE));
    other.pragma('locking_mode = EXCLUSIVE');
    other.exec('BEGIN EXCLUSIVE');
    try {
      expect(() => openCore(dir)).toThrow(expect.objectContaining({ code: 'database_locked' }));
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(fs.readdirSync(dir).some((f) => f.includes('damaged'))).toBe(false);
  });
});

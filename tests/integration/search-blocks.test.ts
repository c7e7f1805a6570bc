import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations/index';
import { DATABASE_FILE } from '../../electron/core/studio-core';
import { unwrap, type Result } from '../../shared/api/result';
import type { SearchResults } from '../../shared/api/search';
import { createStudioCore, type StudioCore } from '../../electron/core/studio-core';
import { BLOCK_PARAGRAPHS, blocksOf, placedBlocksOf, SLOTS } from '../../electron/core/search/blocks';
import { mapPlainText, parseLexicalState } from '../../shared/schemas/lexical';
import { docJson, paragraph, textNode } from '../fixtures/lexical';
import { tempDir } from '../helpers/temp-dir';

const call = <T = any>(core: StudioCore, method: string, input: unknown = {}): T => unwrap(core.call(method, input) as Result<T>);
const titles = (core: StudioCore, query: string) => call<SearchResults>(core, 'search.query', { query }).hits.map((h) => h.documentTitle).sort();

/** 120 paragraphs, each with a word of its own ("wordzero3", "wordone17"…) so a test can search for one paragraph. */
const NAMES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven'];
const paragraphs = Array.from({ length: 120 }, (_, i) => `Paragraph ${i} tells of the harbour, word${NAMES[i % 8]}${i}, and of the long grey sea beyond it.`);

/** The document's blocks in the index as the next search sees them (it catches up first), as id -> text. */
function blocks(core: StudioCore, documentId: string): Map<number, string> {
  call(core, 'search.query', { query: 'harbour' });
  const no = core.db.prepare('SELECT no FROM search_documents WHERE document_id = ?').pluck().get(documentId) as number;
  const rows = core.db.prepare('SELECT id, text FROM document_blocks WHERE id BETWEEN ? AND ?').all(no * SLOTS, no * SLOTS + SLOTS - 1) as { id: number; text: string }[];
  return new Map(rows.map((r) => [r.id, r.text]));
}

/** Rows that left and rows that arrived between two readings of the blocks. */
function changes(before: Map<number, string>, after: Map<number, string>) {
  const removed = [...before].filter(([id, text]) => after.get(id) !== text).map(([, text]) => text);
  const added = [...after].filter(([id, text]) => before.get(id) !== text).map(([, text]) => text);
  return { removed, added };
}

/** Every non-blank line of the text is in exactly one block (as a multiset). */
function expectCovers(core: StudioCore, documentId: string, lines: string[]) {
  const held = [...blocks(core, documentId).values()].flatMap((b) => b.split('\n'));
  expect(held.sort()).toEqual([...lines].sort());
}

/** FTS5's own check that the index agrees with document_blocks. */
const integrity = (core: StudioCore) => core.db.prepare("INSERT INTO block_search (block_search, rank) VALUES ('integrity-check', 1)").run();

function setup(dir = tempDir()) {
  const core = createStudioCore({ dataDir: dir, host: 'browser' });
  const project = call(core, 'projects.create', { title: 'Harbour Book' });
  const doc = call(core, 'documents.create', { projectId: project.id, title: 'Long chapter' });
  call(core, 'documents.save', { id: doc.id, content: docJson(paragraphs) });
  return { core, dir, doc };
}

describe('search index by block', () => {
  it('cuts a text into blocks of a few paragraphs that hold every line once', () => {
    const cut = blocksOf(paragraphs.join('\n'));
    expect(cut.length).toBeGreaterThan(1);
    expect(cut.length).toBeLessThan(paragraphs.length);
    expect(cut.flatMap((b) => b.split('\n'))).toEqual(paragraphs);
    // Blank lines hold no words: they are not blocks.
    expect(blocksOf('\n  \nOne\n\n')).toEqual(['One']);
    expect(BLOCK_PARAGRAPHS).toBeGreaterThan(1);
  });

  it('an autosave after typing into one paragraph rewrites only the block that holds it', () => {
    const { core, doc } = setup();
    const before = blocks(core, doc.id);
    expectCovers(core, doc.id, paragraphs);
    const edited = paragraphs.map((p, i) => (i === 20 ? `${p} Then a cormorant landed.` : p));
    call(core, 'documents.save', { id: doc.id, content: docJson(edited) });
    // The save itself only notes the document; the index is untouched until a search needs it.
    const pending = () => core.db.prepare('SELECT document_id FROM search_pending').pluck().all();
    expect(pending()).toEqual([doc.id]);
    const raw = core.db.prepare("SELECT count(*) FROM block_search WHERE block_search MATCH 'cormorant'").pluck();
    expect(raw.get()).toBe(0);
    const after = blocks(core, doc.id);
    const { removed, added } = changes(before, after);
    expect(removed).toHaveLength(1);
    expect(added).toHaveLength(1);
    expect(removed[0]).toContain(paragraphs[20]);
    expect(added[0]).toContain('Then a cormorant landed.');
    expect(added[0]!.replace(' Then a cormorant landed.', '')).toBe(removed[0]);
    expectCovers(core, doc.id, edited);
    expect(pending()).toEqual([]);
    expect(raw.get()).toBe(1);
    expect(titles(core, 'cormorant')).toEqual(['Long chapter']);
    integrity(core);

    // A save whose text did not change (formatting only) writes no block at all.
    const bold = JSON.parse(docJson(edited));
    bold.root.children[3].children = [textNode(edited[3]!, 1)];
    call(core, 'documents.save', { id: doc.id, content: JSON.stringify(bold) });
    expect(changes(after, blocks(core, doc.id))).toEqual({ removed: [], added: [] });
    core.close();
  });

  it('deleting, inserting and moving paragraphs touch only the blocks around them; search follows', () => {
    const { core, doc } = setup();
    let current = paragraphs;
    const save = (next: string[]) => {
      const before = blocks(core, doc.id);
      call(core, 'documents.save', { id: doc.id, content: docJson(next) });
      current = next;
      expectCovers(core, doc.id, next);
      return changes(before, blocks(core, doc.id));
    };
    const total = blocks(core, doc.id).size;

    // Delete paragraph 10: its block (and the next, if 10 ended a block) is rewritten, no other.
    const deleted = save(current.filter((_, i) => i !== 10));
    expect(deleted.removed.length).toBeGreaterThanOrEqual(1);
    expect(deleted.removed.length).toBeLessThanOrEqual(2);
    expect(deleted.removed.join('\n')).toContain(paragraphs[10]);
    expect(titles(core, 'wordtwo10')).toEqual([]);
    expect(titles(core, 'wordthree11')).toEqual(['Long chapter']);

    // Insert a new paragraph near the start.
    const inserted = save([...current.slice(0, 2), 'A lighthouse keeper named Ysolde arrived.', ...current.slice(2)]);
    expect(inserted.added.length).toBeLessThanOrEqual(2);
    expect(inserted.removed.length).toBeLessThanOrEqual(2);
    expect(titles(core, 'ysolde')).toEqual(['Long chapter']);

    // Move the last paragraph to the top: the blocks it left and joined change, nothing else.
    const last = current.at(-1)!;
    const moved = save([last, ...current.slice(0, -1)]);
    expect(moved.removed.length).toBeLessThanOrEqual(3);
    expect(moved.added.length).toBeLessThanOrEqual(3);
    expect(moved.removed.length + moved.added.length).toBeLessThan(total);
    expect(titles(core, 'wordseven119')).toEqual(['Long chapter']);
    integrity(core);
    core.close();
  });

  it('keeps repeated paragraphs and blocks apart: each copy is a row of its own', () => {
    const { core, doc } = setup();
    const twice = [...paragraphs, ...paragraphs, 'Coda.'];
    call(core, 'documents.save', { id: doc.id, content: docJson(twice) });
    expectCovers(core, doc.id, twice);
    // Drop the second copy's paragraph 7: the first copy's stays in the index.
    const edited = twice.filter((_, i) => i !== paragraphs.length + 7);
    call(core, 'documents.save', { id: doc.id, content: docJson(edited) });
    expectCovers(core, doc.id, edited);
    expect(titles(core, 'wordseven7')).toEqual(['Long chapter']);
    integrity(core);
    core.close();
  });

  it('after a restart the index holds the new text and not the removed text', () => {
    const { core, dir, doc } = setup();
    const edited = paragraphs.map((p, i) => (i === 5 ? 'The gulls were gone by evening.' : p));
    call(core, 'documents.save', { id: doc.id, content: docJson(edited) });
    core.close();
    const reopened = createStudioCore({ dataDir: dir, host: 'browser' });
    expect(titles(reopened, 'gulls')).toEqual(['Long chapter']);
    expect(titles(reopened, 'wordfive5')).toEqual([]);
    expect(titles(reopened, 'wordfive13')).toEqual(['Long chapter']);
    expectCovers(reopened, doc.id, edited);
    integrity(reopened);
    reopened.close();
  });

  it("finds a document that has a query's words in different blocks, and not one that lacks one", () => {
    const { core, doc } = setup();
    // wordzero0 is in the first block, wordseven119 in the last: the document has both.
    expect(blocks(core, doc.id).size).toBeGreaterThan(1);
    expect(titles(core, 'wordzero0 wordseven119')).toEqual(['Long chapter']);
    expect(titles(core, 'wordzero0 nowhere')).toEqual([]);
    core.close();
  });

  it('a document deleted for good takes its blocks and number with it', () => {
    const { core, doc } = setup();
    expect(blocks(core, doc.id).size).toBeGreaterThan(0);
    core.db.prepare('DELETE FROM documents WHERE id = ?').run(doc.id);
    expect(core.db.prepare('SELECT count(*) FROM document_blocks').pluck().get()).toBe(0);
    expect(core.db.prepare('SELECT count(*) FROM search_documents').pluck().get()).toBe(0);
    expect(titles(core, 'harbour')).toEqual([]);
    integrity(core);
    core.close();
  });

  it('migration 19 moves a database indexed by document to the index by block', () => {
    const dir = tempDir();
    const old = new BetterSqlite3(path.join(dir, DATABASE_FILE));
    migrate(old, migrations.filter((m) => m.version < 19));
    const at = '2026-03-01T09:30:00.000Z';
    old.prepare('INSERT INTO projects (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)').run('p1', 'Old Book', at, at);
    old.prepare('INSERT INTO documents (id, project_id, parent_id, title, position, created_at, updated_at) VALUES (?, ?, NULL, ?, 0, ?, ?)').run('d1', 'p1', 'Old chapter', at, at);
    old.prepare('INSERT INTO document_content (document_id, content, plain_text, word_count, updated_at) VALUES (?, ?, ?, ?, ?)').run('d1', docJson(paragraphs), paragraphs.join('\n'), 2000, at);
    // The old index found it through its triggers.
    expect(old.prepare("SELECT count(*) FROM document_search WHERE document_search MATCH 'wordfive13'").pluck().get()).toBe(1);
    old.close();

    const core = createStudioCore({ dataDir: dir, host: 'browser' });
    expect(core.db.prepare("SELECT count(*) FROM sqlite_master WHERE name LIKE 'document_search%'").pluck().get()).toBe(0);
    // Built by the migration itself: nothing is left for the first search to catch up.
    expect(core.db.prepare('SELECT count(*) FROM search_pending').pluck().get()).toBe(0);
    expect(core.db.prepare('SELECT count(*) FROM document_blocks').pluck().get()).toBeGreaterThan(1);
    expectCovers(core, 'd1', paragraphs);
    expect(titles(core, 'wordfive13 wordzero0')).toEqual(['Old chapter']);
    integrity(core);
    core.close();
  });

  describe('a hit is cut from its best block, and placed in the document', () => {
    /** 120 paragraphs with blank paragraphs among them and one with a line break (a single "\n" in the plain text). */
    const withGaps = (first: string[] = []) => [
      ...first,
      ...paragraphs.flatMap((p, i) => (i % 7 === 3 ? [p, ''] : i % 11 === 5 ? [p, '', ''] : [p])),
      { ...paragraph(''), children: [textNode('Before the break, '), { type: 'linebreak', version: 1 }, textNode('after it the cormorant.')] },
      'Last line of all.',
    ];
    const plainText = (core: StudioCore, id: string) => mapPlainText(parseLexicalState(call(core, 'documents.open', { id }).content)).text;
    /** Every hit's place points at the highlighted words in the document's own plain text. */
    function expectPlaced(core: StudioCore, id: string, query: string, expected: string) {
      const [hit, ...rest] = call<SearchResults>(core, 'search.query', { query }).hits;
      expect(rest).toEqual([]);
      const text = plainText(core, id);
      expect(text.slice(hit!.match!.start, hit!.match!.end)).toBe(expected);
      expect(hit!.snippet.find((p) => p.match)?.text).toBe(expected);
    }
    const placesOf = (core: StudioCore) => core.db.prepare('SELECT count(*) FROM block_places').pluck().get() as number;

    it('places matches after blank paragraphs, in every block and after a line break', () => {
      const { core, doc } = setup();
      call(core, 'documents.save', { id: doc.id, content: docJson(withGaps()) });
      const held = blocks(core, doc.id);
      expect(held.size).toBeGreaterThan(3);
      expect(placesOf(core)).toBe(held.size);
      for (const i of [0, 8, 40, 77, 119]) expectPlaced(core, doc.id, `word${NAMES[i % 8]}${i}`, `word${NAMES[i % 8]}${i}`);
      expectPlaced(core, doc.id, 'cormorant', 'cormorant');
      // A phrase across the line break: its end is placed past the break.
      expectPlaced(core, doc.id, '"break after"', 'break, \nafter');
      core.close();
    });

    it('moves the places of the blocks after an edit without rewriting them', () => {
      const { core, doc } = setup();
      call(core, 'documents.save', { id: doc.id, content: docJson(withGaps()) });
      const before = blocks(core, doc.id);
      call(core, 'documents.save', { id: doc.id, content: docJson(withGaps(['A new opening paragraph, written last.', ''])) });
      const after = blocks(core, doc.id);
      // Only the first block changed; the others kept their rows (and FTS5 rows), only their places moved.
      expect([...after].filter(([id, text]) => before.get(id) === text).length).toBe(before.size - 1);
      expect(placesOf(core)).toBe(after.size);
      for (const i of [8, 77, 119]) expectPlaced(core, doc.id, `word${NAMES[i % 8]}${i}`, `word${NAMES[i % 8]}${i}`);
      expectPlaced(core, doc.id, 'cormorant', 'cormorant');
      integrity(core);
      core.close();
    });

    it('migration 21 places the blocks a database already had', () => {
      const dir = tempDir();
      const old = new BetterSqlite3(path.join(dir, DATABASE_FILE));
      migrate(old, migrations.filter((m) => m.version < 21));
      const at = '2026-03-01T09:30:00.000Z';
      old.prepare('INSERT INTO projects (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)').run('p1', 'Old Book', at, at);
      old.prepare('INSERT INTO documents (id, project_id, parent_id, title, position, created_at, updated_at) VALUES (?, ?, NULL, ?, 0, ?, ?)').run('d1', 'p1', 'Old chapter', at, at);
      const text = paragraphs.join('\n\n\n');
      old.prepare('INSERT INTO document_content (document_id, content, plain_text, word_count, updated_at) VALUES (?, ?, ?, ?, ?)').run('d1', docJson(paragraphs.flatMap((p) => [p, ''])), text, 2000, at);
      // Indexed as version 20 did it: blocks without places, nothing pending.
      const no = old.prepare("INSERT INTO search_documents (document_id) VALUES ('d1') RETURNING no").pluck().get() as number;
      placedBlocksOf(text).forEach((block, slot) => old.prepare('INSERT INTO document_blocks (id, text) VALUES (?, ?)').run(no * SLOTS + slot, block.text));
      old.exec("DELETE FROM search_pending; INSERT INTO block_search (block_search) VALUES ('rebuild')");
      old.close();

      const core = createStudioCore({ dataDir: dir, host: 'browser' });
      expect(placesOf(core)).toBe(placedBlocksOf(text).length);
      const hit = call<SearchResults>(core, 'search.query', { query: 'wordseven119' }).hits[0]!;
      expect(text.slice(hit.match!.start, hit.match!.end)).toBe('wordseven119');
      core.close();
    });
  });
});

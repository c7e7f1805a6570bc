import { describe, expect, it } from 'vitest';
import { unwrap, type Result } from '../../../../shared/api/result';
import type { SearchResults } from '../../../../shared/api/search';
import { mapPlainText, parseLexicalState } from '../../../../shared/schemas/lexical';
import { createStudioCore, type StudioCore } from '../../../../electron/core/studio-core';
import { toFtsQuery } from '../../../../electron/core/search/fts-query';
import { docJson, heading } from '../../../fixtures/lexical';
import { tempDir } from '../../../helpers/temp-dir';

function openCore(dataDir = tempDir()): StudioCore {
  return createStudioCore({ dataDir, host: 'browser' });
}
const call = <T = any>(core: StudioCore, method: string, input: unknown = {}): T => unwrap(core.call(method, input) as Result<T>);
const search = (core: StudioCore, query: string, projectId?: string) => call<SearchResults>(core, 'search.query', { query, projectId });
const titles = (results: SearchResults) => results.hits.map((h) => h.documentTitle).sort();
/** The highlighted words of every hit, in order. */
const matched = (results: SearchResults) => results.hits.map((h) => h.snippet.filter((p) => p.match).map((p) => p.text));

function library(core: StudioCore) {
  const novel = call(core, 'projects.create', { title: 'The Salt Road' });
  const stories = call(core, 'projects.create', { title: 'Short Stories' });
  const doc = (projectId: string, title: string, blocks: Array<string | Record<string, unknown>>, parentId: string | null = null) => {
    const created = call(core, 'documents.create', { projectId, title, parentId });
    call(core, 'documents.save', { id: created.id, content: docJson(blocks) });
    return created;
  };
  const harbour = doc(novel.id, 'Harbour', [heading('Arrival'), 'The lighthouse keeper watched the ferry come in through the fog.', 'Zoë ordered a café au lait and waited.']);
  const market = doc(novel.id, 'Market', ['The fish market smelled of salt and diesel. The keeper bought mackerel.']);
  const inner = doc(novel.id, 'Night scene', ['Lanterns swung over the lighthouse steps at night.'], market.id);
  const story = doc(stories.id, 'The Keeper', ['A lighthouse, a keeper, a storm that would not end.']);
  return { novel, stories, harbour, market, inner, story };
}

describe('search: FTS5 over every project', () => {
  it('finds words across projects, ranked, with highlighted snippets and the match located in the text', () => {
    const core = openCore();
    const { novel, harbour } = library(core);
    const results = search(core, 'lighthouse');
    expect(results.mode).toBe('index');
    expect(titles(results)).toEqual(['Harbour', 'Night scene', 'The Keeper']);
    expect(matched(results).flat().every((m) => m.toLowerCase() === 'lighthouse')).toBe(true);
    // Only the novel when scoped.
    expect(titles(search(core, 'lighthouse', novel.id))).toEqual(['Harbour', 'Night scene']);

    // bm25: the story that says "keeper" and "lighthouse" in fewer words ranks above a longer one.
    const ranked = search(core, 'keeper lighthouse');
    expect(ranked.hits[0]!.documentTitle).toBe('The Keeper');

    // The match's offsets point at the word in the document's plain text.
    const hit = search(core, 'ferry').hits[0]!;
    expect(hit.documentId).toBe(harbour.id);
    const opened = call(core, 'documents.open', { id: harbour.id });
    const text = mapPlainText(parseLexicalState(opened.content)).text;
    expect(text.slice(hit.match!.start, hit.match!.end)).toBe('ferry');
    core.close();
  });

  it('ignores diacritics, and answers phrase and prefix queries', () => {
    const core = openCore();
    library(core);
    expect(titles(search(core, 'zoe cafe'))).toEqual(['Harbour']);
    expect(matched(search(core, 'cafe'))).toEqual([['café']]);
    expect(titles(search(core, '"the keeper bought"'))).toEqual(['Market']);
    expect(titles(search(core, '"keeper bought the"'))).toEqual([]);
    expect(titles(search(core, 'light*'))).toEqual(['Harbour', 'Night scene', 'The Keeper']);
    expect(titles(search(core, 'lanter*'))).toEqual(['Night scene']);
    core.close();
  });

  it('answers queries under three letters with a substring scan', () => {
    const core = openCore();
    library(core);
    const results = search(core, 'au');
    expect(results.mode).toBe('scan');
    expect(titles(results)).toContain('Harbour');
    const hit = results.hits.find((h) => h.documentTitle === 'Harbour')!;
    expect(hit.snippet.find((p) => p.match)!.text.toLowerCase()).toBe('au');
    expect(search(core, 'Zo').hits.map((h) => h.documentTitle)).toEqual(['Harbour']);
    core.close();
  });

  it('keeps the index in step with saves, trash, restore and snapshot restore', () => {
    const core = openCore();
    const { market, inner, harbour } = library(core);
    // Save: old words leave the index, new ones arrive, in the same transaction as the save.
    call(core, 'documents.save', { id: harbour.id, content: docJson(['A cormorant dried its wings on the pier.']) });
    expect(titles(search(core, 'ferry'))).toEqual([]);
    expect(titles(search(core, 'cormorant'))).toEqual(['Harbour']);
    const rows = core.db.prepare("SELECT count(*) AS n FROM block_search WHERE block_search MATCH 'ferry'").get() as { n: number };
    expect(rows.n).toBe(0);

    // Trash: a trashed document (and what is inside it) is not found; restored, it is again.
    call(core, 'documents.trash', { id: market.id });
    expect(titles(search(core, 'mackerel'))).toEqual([]);
    expect(titles(search(core, 'lanterns'))).toEqual([]);
    call(core, 'documents.restore', { id: market.id });
    expect(titles(search(core, 'mackerel'))).toEqual(['Market']);
    expect(titles(search(core, 'lanterns'))).toEqual(['Night scene']);

    // Snapshot restore puts the old words back in the index.
    const snap = call(core, 'snapshots.create', { documentId: inner.id, name: 'lanterns' });
    call(core, 'documents.save', { id: inner.id, content: docJson(['Only gulls now.']) });
    expect(titles(search(core, 'lanterns'))).toEqual([]);
    call(core, 'snapshots.restore', { id: snap.id });
    expect(titles(search(core, 'lanterns'))).toEqual(['Night scene']);
    expect(titles(search(core, 'gulls'))).toEqual([]);

    // The index agrees with its content table (FTS5's own check).
    expect(() => core.db.prepare("INSERT INTO block_search (block_search, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
    core.close();
  });

  it('leaves out a project in the trash, everywhere and when asked for by name, and a trashed folder in the scoped search', () => {
    const core = openCore();
    const { novel, stories, market } = library(core);
    call(core, 'projects.trash', { id: stories.id });
    expect(titles(search(core, 'lighthouse'))).toEqual(['Harbour', 'Night scene']);
    expect(titles(search(core, 'lighthouse', stories.id))).toEqual([]);
    // A trashed document and what is inside it are left out of its own project's search too.
    call(core, 'documents.trash', { id: market.id });
    expect(titles(search(core, 'lighthouse', novel.id))).toEqual(['Harbour']);
    expect(titles(search(core, 'keeper', novel.id))).toEqual(['Harbour']);
    call(core, 'projects.restore', { id: stories.id });
    call(core, 'documents.restore', { id: market.id });
    expect(titles(search(core, 'lighthouse'))).toEqual(['Harbour', 'Night scene', 'The Keeper']);
    expect(titles(search(core, 'lighthouse', stories.id))).toEqual(['The Keeper']);
    core.close();
  });

  it('highlights whole words only, in any case and with or without diacritics, and the start of every word that starts so for a prefix', () => {
    const core = openCore();
    const project = call(core, 'projects.create', { title: 'Cases' });
    const doc = call(core, 'documents.create', { projectId: project.id, title: 'Mixed' });
    call(core, 'documents.save', { id: doc.id, content: docJson(['Keepers and KEEPER met; the Keeper’s cafés, a CAFÉ, Café-au-lait and Ζωή with ΖΩΉ.']) });
    // "keeper" is not the start of "Keepers": the first highlight is "KEEPER".
    expect(matched(search(core, 'keeper'))).toEqual([['KEEPER', 'Keeper']]);
    expect(matched(search(core, 'keep*'))).toEqual([['Keep', 'KEEP', 'Keep']]);
    expect(matched(search(core, 'ζωή'))).toEqual([['Ζωή', 'ΖΩΉ']]);
    expect(matched(search(core, 'cafe'))).toEqual([['CAFÉ', 'Café']]);
    expect(matched(search(core, '"au lait"'))).toEqual([['au-lait']]);
    expect(matched(search(core, 'keeper keepers'))).toEqual([['Keepers', 'KEEPER', 'Keeper']]);
    core.close();
  });

  it('builds the index for documents written before it existed', () => {
    const dir = tempDir();
    let core = openCore(dir);
    library(core);
    // As it was before migration 19 (the index by block), with the old index emptied: 19 builds the new one from the text.
    core.db.exec("DELETE FROM schema_migrations WHERE version = 19; DROP TABLE block_search; DROP TABLE document_blocks; DROP TABLE search_documents; DROP TABLE search_pending; DROP TRIGGER document_content_blocks_delete; DROP TRIGGER document_content_search_insert; DROP TRIGGER document_content_search_update;");
    expect(core.db.prepare("SELECT count(*) FROM sqlite_master WHERE name LIKE 'document_blocks%' OR name LIKE 'block_search%'").pluck().get()).toBe(0);
    core.close();
    core = openCore(dir);
    expect(titles(search(core, 'mackerel'))).toEqual(['Market']);
    core.close();
  });

  it('never crashes on hostile queries: FTS5 syntax is searched for as words', () => {
    const core = openCore();
    library(core);
    const hostile = ['"unbalanced', 'AND', 'OR OR', 'NEAR(', 'plain_text:salt', '*', '^salt', 'salt)', '(', '"', '""', '-salt', 'a"b', "'; DROP TABLE documents; --", 'salt AND', 'NOT', '\u0000', '{plain_text}: salt', 'x'.repeat(200)];
    for (const query of hostile) {
      const result = core.call('search.query', { query }) as Result<SearchResults>;
      if (!result.ok) expect(result.error.code).toMatch(/invalid_input/);
      else expect(Array.isArray(result.data.hits)).toBe(true);
    }
    // Operators are words: "salt AND" needs the word "and" (Market has it), "salt NOT" the word "not" (no one has).
    expect(titles(search(core, 'plain_text:salt'))).toEqual([]);
    expect(titles(search(core, 'salt AND'))).toEqual(['Market']);
    expect(titles(search(core, 'salt NOT'))).toEqual([]);
    expect(titles(search(core, 'salt)'))).toEqual(['Market']);
    const empty = core.call('search.query', { query: '   ' }) as Result<SearchResults>;
    expect(empty.ok).toBe(false);
    expect(!empty.ok && empty.error.code).toBe('invalid_input');
    // The documents table is still there.
    expect(call(core, 'projects.list')).toHaveLength(2);
    core.close();
  });
});

describe('toFtsQuery', () => {
  it('quotes every word and phrase', () => {
    expect(toFtsQuery('salt road')).toMatchObject({ match: '"salt" "road"', wordChars: 8 });
    expect(toFtsQuery('"salt road" light*').match).toBe('"salt road" "light"*');
    expect(toFtsQuery('a"b').match).toBe('"ab"');
    expect(toFtsQuery('*** ( )').match).toBeNull();
  });
});

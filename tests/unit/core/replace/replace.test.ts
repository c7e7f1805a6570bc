import { describe, expect, it } from 'vitest';
import { unwrap, type Result } from '../../../../shared/api/result';
import type { ReplacePreview, ReplaceResult } from '../../../../shared/api/replace';
import { parseLexicalState, type SerializedNode } from '../../../../shared/schemas/lexical';
import { createStudioCore, type StudioCore } from '../../../../electron/core/studio-core';
import { findPattern, replaceIn } from '../../../../electron/core/replace/replace-text';
import { docJson, paragraph, textNode } from '../../../fixtures/lexical';
import { tempDir } from '../../../helpers/temp-dir';

const call = <T = any>(core: StudioCore, method: string, input: unknown = {}): T => unwrap(core.call(method, input) as Result<T>);
const stored = (core: StudioCore, id: string) =>
  core.db.prepare('SELECT content, plain_text AS plainText, word_count AS words FROM document_content WHERE document_id = ?').get(id) as { content: string; plainText: string; words: number };
const textNodes = (json: string) => {
  const out: SerializedNode[] = [];
  const walk = (node: SerializedNode) => (node.type === 'text' ? out.push(node) : node.children?.forEach(walk));
  walk(parseLexicalState(json).root);
  return out;
};

/** A paragraph whose words carry different formats: "Mira ran" plain, "to the" bold, " harbour" italic. */
const formatted = () => ({ ...paragraph(''), children: [textNode('Mira ran '), textNode('to the', 1), textNode(' harbour, Mira said.', 2)] });

describe('find and replace in Lexical text nodes', () => {
  it('keeps each node’s formatting, and a match across two formats takes the first one’s', () => {
    const state = parseLexicalState(docJson([formatted()]));
    const { state: next, count } = replaceIn(state, findPattern({ find: 'mira', matchCase: false, wholeWord: true }), 'Ines');
    expect(count).toBe(2);
    const nodes = textNodes(JSON.stringify(next));
    expect(nodes.map((n) => [n.text, n.format])).toEqual([['Ines ran ', 0], ['to the', 1], [' harbour, Ines said.', 2]]);

    // "the harbour" starts in bold and ends in italics: the replacement is bold, the italic rest stays italic.
    const across = replaceIn(state, findPattern({ find: 'the harbour', matchCase: true, wholeWord: false }), 'the quay');
    expect(textNodes(JSON.stringify(across.state)).map((n) => [n.text, n.format])).toEqual([['Mira ran ', 0], ['to the quay', 1], [', Mira said.', 2]]);
    // The input state is not changed.
    expect(textNodes(JSON.stringify(state))[0]!.text).toBe('Mira ran ');
  });

  it('respects match case and whole words, and drops nodes left empty', () => {
    const state = parseLexicalState(docJson([{ ...paragraph(''), children: [textNode('Art '), textNode('art', 1), textNode(' party', 0)] }]));
    expect(replaceIn(state, findPattern({ find: 'art', matchCase: true, wholeWord: false }), 'x').count).toBe(2); // "art" and p-"art"-y
    expect(replaceIn(state, findPattern({ find: 'art', matchCase: false, wholeWord: true }), 'x').count).toBe(2); // "Art", "art"
    const emptied = replaceIn(state, findPattern({ find: 'art', matchCase: true, wholeWord: true }), '');
    expect(textNodes(JSON.stringify(emptied.state)).map((n) => n.text)).toEqual(['Art ', ' party']);
  });

  it('previews, applies across a project, and one undo puts every document back from its snapshot', () => {
    const core = createStudioCore({ dataDir: tempDir(), host: 'browser' });
    const project = call(core, 'projects.create', { title: 'Harbour' });
    const docs = ['One', 'Two', 'Three'].map((title) => call(core, 'documents.create', { projectId: project.id, title }));
    call(core, 'documents.save', { id: docs[0].id, content: docJson([formatted()]) });
    call(core, 'documents.save', { id: docs[1].id, content: docJson(['Mira slept.', 'Nobody else.']) });
    call(core, 'documents.save', { id: docs[2].id, content: docJson(['No one by that name here.']) });
    const before = docs.map((d) => stored(core, d.id));
    const request = { scope: { projectId: project.id }, find: 'Mira', replace: 'Ines Okafor', matchCase: true, wholeWord: true };

    const preview = call<ReplacePreview>(core, 'replace.preview', request);
    expect(preview.total).toBe(3);
    expect(preview.documents.map((d) => [d.title, d.count])).toEqual([['One', 2], ['Two', 1]]);
    expect(preview.documents[0]!.samples[0]).toMatchObject({ before: '', match: 'Mira', after: ' ran to the harbour, Mira said.' });
    // Preview writes nothing.
    expect(docs.map((d) => stored(core, d.id).content)).toEqual(before.map((b) => b.content));

    const applied = call<ReplaceResult>(core, 'replace.apply', request);
    expect(applied.replacements).toBe(3);
    expect(applied.documentIds).toEqual([docs[0].id, docs[1].id]);
    expect(stored(core, docs[0].id).plainText).toBe('Ines Okafor ran to the harbour, Ines Okafor said.');
    expect(stored(core, docs[0].id).words).toBe(before[0]!.words + 2);
    expect(textNodes(stored(core, docs[0].id).content).map((n) => n.format)).toEqual([0, 1, 2]);
    expect(stored(core, docs[1].id).plainText).toBe('Ines Okafor slept.\n\nNobody else.');
    expect(stored(core, docs[2].id).content).toBe(before[2]!.content);
    // One automatic snapshot of each changed document, holding the text before.
    const snaps = call(core, 'snapshots.list', { documentId: docs[0].id });
    expect(snaps.map((s: any) => [s.kind, s.name])).toEqual([['auto', 'Before replacing “Mira” with “Ines Okafor”']]);
    // The search index followed the replace.
    expect(call(core, 'search.query', { query: 'okafor' }).hits).toHaveLength(2);

    const undone = call(core, 'replace.undo', { snapshotIds: applied.snapshotIds });
    expect(undone.documentIds).toEqual([docs[0].id, docs[1].id]);
    expect(docs.map((d) => stored(core, d.id).content)).toEqual(before.map((b) => b.content));
    expect(call(core, 'search.query', { query: 'okafor' }).hits).toHaveLength(0);
    // Undoing kept the replaced text too: nothing is ever lost.
    expect(call(core, 'snapshots.list', { documentId: docs[0].id }).map((s: any) => s.name)).toContain('Before undoing a replace');
    core.close();
  });

  it('replaces in one document only when asked, and refuses bad requests with a typed error', () => {
    const core = createStudioCore({ dataDir: tempDir(), host: 'browser' });
    const project = call(core, 'projects.create', { title: 'P' });
    const [a, b] = ['A', 'B'].map((title) => call(core, 'documents.create', { projectId: project.id, title }));
    for (const d of [a, b]) call(core, 'documents.save', { id: d.id, content: docJson(['rain again']) });
    call(core, 'replace.apply', { scope: { documentId: a.id }, find: 'rain', replace: 'snow' });
    expect(stored(core, a.id).plainText).toBe('snow again');
    expect(stored(core, b.id).plainText).toBe('rain again');
    for (const bad of [{ scope: { documentId: a.id }, find: '', replace: 'x' }, { scope: { documentId: a.id }, find: 'a\nb', replace: 'x' }, { scope: {}, find: 'a', replace: 'b' }]) {
      const result = core.call('replace.apply', bad) as Result<unknown>;
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.code).toBe('invalid_input');
    }
    const missing = core.call('replace.undo', { snapshotIds: [crypto.randomUUID()] }) as Result<unknown>;
    expect(!missing.ok && missing.error.code).toBe('not_found');
    expect(stored(core, a.id).plainText).toBe('snow again');
    core.close();
  });
});

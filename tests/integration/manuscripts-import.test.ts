import fs from 'node:fs';
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../../shared/api/import';
import { unwrap, type Result } from '../../shared/api/result';
import { parseLexicalState, type SerializedNode } from '../../shared/schemas/lexical';
import { createStudioCore, type StudioCore } from '../../electron/core/studio-core';
import { MAX_UNZIPPED_BYTES } from '../../electron/core/import/zip-guard';
import { tempDir } from '../helpers/temp-dir';

const call = async <T = any>(core: StudioCore, method: string, input: unknown = {}): Promise<T> => unwrap((await core.call(method, input)) as Result<T>);
const b64 = (data: string | Uint8Array) => Buffer.from(data).toString('base64');

function studio() {
  const core = createStudioCore({ dataDir: tempDir(), host: 'browser' });
  const project = unwrap(core.call('projects.create', { title: 'Imported' }) as Result<{ id: string }>);
  return { core, project };
}
const importFile = (core: StudioCore, projectId: string, fileName: string, data: string | Uint8Array) =>
  call<ImportResult>(core, 'import.run', { projectId, fileName, data: b64(data) });

/** The binder as (depth, title, plain text) rows, in order. */
async function binder(core: StudioCore, projectId: string) {
  const tree: any[] = await call(core, 'documents.tree', { projectId });
  const rows: Array<[number, string, string]> = [];
  const visit = (parentId: string | null, depth: number) => {
    for (const doc of tree.filter((d) => d.parentId === parentId).sort((a, b) => a.position - b.position)) {
      const text = (core.db.prepare('SELECT plain_text FROM document_content WHERE document_id = ?').pluck().get(doc.id) as string | undefined) ?? '';
      rows.push([depth, doc.title, text]);
      visit(doc.id, depth + 1);
    }
  };
  visit(null, 0);
  return rows;
}
const textNodes = (json: string) => {
  const out: SerializedNode[] = [];
  const walk = (node: SerializedNode) => (node.type === 'text' ? out.push(node) : node.children?.forEach(walk));
  walk(parseLexicalState(json).root);
  return out;
};
/** Everything a failed import must leave as it was. */
const dump = (core: StudioCore) =>
  JSON.stringify([
    core.db.prepare('SELECT * FROM documents ORDER BY id').all(),
    core.db.prepare('SELECT * FROM document_content ORDER BY document_id').all(),
    core.db.prepare('SELECT id, updated_at FROM projects ORDER BY id').all(),
  ]);

const MARKDOWN = `# The Salt Road

Some front matter before the first chapter.

## The Ferry

The ferry came in through the **fog**, *slowly*.

***

Morning came.

* * *

Evening came.

#

Night came.

## The Market

Fish & salt, a [link](https://example.org) and a list:

- mackerel
- herring
`;

describe('import: Markdown and DOCX into a project', () => {
  it('splits Markdown into chapters at headings and scenes at scene breaks, keeping emphasis', async () => {
    const { core, project } = studio();
    const result = await importFile(core, project.id, 'salt-road.md', MARKDOWN);
    expect(result).toMatchObject({ chapters: 3, scenes: 4 });
    expect(await binder(core, project.id)).toEqual([
      [0, 'The Salt Road', 'Some front matter before the first chapter.'],
      [0, 'The Ferry', ''],
      [1, 'Scene 1', 'The ferry came in through the fog, slowly.'],
      [1, 'Scene 2', 'Morning came.'],
      [1, 'Scene 3', 'Evening came.'],
      [1, 'Scene 4', 'Night came.'],
      [0, 'The Market', 'Fish & salt, a link and a list:\n\nmackerel\n\nherring'],
    ]);
    const scene1 = (await call(core, 'documents.open', { id: (await call(core, 'documents.tree', { projectId: project.id })).find((d: any) => d.title === 'Scene 1').id })).content;
    expect(textNodes(scene1).map((n) => [n.text, n.format])).toEqual([['The ferry came in through the ', 0], ['fog', 1], [', ', 0], ['slowly', 2], ['.', 0]]);
    // Words are counted by the core, and the search index has the new text.
    expect(result.words).toBe(30);
    expect((await call(core, 'search.query', { query: 'herring' })).hits.map((h: any) => h.documentTitle)).toEqual(['The Market']);
    core.close();
  });

  it('reads a DOCX through mammoth: headings split chapters, a centred # splits scenes, bold and italics survive', async () => {
    const { core, project } = studio();
    const docx = new Document({
      sections: [
        {
          children: [
            new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Chapter One')] }),
            new Paragraph({ children: [new TextRun('She was '), new TextRun({ text: 'very', italics: true }), new TextRun(' tired & '), new TextRun({ text: 'cold', bold: true }), new TextRun('.')] }),
            new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun('#')] }),
            new Paragraph('The second scene.'),
            new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Chapter Two')] }),
            new Paragraph('Only one scene here.'),
          ],
        },
      ],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(docx));
    await importFile(core, project.id, 'Novel.docx', bytes);
    expect(await binder(core, project.id)).toEqual([
      [0, 'Chapter One', ''],
      [1, 'Scene 1', 'She was very tired & cold.'],
      [1, 'Scene 2', 'The second scene.'],
      [0, 'Chapter Two', 'Only one scene here.'],
    ]);
    const tree = await call(core, 'documents.tree', { projectId: project.id });
    const scene = await call(core, 'documents.open', { id: tree.find((d: any) => d.title === 'Scene 1').id });
    expect(textNodes(scene.content).map((n) => [n.text, n.format])).toEqual([['She was ', 0], ['very', 2], [' tired & ', 0], ['cold', 1], ['.', 0]]);
    core.close();
  });

  it('reads back its own exports: Markdown and DOCX round trips keep chapters and scenes', { timeout: 60_000 }, async () => {
    const { core, project } = studio();
    await importFile(core, project.id, 'salt-road.md', MARKDOWN);
    const before = await binder(core, project.id);
    for (const format of ['markdown', 'docx'] as const) {
      const exported = await call(core, 'export.run', { exportId: crypto.randomUUID(), projectId: project.id, format, author: { name: 'Ada Quill' } });
      const other = await call(core, 'projects.create', { title: `Round trip ${format}` });
      await importFile(core, other.id, exported.fileName, fs.readFileSync(exported.path));
      const after = await binder(core, other.id);
      if (format === 'markdown') expect(after).toEqual(before);
      else {
        // The DOCX has a title page and "END" around the chapters: its chapters and scenes are the same.
        expect(after.filter(([depth]) => depth === 1)).toEqual(before.filter(([depth]) => depth === 1));
        expect(after.map(([, title]) => title)).toEqual(expect.arrayContaining(['The Ferry', 'The Market']));
      }
    }
    core.close();
  });

  it('refuses bad and hostile files with a typed error and changes nothing', { timeout: 60_000 }, async () => {
    const { core, project } = studio();
    await importFile(core, project.id, 'start.md', '## Kept\n\nThis stays.');
    const before = dump(core);

    const zeros = new Uint8Array(MAX_UNZIPPED_BYTES + 1024 * 1024);
    const bomb = zipSync({ 'word/document.xml': [zeros, { level: 9 }] });
    expect(bomb.length).toBeLessThan(1024 * 1024); // small on disk, huge unpacked
    // The same bomb with its headers lying: every entry claims to unpack to 1 KB.
    const liar = Buffer.from(bomb);
    for (let at = 0; at < liar.length - 4; at++) {
      const signature = liar.readUInt32LE(at);
      if (signature === 0x04034b50) liar.writeUInt32LE(1024, at + 22);
      if (signature === 0x02014b50) liar.writeUInt32LE(1024, at + 24);
    }
    const manyParts = zipSync(Object.fromEntries(Array.from({ length: 2100 }, (_, i) => [`p${i}.xml`, strToU8('x')])));
    const notWord = zipSync({ 'hello.txt': strToU8('not a word document') });

    const cases: Array<[string, string | Uint8Array, string, RegExp]> = [
      ['novel.docx', 'this is not a zip at all', 'invalid_input', /not a zip/],
      ['novel.docx', bomb, 'too_large', /more than 64 MB/],
      ['liar.docx', new Uint8Array(liar), 'too_large', /more than 64 MB/],
      ['novel.docx', manyParts, 'too_large', /parts/],
      ['novel.docx', notWord, 'invalid_input', /cannot be read/],
      ['novel.docx', bomb.subarray(0, 200), 'invalid_input', /damaged/],
      ['script.md', '# Hi\n\nHello\n\n<script>alert(1)</script>\n', 'invalid_content', /script/],
      ['inline.md', 'Hello <script src="https://evil.example/x.js"></script> there', 'invalid_content', /script/],
      ['binary.md', new Uint8Array([0xff, 0xfe, 0x00, 0x01, 0x80, 0x81]), 'invalid_input', /UTF-8/],
      ['nul.md', 'text\u0000more', 'invalid_input', /binary/],
      ['novel.pdf', '%PDF-1.7', 'invalid_input', /imports Markdown/],
      ['empty.md', '', 'invalid_input', /empty/],
      ['blank.md', '\n\n   \n', 'invalid_input', /no text/],
    ];
    for (const [fileName, data, code, message] of cases) {
      const result = (await core.call('import.run', { projectId: project.id, fileName, data: b64(data) })) as Result<unknown>;
      expect(result.ok, fileName).toBe(false);
      if (!result.ok) {
        expect(result.error.code, fileName).toBe(code);
        expect(result.error.message, fileName).toMatch(message);
      }
      expect(dump(core), fileName).toBe(before);
    }

    // Too big to send at all, and not base64: refused at the boundary.
    const huge = (await core.call('import.run', { projectId: project.id, fileName: 'huge.md', data: 'A'.repeat(12 * 1024 * 1024) })) as Result<unknown>;
    expect(!huge.ok && huge.error.code).toBe('invalid_input');
    expect(!huge.ok && huge.error.message).toMatch(/at most 8 MB/);
    const junk = (await core.call('import.run', { projectId: project.id, fileName: 'a.md', data: '<<not base64>>' })) as Result<unknown>;
    expect(!junk.ok && junk.error.code).toBe('invalid_input');
    expect(dump(core)).toBe(before);
    core.close();
  });

  it('keeps links out of imported text and never lets a javascript: link through', async () => {
    const { core, project } = studio();
    await importFile(core, project.id, 'links.md', '## Links\n\n[click](javascript:alert(1)) and <img src=x onerror=alert(1)> done');
    const [chapter] = await call(core, 'documents.tree', { projectId: project.id });
    const opened = await call(core, 'documents.open', { id: chapter.id });
    expect(opened.content).not.toMatch(/javascript|onerror|img/);
    expect((await binder(core, project.id))[0]![2]).toBe('click and  done');
    core.close();
  });
});

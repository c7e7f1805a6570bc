import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ExportProgress, ExportResult } from '../../shared/api/export';
import { unwrap, type Result } from '../../shared/api/result';
import { createStudioCore, type StudioCore } from '../../electron/core/studio-core';
import { roundedWordCount } from '../../electron/core/export/manuscript';
import { docJson, heading, manuscriptParagraphs, paragraph, textNode } from '../fixtures/lexical';
import { epubcheck, externalTool, sofficeConvert } from '../helpers/external-tools';
import { tempDir } from '../helpers/temp-dir';

const call = async <T = any>(core: StudioCore, method: string, input: unknown = {}): Promise<T> => unwrap((await core.call(method, input)) as Result<T>);
const AUTHOR = { name: 'Ada Quill', address: '12 Harbour Lane\nPortsmouth PO1 2AB', email: 'ada@example.org', phone: '+44 20 7946 0000' };
const sceneBreak = { type: 'scene-break', version: 1 };

/** Two chapters: the first with formatting, a scene break and a scene inside it; the second with a subheading, list and quote. */
async function book(core: StudioCore) {
  const project = await call(core, 'projects.create', { title: 'The Salt Road' });
  const doc = async (title: string, blocks: unknown[], parentId: string | null = null) => {
    const created = await call(core, 'documents.create', { projectId: project.id, title, parentId });
    await call(core, 'documents.save', { id: created.id, content: docJson(blocks as never) });
    return created;
  };
  const one = await doc('The Ferry', [
    'The ferry came in through the fog.',
    { ...paragraph(''), children: [textNode('She was '), textNode('very', 2), textNode(' tired, and '), textNode('cold', 1), textNode('.')] },
    sceneBreak,
    'Morning came & went <quietly>.',
  ]);
  await doc('Night', ['Lanterns swung over the steps.'], one.id);
  const two = await doc('The Market', [
    heading('Early', 'h3'),
    'Fish & salt.',
    { type: 'list', version: 1, listType: 'bullet', start: 1, tag: 'ul', direction: 'ltr', format: '', indent: 0, children: [{ ...paragraph('mackerel'), type: 'listitem', value: 1 }] },
    { ...paragraph('A quoted line.'), type: 'quote' },
  ]);
  return { project, one, two };
}

async function exportAs(core: StudioCore, projectId: string, format: string, extra: object = {}) {
  const exportId = crypto.randomUUID();
  const progress: ExportProgress[] = [];
  const off = core.on('export:progress', (p) => p && p.exportId === exportId && progress.push(p));
  const result = await call<ExportResult>(core, 'export.run', { exportId, projectId, format, author: AUTHOR, ...extra });
  off();
  return { result, progress };
}

/** The text of an OpenDocument flat XML file, one paragraph a line. */
const fodtText = (xml: string) =>
  xml
    .slice(xml.indexOf('<office:body>'))
    .replace(/<text:tab\/>/g, '\t')
    .replace(/<\/text:(p|h)>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

describe('export: manuscripts out', () => {
  const soffice = externalTool('soffice');
  const epubcheckTool = externalTool('epubcheck');

  it.skipIf(!soffice.available)('writes DOCX in standard manuscript format, as LibreOffice reads it', { timeout: 180_000 }, async () => {
    const dir = tempDir();
    const core = createStudioCore({ dataDir: dir, host: 'browser' });
    const { project } = await book(core);
    const { result, progress } = await exportAs(core, project.id, 'docx');
    expect(result.path).toBe(path.join(dir, 'Exports', 'The Salt Road.docx'));
    expect(fs.existsSync(result.path)).toBe(true);
    // Progress: every document converted, then the chapters written, then done.
    expect(progress.filter((p) => p.stage === 'converting').at(-1)).toMatchObject({ done: 3, total: 3 });
    expect(progress.at(-1)).toMatchObject({ stage: 'done', done: 2, total: 2 });

    const fodt = fs.readFileSync(sofficeConvert(result.path, 'fodt', path.join(dir, 'lo')), 'utf8');
    const lines = fodtText(fodt);
    // Title page: contact details, the rounded count, the title and byline; then the chapters in binder order.
    expect(lines.slice(0, 8)).toEqual([
      'Ada Quill\tabout 100 words',
      '12 Harbour Lane',
      'Portsmouth PO1 2AB',
      'ada@example.org',
      '+44 20 7946 0000',
      'THE SALT ROAD',
      'by Ada Quill',
      'The Ferry',
    ]);
    expect(lines.slice(8)).toEqual([
      'The ferry came in through the fog.',
      'She was very tired, and cold.',
      '#',
      'Morning came & went <quietly>.',
      '#',
      'Lanterns swung over the steps.',
      'The Market',
      'Early',
      'Fish & salt.',
      '•\tmackerel',
      'A quoted line.',
      'END',
    ]);
    // The running header: Surname / TITLE / page number (a field, so every page has its own).
    expect(fodt).toMatch(/<style:header>\s*<text:p[^>]*>Quill \/ THE SALT ROAD \/ <text:page-number/);
    // 12 pt Times New Roman, double-spaced, first lines indented half an inch, 1-inch margins.
    const standard = /<style:default-style style:family="paragraph">[\s\S]*?<\/style:default-style>|<style:style style:name="Standard"[\s\S]*?<\/style:style>/g;
    const base = (fodt.match(standard) ?? []).join('\n');
    expect(base).toMatch(/Times New Roman/);
    expect(base).toMatch(/fo:font-size="12pt"/);
    expect(fodt).toMatch(/fo:line-height="200%"/);
    expect(fodt).toMatch(/fo:text-indent="0.5in"/);
    // US Letter pages with 1-inch margins (LibreOffice counts the header's half inch into the top margin of text pages).
    const pages = fodt.match(/<style:page-layout-properties fo:page-width[^>]*>/g)!;
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) {
      expect(page).toMatch(/fo:page-width="8.5in" fo:page-height="11in"/);
      expect(page).toMatch(/fo:margin-top="(1|0.5)in" fo:margin-bottom="1in" fo:margin-left="1in" fo:margin-right="1in"/);
    }
    // Chapter two starts on a new page.
    expect(fodt).toMatch(/fo:break-before="page"/);
    // Emphasis survives: an italic and a bold span.
    expect(fodt).toMatch(/fo:font-style="italic"/);
    expect(fodt).toMatch(/fo:font-weight="bold"/);
    core.close();
  });

  it.skipIf(!soffice.available)('writes Courier when asked, and only the chosen documents', { timeout: 180_000 }, async () => {
    const dir = tempDir();
    const core = createStudioCore({ dataDir: dir, host: 'browser' });
    const { project, two } = await book(core);
    const { result } = await exportAs(core, project.id, 'docx', { font: 'courier', documentIds: [two.id] });
    expect(result.chapters).toBe(1);
    const fodt = fs.readFileSync(sofficeConvert(result.path, 'fodt', path.join(dir, 'lo')), 'utf8');
    expect(fodt).toMatch(/Courier New/);
    const lines = fodtText(fodt);
    expect(lines).toContain('The Market');
    expect(lines).not.toContain('The Ferry');
    expect(lines.join('\n')).not.toMatch(/ferry/);
    core.close();
  });

  it.skipIf(!soffice.available)('carries the critique comments on the text into the DOCX as Word comments, replies included', { timeout: 180_000 }, async () => {
    const dir = tempDir();
    const core = createStudioCore({ dataDir: dir, host: 'browser' });
    const project = await call(core, 'projects.create', { title: 'Notes' });
    const doc = await call(core, 'documents.create', { projectId: project.id, title: 'Dawn' });
    const [comment, reply] = [crypto.randomUUID(), crypto.randomUUID()];
    // The passage "the fog" carries a comment's mark, as the editor keeps one on the author's draft.
    const mark = { type: 'mark', version: 1, ids: [comment], direction: 'ltr', format: '', indent: 0, children: [textNode('the fog')] };
    await call(core, 'documents.save', { id: doc.id, content: docJson([{ ...paragraph(''), children: [textNode('The ferry came in through '), mark, textNode(' at dawn.')] }, 'Nothing else.']) });
    const row = (id: string, parentId: string | null, author: string, body: string) =>
      core.db
        .prepare(
          `INSERT INTO comments (owner, id, share_id, version_id, parent_id, author_id, author_name, body, created_at, sync_state)
           VALUES ('me', ?, ?, ?, ?, ?, ?, ?, '2026-03-01T09:30:00.000Z', 'synced')`,
        )
        .run(id, crypto.randomUUID(), crypto.randomUUID(), parentId, crypto.randomUUID(), author, body);
    row(comment, null, 'Bea Reader', 'Is it fog or mist?');
    row(reply, comment, 'Ada Quill', 'Fog: it is thick.');

    const plain = await exportAs(core, project.id, 'docx');
    expect(fs.readFileSync(sofficeConvert(plain.result.path, 'fodt', path.join(dir, 'lo1')), 'utf8')).not.toMatch(/office:annotation/);
    const { result } = await exportAs(core, project.id, 'docx', { comments: true });
    const fodt = fs.readFileSync(sofficeConvert(result.path, 'fodt', path.join(dir, 'lo2')), 'utf8');
    const annotation = /<office:annotation\b[\s\S]*?<\/office:annotation>/.exec(fodt)?.[0] ?? '';
    expect(annotation).toMatch(/<dc:creator>Bea Reader<\/dc:creator>/);
    expect(annotation).toMatch(/Is it fog or mist\?/);
    expect(annotation).toMatch(/Ada Quill replied: Fog: it is thick\./);
    // The comment covers exactly the marked words.
    expect(fodt.replace(/\s+/g, ' ')).toMatch(/through <office:annotation [^>]*>[\s\S]*?<\/office:annotation>the fog<office:annotation-end [^>]*\/> at dawn\./);
    core.close();
  });

  it('writes an EPUB 3: mimetype first and stored, a nav contents, title page and metadata', { timeout: 180_000 }, async () => {
    const dir = tempDir();
    const core = createStudioCore({ dataDir: dir, host: 'browser' });
    const { project } = await book(core);
    const { result } = await exportAs(core, project.id, 'epub');
    const bytes = fs.readFileSync(result.path);
    // The first local file header names "mimetype", stored (method 0), with the media type as its data.
    expect(bytes.readUInt32LE(0)).toBe(0x04034b50);
    expect(bytes.readUInt16LE(8)).toBe(0);
    const nameLength = bytes.readUInt16LE(26);
    expect(bytes.subarray(30, 30 + nameLength).toString()).toBe('mimetype');
    expect(bytes.subarray(30 + nameLength + bytes.readUInt16LE(28)).subarray(0, 20).toString()).toBe('application/epub+zip');

    const files = unzipSync(new Uint8Array(bytes));
    const nav = strFromU8(files['EPUB/nav.xhtml']!);
    expect(nav).toMatch(/epub:type="toc"/);
    expect([...nav.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => m[2])).toEqual(['The Ferry', 'The Market']);
    const opf = strFromU8(files['EPUB/package.opf']!);
    expect(opf).toMatch(/<dc:title>The Salt Road<\/dc:title>/);
    expect(opf).toMatch(/<dc:creator>Ada Quill<\/dc:creator>/);
    expect(opf).toMatch(new RegExp(`urn:uuid:${project.id}`));
    expect(strFromU8(files['EPUB/title.xhtml']!)).toMatch(/by Ada Quill/);
    const first = strFromU8(files['EPUB/chapter-001.xhtml']!);
    expect(first).toMatch(/<em>very<\/em>/);
    expect(first).toMatch(/Morning came &amp; went &lt;quietly&gt;\./);
    expect(first.match(/class="scene-break"/g)).toHaveLength(2);
    core.close();
  });

  it.skipIf(!epubcheckTool.available)('writes an EPUB 3 that epubcheck passes', { timeout: 180_000 }, async () => {
    const core = createStudioCore({ dataDir: tempDir(), host: 'browser' });
    const { project } = await book(core);
    const { result } = await exportAs(core, project.id, 'epub');
    const verdict = epubcheck(result.path);
    expect(verdict.output).toMatch(/No errors or warnings detected/);
    expect(verdict.ok).toBe(true);
    core.close();
  });

  it('writes Markdown and plain text that read back as the book', async () => {
    const dir = tempDir();
    const core = createStudioCore({ dataDir: dir, host: 'browser' });
    const { project } = await book(core);
    const md = fs.readFileSync((await exportAs(core, project.id, 'markdown')).result.path, 'utf8');
    expect(md).toBe(
      [
        '# The Salt Road',
        '*by Ada Quill*',
        '## The Ferry',
        'The ferry came in through the fog.',
        'She was *very* tired, and **cold**.',
        '* * *',
        'Morning came & went \\<quietly\\>.',
        '* * *',
        'Lanterns swung over the steps.',
        '## The Market',
        '#### Early',
        'Fish & salt.',
        '- mackerel',
        '> A quoted line.',
      ].join('\n\n') + '\n',
    );
    const txt = fs.readFileSync((await exportAs(core, project.id, 'text')).result.path, 'utf8');
    expect(txt.split(/\n+/)).toEqual(['THE SALT ROAD', 'by Ada Quill', 'The Ferry', 'The ferry came in through the fog.', 'She was very tired, and cold.', '#', 'Morning came & went <quietly>.', '#', 'Lanterns swung over the steps.', 'The Market', 'Early', 'Fish & salt.', '• mackerel', 'A quoted line.', '']);
    // A second export of the same format does not overwrite the first.
    expect((await exportAs(core, project.id, 'text')).result.fileName).toBe('The Salt Road (2).txt');
    core.close();
  });

  it('reports progress through a long book and refuses what is not there', async () => {
    const core = createStudioCore({ dataDir: tempDir(), host: 'browser' });
    const project = await call(core, 'projects.create', { title: 'Long' });
    for (let i = 0; i < 45; i++) {
      const d = await call(core, 'documents.create', { projectId: project.id, title: `Chapter ${i + 1}` });
      await call(core, 'documents.save', { id: d.id, content: docJson(manuscriptParagraphs(300)) });
    }
    const { result, progress } = await exportAs(core, project.id, 'epub');
    expect(result.words).toBe(45 * 300);
    const converting = progress.filter((p) => p.stage === 'converting').map((p) => p.done);
    expect(converting).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    expect(progress.at(-1)!.stage).toBe('done');

    const missing = (await core.call('export.run', { exportId: crypto.randomUUID(), projectId: project.id, format: 'docx', documentIds: [crypto.randomUUID()] })) as Result<unknown>;
    expect(!missing.ok && missing.error.code).toBe('not_found');
    const empty = await call(core, 'projects.create', { title: 'Empty' });
    const nothing = (await core.call('export.run', { exportId: crypto.randomUUID(), projectId: empty.id, format: 'epub' })) as Result<unknown>;
    expect(!nothing.ok && nothing.error).toEqual({ code: 'invalid_input', message: 'This project has no documents to export yet.' });
    const badFormat = (await core.call('export.run', { exportId: crypto.randomUUID(), projectId: project.id, format: 'pdf' })) as Result<unknown>;
    expect(!badFormat.ok && badFormat.error.code).toBe('invalid_input');
    core.close();
  });

  it('rounds the title page count as manuscripts do', () => {
    expect(roundedWordCount(12)).toBe('about 100 words');
    expect(roundedWordCount(2_349)).toBe('about 2,300 words');
    expect(roundedWordCount(87_612)).toBe('about 88,000 words');
  });
});

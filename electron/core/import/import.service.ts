import path from 'node:path';
import type { Database } from 'better-sqlite3';
import mammoth from 'mammoth';
import type { ImportOutputs, ImportResult } from '../../../shared/api/import';
import { StudioError } from '../../../shared/api/result';
import { MAX_IMPORT_BYTES } from '../../../shared/schemas/import';
import type { StudioParsedInput } from '../../../shared/schemas/studio';
import { parseContent, type ContentRepo, type ParsedContent } from '../documents/content.repo';
import type { DocumentsRepo } from '../documents/documents.repo';
import type { ProjectsRepo } from '../projects/projects.repo';
import type { Block } from '../export/blocks';
import { splitChapters, toLexicalJson } from './chapters';
import { htmlBlocks } from './html-blocks';
import { markdownBlocks } from './markdown-blocks';
import { checkZip } from './zip-guard';

interface Deps {
  db: Database;
  projects: ProjectsRepo;
  documents: DocumentsRepo;
  content: ContentRepo;
}

/** More documents than this from one file is not a manuscript. */
export const MAX_IMPORTED_DOCUMENTS = 2000;
const TEXT_EXTENSIONS = new Set(['.md', '.markdown', '.txt']);

async function readBlocks(fileName: string, bytes: Buffer): Promise<Block[]> {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.docx') {
    checkZip(bytes);
    let html: string;
    try {
      // External files (linked images, say) are never fetched; images are left out altogether.
      const result = await mammoth.convertToHtml(
        { buffer: bytes },
        { externalFileAccess: false, convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
      );
      html = result.value;
    } catch {
      throw new StudioError('invalid_input', 'This Word document cannot be read (it may be damaged, or not a .docx).');
    }
    return htmlBlocks(html);
  }
  if (TEXT_EXTENSIONS.has(ext)) {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new StudioError('invalid_input', 'This file is not UTF-8 text, so it is not Markdown Margin can read.');
    }
    if (text.includes('\u0000')) throw new StudioError('invalid_input', 'This file holds binary data, not Markdown text.');
    return markdownBlocks(text.replace(/^\uFEFF/, ''));
  }
  throw new StudioError('invalid_input', 'Margin imports Markdown (.md, .markdown, .txt) and Word (.docx) files.');
}

/**
 * Imports a Markdown or DOCX file into a project. Everything is read, split and validated
 * (by the same content validator as every save) before the first row is written, and all
 * rows are written in one transaction: a bad file changes nothing.
 */
export function createImport({ db, projects, documents, content }: Deps) {
  const run = async (input: StudioParsedInput<'import.run'>): Promise<ImportResult> => {
    const project = projects.get(input.projectId);
    const bytes = Buffer.from(input.data, 'base64');
    if (bytes.length > MAX_IMPORT_BYTES) throw new StudioError('too_large', `A file to import may be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
    if (bytes.length === 0) throw new StudioError('invalid_input', 'This file is empty.');
    const blocks = await readBlocks(input.fileName, bytes);
    if (blocks.length === 0) throw new StudioError('invalid_input', 'This file has no text to import.');
    const fileTitle = path.basename(input.fileName, path.extname(input.fileName)).trim().slice(0, 200) || 'Imported';
    const chapters = splitChapters(blocks, fileTitle).map((chapter) => ({
      title: chapter.title,
      content: parseContent(toLexicalJson(chapter.blocks)),
      scenes: chapter.scenes.map((scene, i) => ({ title: `Scene ${i + 1}`, content: parseContent(toLexicalJson(scene)) })),
    }));
    const count = chapters.reduce((n, c) => n + 1 + c.scenes.length, 0);
    if (count > MAX_IMPORTED_DOCUMENTS) throw new StudioError('too_large', `This file would make more than ${MAX_IMPORTED_DOCUMENTS} documents.`);

    const write = (parentId: string | null, title: string, parsed: ParsedContent) => {
      const doc = documents.create(project.id, parentId, title);
      content.write(doc.id, parsed);
      return doc.id;
    };
    const documentIds = db.transaction(() => {
      const ids = chapters.map((chapter) => {
        const id = write(null, chapter.title, chapter.content);
        for (const scene of chapter.scenes) write(id, scene.title, scene.content);
        return id;
      });
      projects.touch(project.id);
      return ids;
    })();
    const words = chapters.reduce((n, c) => n + c.content.wordCount + c.scenes.reduce((m, s) => m + s.content.wordCount, 0), 0);
    return { documentIds, chapters: chapters.length, scenes: chapters.reduce((n, c) => n + c.scenes.length, 0), words };
  };
  const handlers: { [M in keyof ImportOutputs]: (input: StudioParsedInput<M>) => Promise<ImportOutputs[M]> } = { 'import.run': run };
  return { handlers, run };
}

import fs from 'node:fs';
import path from 'node:path';
import type { ExportOutputs, ExportProgress, ExportResult } from '../../../shared/api/export';
import type { StudioParsedInput } from '../../../shared/schemas/studio';
import type { Clock } from '../clock';
import type { Database } from 'better-sqlite3';
import type { ContentRepo } from '../documents/content.repo';
import { commentNotes } from './comment-notes';
import type { DocumentsRepo } from '../documents/documents.repo';
import type { ProjectsRepo } from '../projects/projects.repo';
import { collectManuscript } from './manuscript';
import { toDocx } from './to-docx';
import { toEpub } from './to-epub';
import { toMarkdown, toPlainText } from './to-markdown';

interface Deps {
  db: Database;
  dataDir: string;
  clock: Clock;
  projects: ProjectsRepo;
  documents: DocumentsRepo;
  content: ContentRepo;
  onProgress: (progress: ExportProgress) => void;
}

export const EXPORTS_FOLDER = 'Exports';
const EXTENSIONS = { docx: 'docx', epub: 'epub', markdown: 'md', text: 'txt' } as const;

/** A file name from a title: no path separators or characters Windows refuses, never empty. */
export function safeFileName(title: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is being removed
  const cleaned = title.replace(/[\\/:*?"<>|\u0000-\u001f]/g, ' ').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  return cleaned.slice(0, 80) || 'Manuscript';
}

/** A name not yet taken in `dir`: "Title.docx", then "Title (2).docx", … */
function freePath(dir: string, base: string, ext: string): string {
  for (let n = 1; ; n++) {
    const candidate = path.join(dir, `${base}${n > 1 ? ` (${n})` : ''}.${ext}`);
    if (!fs.existsSync(candidate)) return candidate;
  }
}

/** Export a project (or chosen documents) as DOCX, EPUB, Markdown or plain text into the data folder's Exports folder. */
export function createExport({ db, dataDir, clock, projects, documents, content, onProgress }: Deps) {
  const run = async (input: StudioParsedInput<'export.run'>): Promise<ExportResult> => {
    const { exportId, format } = input;
    try {
      const book = await collectManuscript({ projects, documents, content }, input, (done, total) =>
        onProgress({ exportId, stage: 'converting', done, total }),
      );
      const total = book.chapters.length;
      onProgress({ exportId, stage: 'writing', done: 0, total });
      const chapterDone = (done: number) => onProgress({ exportId, stage: 'writing', done, total });
      const bytes =
        format === 'docx'
          ? await toDocx(book, input.font, chapterDone, input.comments ? commentNotes(db, book) : new Map())
          : format === 'epub'
            ? toEpub(book, clock(), chapterDone)
            : new TextEncoder().encode(format === 'markdown' ? toMarkdown(book) : toPlainText(book));
      const dir = path.join(dataDir, EXPORTS_FOLDER);
      fs.mkdirSync(dir, { recursive: true });
      const file = freePath(dir, safeFileName(book.title), EXTENSIONS[format]);
      // Written whole then renamed: a half-written file never carries the book's name.
      fs.writeFileSync(`${file}.partial`, bytes);
      fs.renameSync(`${file}.partial`, file);
      onProgress({ exportId, stage: 'done', done: total, total });
      return { exportId, path: file, fileName: path.basename(file), bytes: bytes.byteLength, words: book.words, chapters: total };
    } catch (error) {
      onProgress({ exportId, stage: 'failed', done: 0, total: 0 });
      throw error;
    }
  };
  const handlers: { [M in keyof ExportOutputs]: (input: StudioParsedInput<M>) => Promise<ExportOutputs[M]> } = { 'export.run': run };
  return { handlers, run };
}

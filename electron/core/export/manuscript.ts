import type { DocumentNode } from '../../../shared/api/studio-api';
import { StudioError } from '../../../shared/api/result';
import { parseLexicalState } from '../../../shared/schemas/lexical';
import type { ManuscriptAuthor } from '../../../shared/schemas/export';
import type { ContentRepo } from '../documents/content.repo';
import type { DocumentsRepo } from '../documents/documents.repo';
import type { ProjectsRepo } from '../projects/projects.repo';
import { blocksOf, type Block } from './blocks';

export interface Chapter {
  title: string;
  blocks: Block[];
}

/** A book as the exporters see it: each top-level document a chapter, the documents inside it its scenes. */
export interface Manuscript {
  id: string;
  title: string;
  author: ManuscriptAuthor;
  words: number;
  chapters: Chapter[];
}

/** The binder's documents depth first, each after its parent, siblings in order. */
export function binderOrder(tree: DocumentNode[]): DocumentNode[] {
  const children = new Map<string | null, DocumentNode[]>();
  for (const doc of tree) children.set(doc.parentId, [...(children.get(doc.parentId) ?? []), doc]);
  const ordered: DocumentNode[] = [];
  const visit = (parentId: string | null) => {
    for (const doc of (children.get(parentId) ?? []).sort((a, b) => a.position - b.position)) {
      ordered.push(doc);
      visit(doc.id);
    }
  };
  visit(null);
  return ordered;
}

interface Deps {
  projects: ProjectsRepo;
  documents: DocumentsRepo;
  content: ContentRepo;
}

/**
 * Reads a project (or the chosen documents and everything inside them) into chapters.
 * A chapter's scenes are joined by scene breaks. `onDocument` is told after each document read.
 */
export async function collectManuscript(
  { projects, documents, content }: Deps,
  request: { projectId: string; documentIds?: string[]; author: ManuscriptAuthor },
  onDocument: (done: number, total: number) => void = () => {},
): Promise<Manuscript> {
  const project = projects.get(request.projectId);
  const ordered = binderOrder(documents.tree(project.id));
  const chosen = request.documentIds ? new Set(request.documentIds) : null;
  if (chosen) {
    const known = new Set(ordered.map((d) => d.id));
    const missing = [...chosen].filter((id) => !known.has(id));
    if (missing.length > 0) throw new StudioError('not_found', 'Some chosen documents are not in this project (or are in the trash).');
  }
  const included = new Set<string>();
  for (const doc of ordered) if (!chosen || chosen.has(doc.id) || (doc.parentId && included.has(doc.parentId))) included.add(doc.id);
  const docs = ordered.filter((d) => included.has(d.id));
  if (docs.length === 0) throw new StudioError('invalid_input', 'This project has no documents to export yet.');

  const chapters: Chapter[] = [];
  let words = 0;
  for (const [i, doc] of docs.entries()) {
    const stored = content.current(doc.id);
    const blocks = stored ? blocksOf(parseLexicalState(stored.content)) : [];
    words += stored?.wordCount ?? 0;
    const opensChapter = doc.parentId === null || !included.has(doc.parentId);
    const chapter = opensChapter ? undefined : chapters.at(-1);
    if (!chapter) chapters.push({ title: doc.title, blocks });
    else if (blocks.length > 0) {
      const last = chapter.blocks.at(-1);
      if (last && last.kind !== 'scene-break' && blocks[0]!.kind !== 'scene-break') chapter.blocks.push({ kind: 'scene-break' });
      chapter.blocks.push(...blocks);
    }
    onDocument(i + 1, docs.length);
    // A long book: let the progress just reported (and other calls) through now and then.
    if (i % 20 === 19) await new Promise((resolve) => setImmediate(resolve));
  }
  return { id: project.id, title: project.title, author: request.author, words, chapters };
}

/** The title page's count: nearest hundred under 10,000 words, nearest thousand above (manuscript convention). */
export function roundedWordCount(words: number): string {
  const step = words < 10_000 ? 100 : 1000;
  const rounded = Math.max(step, Math.round(words / step) * step);
  return `about ${rounded.toLocaleString('en-US')} words`;
}

/** The running header's surname: given, or the last word of the name, or the title alone. */
export const surnameOf = (author: ManuscriptAuthor) => author.surname || author.name.trim().split(/\s+/).at(-1) || '';

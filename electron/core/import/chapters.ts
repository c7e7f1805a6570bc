import { FORMAT, textOfRuns, type Block, type Run } from '../export/blocks';

/** What an import makes: one top-level document per chapter, its scenes as documents inside it. */
export interface ImportedChapter {
  title: string;
  /** Without scene breaks: the chapter's text. With them: empty, and `scenes` holds its text. */
  blocks: Block[];
  scenes: Block[][];
}

const TITLE_MAX = 200;
const titleOf = (runs: Run[]) => textOfRuns(runs).replace(/\s+/g, ' ').trim().slice(0, TITLE_MAX) || 'Untitled';

/**
 * Splits blocks into chapters at the top level of heading used (a lone first heading above
 * deeper ones is the book's title, not a chapter), and each chapter into scenes at scene
 * breaks. Text before the first chapter heading becomes a chapter named `openingTitle`.
 */
export function splitChapters(blocks: Block[], openingTitle: string): ImportedChapter[] {
  const levels = blocks.flatMap((b) => (b.kind === 'heading' ? [b.level] : []));
  let top = Math.min(...levels);
  let start = 0;
  if (levels.filter((l) => l === top).length === 1 && levels.some((l) => l > top)) {
    const titleAt = blocks.findIndex((b) => b.kind === 'heading' && b.level === top);
    if (titleAt === blocks.findIndex((b) => b.kind === 'heading')) {
      openingTitle = titleOf((blocks[titleAt] as { runs: Run[] }).runs);
      start = titleAt + 1;
      // "by Ada Quill" under the title is the byline (as the exports write it), not text.
      const next = blocks[start];
      if (next?.kind === 'paragraph' && /^by\s+\S+(\s+\S+){0,5}$/i.test(textOfRuns(next.runs).trim())) start++;
      top = Math.min(...levels.filter((l) => l > top));
    }
  }
  const chapters: Array<{ title: string; blocks: Block[] }> = [];
  let current: { title: string; blocks: Block[] } | null = null;
  for (const block of blocks.slice(start)) {
    if (block.kind === 'heading' && block.level === top) {
      current = { title: titleOf(block.runs), blocks: [] };
      chapters.push(current);
    } else {
      if (!current) {
        current = { title: openingTitle, blocks: [] };
        chapters.push(current);
      }
      current.blocks.push(block);
    }
  }
  return chapters.map(({ title, blocks: body }) => {
    const scenes: Block[][] = [[]];
    for (const block of body) {
      if (block.kind === 'scene-break') scenes.push([]);
      else scenes.at(-1)!.push(block);
    }
    const written = scenes.filter((s) => s.length > 0);
    return written.length > 1 ? { title, blocks: [], scenes: written } : { title, blocks: written[0] ?? [], scenes: [] };
  });
}

const textNode = (run: Run) => ({
  type: 'text',
  version: 1,
  text: run.text,
  format: (run.bold ? FORMAT.bold : 0) | (run.italic ? FORMAT.italic : 0) | (run.strike ? FORMAT.strike : 0) | (run.underline ? FORMAT.underline : 0),
  detail: 0,
  mode: 'normal',
  style: '',
});

function inlineNodes(runs: Run[]) {
  const nodes: object[] = [];
  for (const run of runs) {
    run.text.split('\n').forEach((text, i) => {
      if (i > 0) nodes.push({ type: 'linebreak', version: 1 });
      if (text) nodes.push(textNode({ ...run, text }));
    });
  }
  return nodes;
}

const element = (type: string, children: object[], extra: object = {}) => ({
  type,
  version: 1,
  direction: 'ltr',
  format: '',
  indent: 0,
  ...extra,
  children,
});

/** Blocks as the serialized Lexical state the editor writes (the core validates it like any save). */
export function toLexicalJson(blocks: Block[]): string {
  const children: object[] = [];
  // Consecutive list items become one list, nested by depth.
  let lists: Array<{ node: { children: object[] }; ordered: boolean }> = [];
  for (const block of blocks) {
    if (block.kind !== 'item') {
      lists = [];
      if (block.kind === 'scene-break') children.push({ type: 'scene-break', version: 1 });
      else if (block.kind === 'heading') children.push(element('heading', inlineNodes(block.runs), { tag: `h${Math.min(6, Math.max(1, block.level))}` }));
      else if (block.kind === 'quote') children.push(element('quote', inlineNodes(block.runs)));
      else children.push(element('paragraph', inlineNodes(block.runs), { textFormat: 0, textStyle: '' }));
      continue;
    }
    const depth = Math.min(block.depth, lists.length);
    lists = lists.slice(0, depth + 1);
    if (!lists[depth] || lists[depth].ordered !== block.ordered) {
      const list = element('list', [], { listType: block.ordered ? 'number' : 'bullet', start: 1, tag: block.ordered ? 'ol' : 'ul' });
      if (depth === 0) children.push(list);
      else {
        // A nested list lives in a list item of its own, as Lexical keeps it.
        const parent = lists[depth - 1]!.node;
        parent.children.push(element('listitem', [list], { value: parent.children.length + 1 }));
      }
      lists[depth] = { node: list, ordered: block.ordered };
      lists = lists.slice(0, depth + 1);
    }
    const list = lists[depth]!.node;
    list.children.push(element('listitem', inlineNodes(block.runs), { value: list.children.length + 1 }));
  }
  if (children.length === 0) children.push(element('paragraph', [], { textFormat: 0, textStyle: '' }));
  return JSON.stringify({ root: element('root', children) });
}

import type { SerializedNode, SerializedState } from '../../../shared/schemas/lexical';

/** A stretch of text with one formatting, as every manuscript format needs it. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  /** The comments whose marked passage this text is in (critique comment ids). */
  comments?: string[];
}

/** A document as blocks: what DOCX, EPUB, Markdown and plain text are written from (and imports are read into). */
export type Block =
  | { kind: 'paragraph' | 'quote'; runs: Run[] }
  | { kind: 'heading'; level: number; runs: Run[] }
  | { kind: 'item'; ordered: boolean; depth: number; runs: Run[] }
  | { kind: 'scene-break' };

// Lexical's text format bits (lexical/LexicalConstants: IS_BOLD, IS_ITALIC, IS_STRIKETHROUGH, IS_UNDERLINE).
export const FORMAT = { bold: 1, italic: 2, strike: 4, underline: 8 } as const;

function runOf(node: SerializedNode, text: string): Run {
  const format = typeof node.format === 'number' ? node.format : 0;
  const run: Run = { text };
  if (format & FORMAT.bold) run.bold = true;
  if (format & FORMAT.italic) run.italic = true;
  if (format & FORMAT.strike) run.strike = true;
  if (format & FORMAT.underline) run.underline = true;
  return run;
}

/** The text of a block's inline children (comment marks and links keep their text; line breaks become "\n"). */
function runsOf(node: SerializedNode): Run[] {
  const runs: Run[] = [];
  const walk = (parent: SerializedNode, comments: string[]) => {
    const put = (run: Run) => runs.push(comments.length > 0 ? { ...run, comments } : run);
    for (const child of parent.children ?? []) {
      if (child.type === 'text') put(runOf(child, child.text ?? ''));
      else if (child.type === 'linebreak') put({ text: '\n' });
      else if (child.type === 'tab') put({ text: '\t' });
      else if (child.type === 'mark') walk(child, [...comments, ...((child.ids as string[] | undefined) ?? [])]);
      else if (child.type !== 'list') walk(child, comments);
    }
  };
  walk(node, []);
  return runs.filter((r) => r.text !== '');
}

/** A stored document's Lexical state as blocks. Empty paragraphs are dropped: spacing is each format's business. */
export function blocksOf(state: SerializedState): Block[] {
  const blocks: Block[] = [];
  const list = (node: SerializedNode, depth: number) => {
    const ordered = node.listType === 'number' || node.tag === 'ol';
    for (const item of node.children ?? []) {
      const runs = runsOf(item);
      if (runs.length > 0) blocks.push({ kind: 'item', ordered, depth, runs });
      for (const nested of item.children ?? []) if (nested.type === 'list') list(nested, depth + 1);
    }
  };
  for (const node of state.root.children ?? []) {
    if (node.type === 'scene-break') blocks.push({ kind: 'scene-break' });
    else if (node.type === 'list') list(node, 0);
    else {
      const runs = runsOf(node);
      if (runs.length === 0) continue;
      if (node.type === 'heading') blocks.push({ kind: 'heading', level: Number(String(node.tag).slice(1)) || 2, runs });
      else blocks.push({ kind: node.type === 'quote' ? 'quote' : 'paragraph', runs });
    }
  }
  return blocks;
}

export const textOfRuns = (runs: Run[]) => runs.map((r) => r.text).join('');

import type { Block, Run } from './blocks';
import { textOfRuns } from './blocks';
import type { Manuscript } from './manuscript';

// Characters Markdown would read as syntax, escaped so the text comes back as written.
const escapeInline = (text: string) => text.replace(/([\\`*_[\]<>])/g, '\\$1');
const escapeLineStart = (line: string) => line.replace(/^(\s*)([#>+-]|\d+[.)])(?=\s|$)/, '$1\\$2');

function inline(runs: Run[]): string {
  return runs
    .map((run) => {
      const text = escapeInline(run.text);
      // Emphasis markers must hug the text: spaces stay outside them.
      const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
      if (!core) return text;
      let marked = core;
      if (run.strike) marked = `~~${marked}~~`;
      if (run.italic) marked = `*${marked}*`;
      if (run.bold) marked = `**${marked}**`;
      return `${lead}${marked}${trail}`;
    })
    .join('')
    .split('\n')
    .map(escapeLineStart)
    .join('  \n');
}

function blockMarkdown(block: Block): string {
  switch (block.kind) {
    case 'scene-break':
      return '* * *';
    case 'heading':
      return `${'#'.repeat(Math.min(6, Math.max(3, block.level + 1)))} ${inline(block.runs)}`;
    case 'quote':
      return `> ${inline(block.runs)}`;
    case 'item':
      return `${'  '.repeat(block.depth)}${block.ordered ? '1.' : '-'} ${inline(block.runs)}`;
    default:
      return inline(block.runs);
  }
}

/** Markdown: the title as "#", each chapter as "##", scene breaks as "* * *". Import reads it back the same way. */
export function toMarkdown(book: Manuscript): string {
  const parts = [`# ${escapeInline(book.title)}`];
  if (book.author.name) parts.push(`*by ${escapeInline(book.author.name)}*`);
  for (const chapter of book.chapters) {
    parts.push(`## ${escapeInline(chapter.title)}`);
    parts.push(...chapter.blocks.map(blockMarkdown));
  }
  return `${parts.join('\n\n')}\n`;
}

/** Plain text: title, chapters under their titles, blank lines between paragraphs, "#" for a scene break. */
export function toPlainText(book: Manuscript): string {
  const parts = [book.title.toUpperCase()];
  if (book.author.name) parts.push(`by ${book.author.name}`);
  for (const chapter of book.chapters) {
    parts.push('', chapter.title);
    for (const block of chapter.blocks) {
      if (block.kind === 'scene-break') parts.push('#');
      else if (block.kind === 'item') parts.push(`${'  '.repeat(block.depth)}${block.ordered ? '-' : '•'} ${textOfRuns(block.runs)}`);
      else parts.push(textOfRuns(block.runs));
    }
  }
  return `${parts.join('\n\n')}\n`;
}

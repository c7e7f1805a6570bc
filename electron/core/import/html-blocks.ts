import type { ChildNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import type { Block, Run } from '../export/blocks';
import { refuseScript } from './markdown-blocks';

type Style = Omit<Run, 'text'>;
const SCENE_BREAK_TEXT = /^\s*(#|\*\s*\*\s*\*|\*\*\*)\s*$/;
const INLINE_STYLE: Record<string, Style> = {
  strong: { bold: true },
  b: { bold: true },
  em: { italic: true },
  i: { italic: true },
  u: { underline: true },
  s: { strike: true },
  del: { strike: true },
  strike: { strike: true },
};
const SKIPPED = new Set(['style', 'img', 'head', 'title', 'sup']);

const isElement = (node: ChildNode): node is Element => node.type === 'tag' || node.type === 'script' || node.type === 'style';

function inlineRuns(nodes: ChildNode[], style: Style, runs: Run[] = []): Run[] {
  for (const node of nodes) {
    if (node.type === 'text') runs.push({ ...style, text: node.data.replace(/\s+/g, ' ') });
    else if (isElement(node)) {
      if (node.name === 'script') throw refuseScript();
      if (SKIPPED.has(node.name)) continue;
      if (node.name === 'br') runs.push({ ...style, text: '\n' });
      else inlineRuns(node.children, { ...style, ...INLINE_STYLE[node.name] }, runs);
    }
  }
  return runs;
}

/**
 * HTML (as mammoth makes it from a DOCX) as blocks. Only structure and emphasis are read:
 * links keep their words, images and anything else are left out, a script refuses the file.
 */
export function htmlBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  const paragraph = (node: Element, kind: 'paragraph' | 'quote') => {
    const runs = inlineRuns(node.children, {});
    const text = runs.map((r) => r.text).join('');
    if (SCENE_BREAK_TEXT.test(text)) blocks.push({ kind: 'scene-break' });
    else if (text.trim()) blocks.push({ kind, runs });
  };
  const walk = (nodes: ChildNode[], quote: boolean, depth: number) => {
    for (const node of nodes) {
      if (node.type === 'text') {
        if (node.data.trim()) blocks.push({ kind: quote ? 'quote' : 'paragraph', runs: [{ text: node.data.trim() }] });
        continue;
      }
      if (!isElement(node)) continue;
      const name = node.name;
      if (name === 'script') throw refuseScript();
      if (SKIPPED.has(name)) continue;
      if (/^h[1-6]$/.test(name)) {
        const runs = inlineRuns(node.children, {});
        if (runs.map((r) => r.text).join('').trim()) blocks.push({ kind: 'heading', level: Number(name[1]), runs });
        else blocks.push({ kind: 'scene-break' });
      } else if (name === 'p') paragraph(node, quote ? 'quote' : 'paragraph');
      else if (name === 'hr') blocks.push({ kind: 'scene-break' });
      else if (name === 'blockquote') walk(node.children, true, depth);
      else if (name === 'ul' || name === 'ol') {
        for (const item of node.children) {
          if (!isElement(item) || item.name !== 'li') continue;
          const own = item.children.filter((c) => !(isElement(c) && (c.name === 'ul' || c.name === 'ol')));
          const runs = inlineRuns(own.flatMap((c) => (isElement(c) && c.name === 'p' ? c.children : [c])), {});
          if (runs.some((r) => r.text.trim())) blocks.push({ kind: 'item', ordered: name === 'ol', depth, runs });
          walk(item.children.filter((c) => isElement(c) && (c.name === 'ul' || c.name === 'ol')), quote, depth + 1);
        }
      } else if (name === 'tr') {
        const runs = node.children.filter(isElement).flatMap((cell, i) => [...(i > 0 ? [{ text: ' | ' }] : []), ...inlineRuns(cell.children, {})]);
        if (runs.some((r) => r.text.trim())) blocks.push({ kind: 'paragraph', runs });
      } else if (INLINE_STYLE[name] || name === 'a' || name === 'span') {
        const runs = inlineRuns([node], {});
        if (runs.some((r) => r.text.trim())) blocks.push({ kind: 'paragraph', runs });
      } else walk(node.children, quote, depth); // div, table, tbody, section, body…
    }
  };
  walk(parseDocument(html, { decodeEntities: true }).children, false, 0);
  return blocks;
}

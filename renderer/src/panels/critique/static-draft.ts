import { parseSafeStyle } from '../../../../shared/schemas/css-style';
import { mapPlainText, type SerializedNode, type SerializedState, type TextSegment } from '../../../../shared/schemas/lexical';
import { editorTheme } from '../../editor/theme';

/**
 * A shared draft drawn as read-only HTML straight from its validated JSON, instead of in a
 * full Lexical editor: a reader only reads and selects. Lexical laid out a 1.2 MB draft in
 * one go (56,659 line breaks: 35 s with the window frozen); here the blocks go onto the page
 * in slices of a few milliseconds, so the studio answers while a long draft arrives.
 *
 * Every text node becomes one element that knows where its text lies in the draft's plain
 * text (the same `mapPlainText` the core anchors comments on), so a selection turns into
 * offsets and a comment's offsets into a highlighted passage. Text goes in as text nodes,
 * never as markup; a link opens in a new browsing context without its opener.
 */

export interface MarkRange {
  id: string;
  start: number;
  end: number;
}

export interface DraftView {
  /** The draft's plain text, as the core sees it. */
  text: string;
  /** Settles when every block is on the page. */
  done: Promise<void>;
  /** Stops drawing (the reader closed or moved to another version). */
  cancel(): void;
  /** The plain-text offset of a DOM point inside the draft, or null if it is not in its text. */
  offsetOf(node: Node, offset: number): number | null;
  /** Highlights these passages as comment marks, replacing the ones shown before. */
  mark(ranges: MarkRange[]): void;
  /** The first highlighted element of a comment's passage. */
  markElement(id: string): HTMLElement | null;
}

/**
 * One slice of drawing: at most this long, and at most this much work (a node is 1, and 64
 * characters of text 1 more). Building the elements is the cheap half; the browser lays out
 * what a slice added before the next one, and that grows with nodes and text, so a slice of
 * 1,500 short paragraphs (8 ms to build) still cost an 80 ms block. Measured by bench:reader.
 */
const SLICE_MS = 8;
const SLICE_WORK = 600;
/**
 * Top-level blocks go into runs of this many, each a block the page may skip while it is off
 * screen (content-visibility): laying out the page after a slice then costs what is near the
 * view, not everything drawn so far (a flat page of 17,000 paragraphs made each slice's layout
 * longer than the last).
 */
const BLOCKS_PER_RUN = 100;
const THEME = editorTheme;
const ALIGNMENTS = new Set(['left', 'start', 'center', 'right', 'end', 'justify']);

/** Lexical's text format bits, and the classes the editor's theme gives them. */
const FORMATS: Array<[bit: number, className: string | undefined]> = [
  [1, THEME.text?.bold],
  [2, THEME.text?.italic],
  [4, THEME.text?.strikethrough],
  [8, THEME.text?.underline],
];


/** Yields to the page (input, paint) without setTimeout's 4 ms clamp on chained timers. */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/** One element being filled: the node, its DOM element, and the next child to draw. */
interface Frame {
  node: SerializedNode;
  el: HTMLElement;
  next: number;
  /** Is it a block (paragraph, heading, quote, list item) whose inline content is drawn into it? */
  inline: boolean;
  /** Where its children go now: the element itself, or its latest run of lines (see LINES_PER_RUN). */
  into: HTMLElement;
  lines: number;
}

/**
 * A browser lays out a paragraph's lines as one piece, again each time it grows: a paragraph
 * of 24,000 line breaks drawn in slices cost a longer block each slice. After this many line
 * breaks the rest goes into a new block-level run, which looks the same (a line break already
 * ended the line) and is laid out on its own.
 */
const LINES_PER_RUN = 200;

export function renderDraft(container: HTMLElement, state: SerializedState, onError: (error: unknown) => void): DraftView {
  // Where each text node's text lies in the plain text. Worked out a top-level block at a time, as
  // it is drawn, with the core's own mapPlainText (on a root holding that block alone), so the
  // offsets are the core's to the character and no long task is spent on them up front.
  const parts: string[] = [];
  let length = 0;
  let mappedBlocks = 0;
  let joined: string | null = null;
  const segments: TextSegment[] = [];
  const spans: HTMLElement[] = [];
  const indexOf = new WeakMap<Node, number>();
  let blockSpans = new Map<string, HTMLElement>();
  let cancelled = false;

  const mapBlock = (block: SerializedNode) => {
    // An empty list is no block at all in the plain text: no separator for it.
    if (block.type === 'list' && (block.children ?? []).length === 0) return;
    const mapped = mapPlainText({ root: { type: 'root', children: [block] } });
    if (mappedBlocks++ > 0) {
      parts.push('\n\n');
      length += 2;
    }
    for (const segment of mapped.segments) {
      const el = blockSpans.get(segment.path.slice(1).join('.'));
      const index = segments.push({ path: segment.path, start: segment.start + length, end: segment.end + length }) - 1;
      spans.push(el!);
      if (el) indexOf.set(el, index);
    }
    parts.push(mapped.text);
    length += mapped.text.length;
    joined = null;
    blockSpans = new Map();
  };
  const fullText = () => (joined ??= parts.join(''));

  const applyBlockFormat = (el: HTMLElement, node: SerializedNode) => {
    if (typeof node.format === 'string' && ALIGNMENTS.has(node.format)) el.style.textAlign = node.format;
    if (typeof node.indent === 'number' && node.indent > 0) el.style.paddingInlineStart = `${node.indent * 40}px`;
    if (node.direction === 'ltr' || node.direction === 'rtl') el.dir = node.direction;
  };

  const textElement = (node: SerializedNode): HTMLElement => {
    const format = typeof node.format === 'number' ? node.format : 0;
    const el = document.createElement(format & 32 ? 'sub' : format & 64 ? 'sup' : format & 16 ? 'code' : 'span');
    const classes = FORMATS.filter(([bit, name]) => format & bit && name).map(([, name]) => name!);
    if (format & 4 && format & 8 && THEME.text?.underlineStrikethrough) classes.push(THEME.text.underlineStrikethrough);
    if (classes.length) el.className = classes.join(' ');
    // Only what the validator allows (fonts, sizes, colours), set one declaration at a time.
    if (typeof node.style === 'string' && node.style !== '') {
      for (const [property, value] of parseSafeStyle(node.style) ?? []) el.style.setProperty(property, value);
    }
    el.textContent = node.text ?? '';
    return el;
  };

  /** The element for one node; `inline` when its children are drawn into it as a block's content. */
  const elementFor = (node: SerializedNode): { el: HTMLElement; inline: boolean } | Node => {
    switch (node.type) {
      case 'text':
        return textElement(node);
      case 'linebreak':
        return document.createElement('br');
      case 'tab':
        return document.createTextNode('\t');
      case 'link':
      case 'autolink': {
        const a = document.createElement('a');
        a.href = String(node.url);
        // Never the draft's own target or rel: a new context, without our window as its opener.
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        a.className = (THEME.link as string | undefined) ?? 'ed-link';
        if (typeof node.title === 'string') a.title = node.title;
        return { el: a, inline: false };
      }
      case 'heading': {
        const tag = String(node.tag);
        const el = document.createElement(tag);
        const className = (THEME.heading as Record<string, string> | undefined)?.[tag];
        if (className) el.className = className;
        applyBlockFormat(el, node);
        return { el, inline: true };
      }
      case 'quote': {
        const el = document.createElement('blockquote');
        el.className = THEME.quote ?? '';
        applyBlockFormat(el, node);
        return { el, inline: true };
      }
      case 'list': {
        const ordered = node.listType === 'number' || node.tag === 'ol';
        const el = document.createElement(ordered ? 'ol' : 'ul');
        el.className = (ordered ? THEME.list?.ol : THEME.list?.ul) ?? '';
        if (ordered && typeof node.start === 'number' && node.start !== 1) (el as HTMLOListElement).start = node.start;
        return { el, inline: false };
      }
      case 'listitem': {
        const el = document.createElement('li');
        const nested = (node.children ?? []).some((c) => c.type === 'list');
        el.className = (nested ? THEME.list?.nested?.listitem : THEME.list?.listitem) ?? '';
        if (typeof node.value === 'number') (el as HTMLLIElement).value = node.value;
        applyBlockFormat(el, node);
        return { el, inline: true };
      }
      case 'scene-break': {
        const el = document.createElement('div');
        el.className = 'ed-scene-break';
        el.setAttribute('role', 'separator');
        el.setAttribute('aria-label', 'Scene break');
        const stars = document.createElement('span');
        stars.setAttribute('aria-hidden', 'true');
        stars.textContent = '* * *';
        el.append(stars);
        return el;
      }
      case 'paragraph': {
        const el = document.createElement('p');
        el.className = THEME.paragraph ?? '';
        applyBlockFormat(el, node);
        return { el, inline: true };
      }
      default:
        // A comment mark an author left in: its text, without the author's highlight.
        return { el: document.createElement('span'), inline: false };
    }
  };

  // The tree is drawn node by node from an explicit stack, so drawing can stop for the page
  // anywhere, even inside one paragraph of 24,000 line breaks.
  const blocks = state.root.children ?? [];
  let nextBlock = 0;
  const stack: Frame[] = [];
  /** The path of the child just taken, from its top-level block down (as mapPlainText names it, less the block's own index). */
  const pathKey = () => {
    let key = String(stack[0]!.next - 1);
    for (let i = 1; i < stack.length; i++) key += '.' + (stack[i]!.next - 1);
    return key;
  };
  const finished = () => nextBlock >= blocks.length && stack.length === 0;
  let run: HTMLElement = container;
  const place = (el: Node) => {
    if (nextBlock % BLOCKS_PER_RUN === 1) {
      run = document.createElement('div');
      run.className = 'draft-run';
      run.style.contentVisibility = 'auto';
      run.style.containIntrinsicSize = 'auto 100vh';
      container.append(run);
    }
    run.append(el);
  };
  const drawSlice = () => {
    const until = performance.now() + SLICE_MS;
    let work = 0;
    let steps = 0;
    while (!finished()) {
      if (work > SLICE_WORK || (++steps % 64 === 0 && performance.now() > until)) return;
      if (stack.length === 0) {
        const block = blocks[nextBlock++]!;
        work += 1;
        const made = elementFor(block);
        if (made instanceof Node) {
          place(made);
          mapBlock(block);
        } else {
          place(made.el);
          stack.push({ node: block, el: made.el, next: 0, inline: made.inline, into: made.el, lines: 0 });
        }
        continue;
      }
      const top = stack.at(-1)!;
      const children = top.node.children ?? [];
      if (top.next >= children.length) {
        if (top.inline && !top.el.firstChild) top.el.append(document.createElement('br')); // an empty line keeps its height
        stack.pop();
        if (stack.length === 0) mapBlock(top.node);
        continue;
      }
      const child = children[top.next++]!;
      work += 1 + (child.text?.length ?? 0) / 64;
      const made = elementFor(child);
      if (made instanceof Node) {
        top.into.append(made);
        if (child.type === 'text') blockSpans.set(pathKey(), made as HTMLElement);
        else if (child.type === 'linebreak' && top.inline && ++top.lines % LINES_PER_RUN === 0) {
          top.into = document.createElement('span');
          top.into.style.display = 'block';
          top.el.append(top.into);
        }
      } else {
        top.into.append(made.el);
        stack.push({ node: child, el: made.el, next: 0, inline: made.inline, into: made.el, lines: 0 });
      }
    }
  };
  drawSlice(); // the first screenful at once; the rest a slice a task

  let marks: MarkRange[] = [];
  let marked: HTMLElement[] = [];
  const applyMarks = () => {
    const text = fullText();
    for (const el of marked) el.textContent = text.slice(segments[indexOf.get(el)!]!.start, segments[indexOf.get(el)!]!.end);
    marked = [];
    // Each text element's cut points, and which comments cover each piece between them.
    const bySpan = new Map<number, MarkRange[]>();
    for (const range of marks) {
      for (let i = firstSegmentEndingAfter(range.start); i < segments.length && segments[i]!.start < range.end; i++) {
        const list = bySpan.get(i) ?? [];
        list.push(range);
        bySpan.set(i, list);
      }
    }
    for (const [i, ranges] of bySpan) {
      const el = spans[i];
      if (!el) continue;
      const { start, end } = segments[i]!;
      const cuts = new Set([start, end]);
      for (const r of ranges) cuts.add(Math.max(start, Math.min(end, r.start))).add(Math.max(start, Math.min(end, r.end)));
      const points = [...cuts].sort((a, b) => a - b);
      const pieces: Node[] = [];
      for (let k = 0; k + 1 < points.length; k++) {
        const [a, b] = [points[k]!, points[k + 1]!];
        if (a === b) continue;
        const ids = ranges.filter((r) => r.start <= a && r.end >= b).map((r) => r.id);
        const piece = document.createTextNode(text.slice(a, b));
        if (!ids.length) pieces.push(piece);
        else {
          const mark = document.createElement('mark');
          mark.className = THEME.mark as string;
          mark.dataset.ids = ids.join(' ');
          mark.append(piece);
          pieces.push(mark);
        }
      }
      el.replaceChildren(...pieces);
      marked.push(el);
    }
  };
  const firstSegmentEndingAfter = (offset: number) => {
    let lo = 0;
    let hi = segments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (segments[mid]!.end > offset) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };

  const done = (async () => {
    while (!finished()) {
      await yieldToPage();
      if (cancelled) return;
      drawSlice();
    }
    applyMarks();
  })();
  done.catch(onError);

  /** The text element holding a DOM node, and the offset of the node's text within it. */
  const spanOf = (node: Node): { index: number; before: number } | null => {
    for (let n: Node | null = node; n && n !== container; n = n.parentNode) {
      const index = indexOf.get(n);
      if (index === undefined) continue;
      let before = 0;
      const walker = document.createTreeWalker(n, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode(); t && t !== node; t = walker.nextNode()) before += t.textContent?.length ?? 0;
      return { index, before };
    }
    return null;
  };

  return {
    get text() {
      return fullText();
    },
    done,
    cancel: () => {
      cancelled = true;
    },
    offsetOf(node, offset) {
      if (!container.contains(node)) return null;
      if (node.nodeType === Node.TEXT_NODE) {
        const found = spanOf(node);
        if (found) return segments[found.index]!.start + found.before + offset;
      }
      // An element point (or a line break's or tab's text): the start of the first text at or after it.
      let from: Node | null = node.nodeType === Node.TEXT_NODE ? node : (node.childNodes[offset] ?? null);
      if (!from) for (let n: Node | null = node; n && n !== container && !from; n = n.parentNode) from = n.nextSibling;
      if (!from) return length;
      const walker = document.createTreeWalker(container, NodeFilter.SHOW_ELEMENT);
      walker.currentNode = from;
      for (let n: Node | null = from; n; n = walker.nextNode()) {
        const index = indexOf.get(n);
        if (index !== undefined) return segments[index]!.start;
      }
      return length;
    },
    mark(ranges) {
      marks = ranges;
      if (finished()) applyMarks(); // else once the last slice is drawn
    },
    markElement(id) {
      for (const el of container.querySelectorAll<HTMLElement>('mark[data-ids]')) if (el.dataset.ids!.split(' ').includes(id)) return el;
      return null;
    },
  };
}

import type { ReplaceSample } from '../../../shared/api/replace';
import { mapPlainText, type SerializedNode, type SerializedState, type TextSegment } from '../../../shared/schemas/lexical';

export interface FindOptions {
  find: string;
  matchCase: boolean;
  wholeWord: boolean;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The writer's find text as a literal, global pattern; whole words are bounded by anything not a letter or digit. */
export function findPattern({ find, matchCase, wholeWord }: FindOptions): RegExp {
  const body = escapeRegExp(find);
  const bounded = wholeWord ? `(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])` : body;
  return new RegExp(bounded, matchCase ? 'gu' : 'giu');
}

interface Match {
  start: number;
  end: number;
  /** The text nodes it lies in, in order (a match may cross a change of formatting). */
  segments: TextSegment[];
}

/** Matches that lie wholly in text nodes: one crossing a line break, tab or scene break is not offered. */
function findMatches(text: string, segments: TextSegment[], pattern: RegExp): Match[] {
  const matches: Match[] = [];
  let first = 0;
  for (const found of text.matchAll(pattern)) {
    const start = found.index;
    const end = start + found[0].length;
    if (end === start) continue;
    while (first < segments.length && segments[first]!.end <= start) first++;
    const covering: TextSegment[] = [];
    let reach = start;
    for (let i = first; i < segments.length && segments[i]!.start < end; i++) {
      const segment = segments[i]!;
      if (segment.end === segment.start) continue;
      if (segment.start > reach) break;
      covering.push(segment);
      reach = segment.end;
    }
    if (reach >= end) matches.push({ start, end, segments: covering });
  }
  return matches;
}

const nodeAt = (state: SerializedState, path: number[]): SerializedNode =>
  path.reduce<SerializedNode>((node, index) => node.children![index]!, state.root);

const CONTEXT = 40;
export function sampleOf(text: string, start: number, end: number): ReplaceSample {
  return {
    before: text.slice(Math.max(0, start - CONTEXT), start).replace(/\s+/g, ' '),
    match: text.slice(start, end),
    after: text.slice(end, end + CONTEXT).replace(/\s+/g, ' '),
    start,
  };
}

/** Every match in a document, with a little context each side, for the preview. */
export function previewIn(state: SerializedState, pattern: RegExp): ReplaceSample[] {
  const { text, segments } = mapPlainText(state);
  return findMatches(text, segments, pattern).map((m) => sampleOf(text, m.start, m.end));
}

/**
 * Replaces every match in the editor's own JSON: the replacement goes into the text node
 * where the match starts (taking its formatting) and the rest of the match is cut from the
 * nodes it spans, so bold, italics, links and comment marks around it survive. Nodes left
 * empty are dropped. Returns a new state; the one given is not changed.
 */
export function replaceIn(state: SerializedState, pattern: RegExp, replacement: string): { state: SerializedState; count: number } {
  const { text, segments } = mapPlainText(state);
  const matches = findMatches(text, segments, pattern);
  if (matches.length === 0) return { state, count: 0 };
  const next = structuredClone(state);
  const emptied = new Set<SerializedNode>();
  // Last match first: editing a node's tail leaves the offsets of earlier matches in it valid.
  for (const match of matches.reverse()) {
    match.segments.forEach((segment, i) => {
      const node = nodeAt(next, segment.path);
      const own = node.text ?? '';
      const from = Math.max(match.start, segment.start) - segment.start;
      const to = Math.min(match.end, segment.end) - segment.start;
      node.text = own.slice(0, from) + (i === 0 ? replacement : '') + own.slice(to);
      if (node.text === '') emptied.add(node);
    });
  }
  if (emptied.size > 0) {
    const prune = (node: SerializedNode) => {
      if (!node.children) return;
      node.children = node.children.filter((child) => !emptied.has(child));
      node.children.forEach(prune);
    };
    prune(next.root);
  }
  return { state: next, count: matches.length };
}

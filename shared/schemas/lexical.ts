import { StudioError } from '../api/result';

/** A document may hold at most this much serialized content. */
export const MAX_CONTENT_BYTES = 20 * 1024 * 1024;
/** Nesting deeper than this is not something a writer makes; it is an attack or a bug. */
export const MAX_NODE_DEPTH = 48;

/** Node types Margin's editor creates. Anything else is refused before it reaches an editor. */
export const ALLOWED_NODE_TYPES = new Set([
  'root',
  'paragraph',
  'text',
  'heading',
  'quote',
  'list',
  'listitem',
  'linebreak',
  'tab',
  'scene-break',
  'mark',
  'link',
  'autolink',
]);

/** Links may only go to the web or to an address: never javascript:, data: or file:. */
export const SAFE_LINK = /^(https?:\/\/|mailto:)/i;
/** Inline styles may set fonts and colours; they may not fetch anything or run script. */
const UNSAFE_STYLE = /url\s*\(|expression\s*\(|@import|javascript:|behavior\s*:|-moz-binding/i;
const MAX_STRING = 1_000_000;
const ON_KEY = /^on/i;

export interface SerializedNode {
  type: string;
  text?: string;
  children?: SerializedNode[];
  [key: string]: unknown;
}

export interface SerializedState {
  root: SerializedNode;
}

function invalid(message: string): never {
  throw new StudioError('invalid_content', message);
}

function checkNode(node: unknown, depth: number): asserts node is SerializedNode {
  if (depth > MAX_NODE_DEPTH) invalid(`Content is nested deeper than ${MAX_NODE_DEPTH} levels.`);
  if (typeof node !== 'object' || node === null || Array.isArray(node)) invalid('A content node is not an object.');
  const { type, children, text } = node as Record<string, unknown>;
  if (typeof type !== 'string') invalid('A content node has no type.');
  if (!ALLOWED_NODE_TYPES.has(type)) invalid(`Unknown content node type "${type.slice(0, 40)}".`);
  if (text !== undefined && typeof text !== 'string') invalid('A text node has non-text content.');
  // Every key of every node, on every autosave: a plain loop, without Object.entries' arrays.
  const fields = node as Record<string, unknown>;
  for (const key in fields) {
    if (key === 'children') continue;
    // Event-handler-shaped keys have no business in an editor state (on*, e.g. onerror).
    if (ON_KEY.test(key)) invalid(`Content has a forbidden property "${key.slice(0, 40)}".`);
    const value = fields[key];
    if (typeof value === 'string') {
      if (value.length > MAX_STRING) invalid('Content holds a string longer than a million characters.');
      if (key !== 'text' && UNSAFE_STYLE.test(value)) invalid(`Content has an unsafe value in "${key.slice(0, 40)}".`);
    } else if (value !== null && typeof value === 'object' && !(key === 'ids' && Array.isArray(value) && value.every((id) => typeof id === 'string'))) {
      invalid(`Content has an unexpected nested value in "${key.slice(0, 40)}".`);
    }
  }
  // Lexical makes a heading's or a list's DOM element from its tag: only the real ones, never <script>.
  const tag = (node as { tag?: unknown }).tag;
  if (type === 'heading' && !(typeof tag === 'string' && /^h[1-6]$/.test(tag))) invalid('A heading must be h1 to h6.');
  if (type === 'list' && tag !== undefined && tag !== 'ul' && tag !== 'ol') invalid('A list must be ul or ol.');
  if (type === 'link' || type === 'autolink') {
    const url = (node as { url?: unknown }).url;
    if (typeof url !== 'string' || !SAFE_LINK.test(url.trim())) invalid('Links may only be http, https or mailto.');
  }
  if (children !== undefined) {
    if (!Array.isArray(children)) invalid('A content node has malformed children.');
    for (const child of children) checkNode(child, depth + 1);
  }
}

/** Parses and validates serialized Lexical JSON; throws `invalid_content` or `too_large`. */
export function parseLexicalState(json: string): SerializedState {
  if (json.length > MAX_CONTENT_BYTES) {
    throw new StudioError('too_large', `A document may hold at most ${MAX_CONTENT_BYTES / 1024 / 1024} MB.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    invalid('Content is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null) invalid('Content is not an editor state.');
  const root = (value as { root?: unknown }).root;
  checkNode(root, 0);
  if (root.type !== 'root') invalid('Content does not start with a root node.');
  return value as SerializedState;
}

/** A text node's place in the plain text: its path of child indexes from the root, and its offsets. */
export interface TextSegment {
  path: number[];
  start: number;
  end: number;
}

/**
 * The plain text of a document (blocks separated by blank lines, as the word counter and
 * the comment anchors expect) with where each text node lies in it. The renderer walks
 * the same serialized tree, so an offset found here names the same character there.
 */
export function mapPlainText(state: SerializedState): { text: string; segments: TextSegment[]; marks: Map<string, { start: number; end: number }> } {
  const parts: string[] = [];
  const segments: TextSegment[] = [];
  const marks = new Map<string, { start: number; end: number }>();
  let offset = 0;
  let blocks = 0;
  const put = (value: string) => {
    parts.push(value);
    offset += value.length;
  };
  const startBlock = () => {
    if (blocks++ > 0) put('\n\n');
  };
  const inline = (node: SerializedNode, path: number[]): void => {
    (node.children ?? []).forEach((child, i) => {
      if (child.type === 'text') {
        const start = offset;
        put(child.text ?? '');
        segments.push({ path: [...path, i], start, end: offset });
      } else if (child.type === 'linebreak') put('\n');
      else if (child.type === 'tab') put('\t');
      else if (child.type === 'mark') {
        // A comment's mark: where the passage it points at is now, however it was edited.
        const start = offset;
        inline(child, [...path, i]);
        for (const id of (child.ids as string[] | undefined) ?? []) {
          const seen = marks.get(id);
          marks.set(id, { start: Math.min(seen?.start ?? start, start), end: Math.max(seen?.end ?? offset, offset) });
        }
      } else if (child.type !== 'list') inline(child, [...path, i]);
    });
  };
  const collect = (node: SerializedNode, path: number[]): void => {
    (node.children ?? []).forEach((child, i) => {
      const childPath = [...path, i];
      if (child.type === 'list') return collect(child, childPath);
      if (child.type === 'scene-break') {
        startBlock();
        return put('* * *');
      }
      startBlock();
      inline(child, childPath);
      // A list item may hold a nested list: its items are blocks of their own.
      if (child.type === 'listitem') {
        (child.children ?? []).forEach((grandchild, j) => {
          if (grandchild.type === 'list') collect(grandchild, [...childPath, j]);
        });
      }
    });
  };
  collect(state.root, []);
  return { text: parts.join(''), segments, marks };
}

export function plainTextOf(state: SerializedState): string {
  return mapPlainText(state).text;
}

/** The same document without comment marks (their text kept): what goes out when a draft is shared. */
export function withoutMarks(state: SerializedState): SerializedState {
  const strip = (node: SerializedNode): SerializedNode => {
    if (!node.children) return node;
    const children: SerializedNode[] = [];
    for (const child of node.children) {
      if (child.type === 'mark') children.push(...(child.children ?? []).map(strip));
      else children.push(strip(child));
    }
    return { ...node, children };
  };
  return { ...state, root: strip(state.root) };
}

/** The serialized state of an empty document (one empty paragraph), as Lexical writes it. */
export const EMPTY_DOCUMENT = JSON.stringify({
  root: {
    type: 'root',
    version: 1,
    direction: null,
    format: '',
    indent: 0,
    children: [
      { type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '', children: [] },
    ],
  },
});

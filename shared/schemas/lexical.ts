import { StudioError } from '../api/result';
import { isSafeStyle } from './css-style';

/** A document may hold at most this much serialized content. */
export const MAX_CONTENT_BYTES = 20 * 1024 * 1024;
/** Nesting deeper than this is not something a writer makes; it is an attack or a bug. */
export const MAX_NODE_DEPTH = 48;

/**
 * The shape of a document: which node types may sit directly inside which. A root holds
 * blocks, blocks hold inline nodes, a list holds list items, a link holds text; leaves hold
 * nothing. Anything else (a root inside a paragraph, a paragraph inside a link) is refused
 * before an editor tries to build it: Lexical trusts the tree it is given, and one such
 * node blanked a reader's studio.
 */
const INLINE = ['text', 'linebreak', 'tab', 'link', 'autolink', 'mark'];
const LINK_CONTENT = ['text', 'linebreak', 'tab', 'mark'];
const CONTAINS: Record<string, ReadonlySet<string> | null> = {
  root: new Set(['paragraph', 'heading', 'quote', 'list', 'scene-break']),
  paragraph: new Set(INLINE),
  heading: new Set(INLINE),
  quote: new Set(INLINE),
  list: new Set(['listitem']),
  // A nested list lives inside a list item, as Lexical makes it.
  listitem: new Set([...INLINE, 'list']),
  link: new Set(LINK_CONTENT),
  autolink: new Set(LINK_CONTENT),
  // A comment's mark wraps inline content, a link or part of one.
  mark: new Set([...INLINE]),
  text: null,
  linebreak: null,
  tab: null,
  'scene-break': null,
};

/** Node types Margin's editor creates. Anything else is refused before it reaches an editor. */
export const ALLOWED_NODE_TYPES: ReadonlySet<string> = new Set(Object.keys(CONTAINS));

/** Links may only go to the web or to an address: never javascript:, data: or file:. */
export const SAFE_LINK = /^(https?:\/\/|mailto:)/i;
const MAX_STRING = 1_000_000;
/**
 * Nodes in one document. A long chapter is a few thousand; a 200,000-word novel in 60-word
 * paragraphs about 7,000. Fifty thousand leaves room for poetry and dialogue while refusing
 * drafts made to freeze a reader (56,659 line breaks in 1.2 MB took 35 s to lay out).
 */
export const MAX_NODES = 50_000;
const ON_KEY = /^on/i;
const ALIGNMENTS = new Set(['', 'left', 'start', 'center', 'right', 'end', 'justify']);
const TEXT_MODES = new Set(['normal', 'token', 'segmented']);
const LIST_TYPES = new Set(['bullet', 'number', 'check']);
/** A peer's link may only say that it opens without its opener: nothing else is ever copied onto it. */
const SAFE_REL = new Set(['noopener', 'noreferrer', 'noopener noreferrer', 'noreferrer noopener']);

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

const isCount = (value: unknown, max: number) => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;

/** The fields Lexical reads from each node, checked for what Lexical itself would write there. */
function checkFields(type: string, node: Record<string, unknown>): void {
  const { format, indent, direction, style, textStyle, textFormat } = node;
  if (type === 'text') {
    if (typeof node.text !== 'string') invalid('A text node has non-text content.');
    if (format !== undefined && !isCount(format, 0xffff)) invalid('A text node has a malformed format.');
    if (node.detail !== undefined && !isCount(node.detail, 0xff)) invalid('A text node has a malformed detail.');
    if (node.mode !== undefined && !TEXT_MODES.has(node.mode as string)) invalid('A text node has an unknown mode.');
    if (style !== undefined && (typeof style !== 'string' || !isSafeStyle(style))) invalid('A text style may only set fonts, sizes and colours.');
    return;
  }
  if (node.text !== undefined) invalid('Only a text node may hold text.');
  if (CONTAINS[type] === null) return;
  if (format !== undefined && format !== 0 && !ALIGNMENTS.has(format as string)) invalid('A block has an unknown alignment.');
  if (indent !== undefined && !isCount(indent, 32)) invalid('A block is indented too far.');
  if (direction !== undefined && direction !== null && direction !== 'ltr' && direction !== 'rtl') invalid('A block has an unknown direction.');
  if (textFormat !== undefined && !isCount(textFormat, 0xffff)) invalid('A block has a malformed text format.');
  if (textStyle !== undefined && (typeof textStyle !== 'string' || !isSafeStyle(textStyle))) invalid('A block style may only set fonts, sizes and colours.');
  // Lexical makes a heading's or a list's DOM element from its tag: only the real ones, never <script>.
  const tag = node.tag;
  if (type === 'heading' && !(typeof tag === 'string' && /^h[1-6]$/.test(tag))) invalid('A heading must be h1 to h6.');
  if (type === 'list') {
    if (tag !== undefined && tag !== 'ul' && tag !== 'ol') invalid('A list must be ul or ol.');
    if (node.listType !== undefined && !LIST_TYPES.has(node.listType as string)) invalid('A list has an unknown kind.');
    if (node.start !== undefined && !isCount(node.start, 1_000_000)) invalid('A list starts at a malformed number.');
  }
  if (type === 'listitem') {
    if (node.value !== undefined && !isCount(node.value, 1_000_000)) invalid('A list item has a malformed number.');
    if (node.checked !== undefined && node.checked !== null && typeof node.checked !== 'boolean') invalid('A list item has a malformed check.');
  }
  if (type === 'link' || type === 'autolink') {
    const { url, target, rel, title } = node;
    if (typeof url !== 'string' || !SAFE_LINK.test(url.trim())) invalid('Links may only be http, https or mailto.');
    // rel="opener" with target="_blank" handed the opened page our window: a peer's link sets neither.
    if (target !== undefined && target !== null) invalid('A link may not choose where it opens.');
    if (rel !== undefined && rel !== null && !(typeof rel === 'string' && SAFE_REL.has(rel.trim().toLowerCase()))) invalid('A link may only be rel="noopener noreferrer".');
    if (title !== undefined && title !== null && typeof title !== 'string') invalid('A link has a malformed title.');
  }
}

interface Walk {
  nodes: number;
  maxNodes: number;
}

export interface ContentLimits {
  /** Defaults to MAX_NODES; a host may allow its own writer's documents more than a peer's draft. */
  maxNodes?: number;
}

function checkNode(node: unknown, depth: number, walk: Walk): asserts node is SerializedNode {
  if (depth > MAX_NODE_DEPTH) invalid(`Content is nested deeper than ${MAX_NODE_DEPTH} levels.`);
  if (++walk.nodes > walk.maxNodes) invalid(`Content has more than ${walk.maxNodes.toLocaleString('en')} nodes: split it into chapters.`);
  if (typeof node !== 'object' || node === null || Array.isArray(node)) invalid('A content node is not an object.');
  const fields = node as Record<string, unknown>;
  const { type, children } = fields;
  if (typeof type !== 'string') invalid('A content node has no type.');
  if (!ALLOWED_NODE_TYPES.has(type)) invalid(`Unknown content node type "${type.slice(0, 40)}".`);
  const contains = CONTAINS[type]!;
  // Every key of every node, on every autosave: a plain loop, without Object.entries' arrays.
  for (const key in fields) {
    if (key === 'children') continue;
    // Event-handler-shaped keys have no business in an editor state (on*, e.g. onerror).
    if (ON_KEY.test(key)) invalid(`Content has a forbidden property "${key.slice(0, 40)}".`);
    const value = fields[key];
    if (typeof value === 'string') {
      if (value.length > MAX_STRING) invalid('Content holds a string longer than a million characters.');
    } else if (value !== null && typeof value === 'object' && !(key === 'ids' && type === 'mark' && Array.isArray(value) && value.every((id) => typeof id === 'string'))) {
      invalid(`Content has an unexpected nested value in "${key.slice(0, 40)}".`);
    }
  }
  checkFields(type, fields);
  if (contains === null) {
    if (children !== undefined) invalid(`A ${type} node cannot hold other nodes.`);
    return;
  }
  // Lexical builds an element's children from this array: without one it throws.
  if (!Array.isArray(children)) invalid(`A ${type} node has no list of children.`);
  for (const child of children) {
    checkNode(child, depth + 1, walk);
    if (!contains.has(child.type)) invalid(`A ${child.type} node cannot sit inside a ${type}.`);
  }
}

/** Parses and validates serialized Lexical JSON; throws `invalid_content` or `too_large`. */
export function parseLexicalState(json: string, limits: ContentLimits = {}): SerializedState {
  if (json.length > MAX_CONTENT_BYTES) {
    throw new StudioError('too_large', `A document may hold at most ${MAX_CONTENT_BYTES / 1024 / 1024} MB.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    invalid('Content is not valid JSON.');
  }
  return checkLexicalState(value, limits);
}

/** Validates an already parsed editor state (the renderer checks again what it is about to draw). */
export function checkLexicalState(value: unknown, { maxNodes = MAX_NODES }: ContentLimits = {}): SerializedState {
  if (typeof value !== 'object' || value === null) invalid('Content is not an editor state.');
  const root = (value as { root?: unknown }).root;
  if (typeof root !== 'object' || root === null || (root as { type?: unknown }).type !== 'root') invalid('Content does not start with a root node.');
  checkNode(root, 0, { nodes: 0, maxNodes });
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

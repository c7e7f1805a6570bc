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
]);

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

/** The text of a block's inline content (text, marks, breaks), skipping nested lists. */
function inlineText(node: SerializedNode): string {
  let out = '';
  for (const child of node.children ?? []) {
    if (child.type === 'text') out += child.text ?? '';
    else if (child.type === 'linebreak') out += '\n';
    else if (child.type === 'tab') out += '\t';
    else if (child.type !== 'list') out += inlineText(child);
  }
  return out;
}

/** The plain text of a document: blocks separated by blank lines, as the word counter expects. */
export function plainTextOf(state: SerializedState): string {
  const blocks: string[] = [];
  const collect = (node: SerializedNode): void => {
    for (const child of node.children ?? []) {
      if (child.type === 'list') collect(child);
      else if (child.type === 'scene-break') blocks.push('* * *');
      else {
        blocks.push(inlineText(child));
        if (child.type === 'listitem') collect(child);
      }
    }
  };
  collect(state.root);
  return blocks.join('\n\n');
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

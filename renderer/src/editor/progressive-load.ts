import {
  $getRoot,
  $parseSerializedNode,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_CRITICAL,
  HISTORY_MERGE_TAG,
  REDO_COMMAND,
  SKIP_DOM_SELECTION_TAG,
  UNDO_COMMAND,
  type EditorState,
  type LexicalEditor,
  type NodeKey,
  type SerializedLexicalNode,
} from 'lexical';
import type { HistoryState } from '@lexical/history';
import { mergeRegister } from '@lexical/utils';
import { LOAD_TAG } from './update-tags';

/** Below this many top-level blocks a document opens whole (every test document, most chapters). */
const PROGRESSIVE_FROM_BLOCKS = 240;
/** The first view: this many blocks before the writer's place and after it (a screen is ~10). */
const FIRST_BEFORE = 30;
const FIRST_AFTER = 90;
/** Blocks added per step afterwards: a few milliseconds' work, so a key typed meanwhile waits little. */
const STEP_BLOCKS = 60;
/** Steps run when the page is idle (keys and frames first), but at least this often. */
const STEP_WITHIN_MS = 400;
/**
 * Steps in one idle callback stop after this long: a key (or anything else) that comes in
 * meanwhile waits for the callback to end, and an idle period lasts up to 50 ms.
 */
const SLICE_MS = 12;
/** Below this length (characters of JSON) a document cannot reach PROGRESSIVE_FROM_BLOCKS: not parsed here at all. */
const SMALL_JSON = 40_000;

export interface OpeningContent {
  /** What the editor starts with: the whole document, or the window of it around the place. */
  first: string | undefined;
  /** The blocks to add before and after that window (empty when the document opened whole). */
  before: SerializedLexicalNode[];
  after: SerializedLexicalNode[];
}

/**
 * Splits a long document so it opens where the writer left off without building every page
 * first: Lexical would parse, and create the DOM of, a whole novel before the first key could
 * be typed. The window around the place is shown (and editable) at once; the rest is added
 * just after (startLoading). `placeBlock` is the caret's top-level block.
 */
export function openingContent(content: string | null, placeBlock: number): OpeningContent {
  const whole = { first: content ?? undefined, before: [], after: [] };
  if (!content || content.length < SMALL_JSON) return whole;
  const state = JSON.parse(content) as { root: { children: SerializedLexicalNode[] } };
  const blocks = state.root.children;
  if (blocks.length < PROGRESSIVE_FROM_BLOCKS) return whole;
  const at = Math.min(Math.max(0, placeBlock), blocks.length - 1);
  const start = Math.max(0, at - FIRST_BEFORE);
  const end = Math.min(blocks.length, at + FIRST_AFTER);
  return {
    first: JSON.stringify({ ...state, root: { ...state.root, children: blocks.slice(start, end) } }),
    before: blocks.slice(0, start),
    after: blocks.slice(end),
  };
}

interface Loading {
  /** Blocks before the first view not added yet: the place of a block in the whole document is its index plus this. */
  pendingBefore: number;
  /** Adds everything left now (a save must never see part of the document). */
  finish(): void;
  /** Stops adding steps (the editor left the page), and starts again. */
  pause(): void;
  resume(): void;
  /** The state in which a block added by loading first appeared (what its text was before any edit). */
  origins: Map<NodeKey, EditorState>;
  done: Promise<void>;
}

const loadings = new WeakMap<LexicalEditor, Loading>();

/** Blocks of the document not in the editor yet, before its first block (0 once loaded). */
export function pendingBefore(editor: LexicalEditor): number {
  return loadings.get(editor)?.pendingBefore ?? 0;
}

/** Adds the rest of the document now if it is still being added: before a save, or leaving it. */
export function finishLoading(editor: LexicalEditor): void {
  loadings.get(editor)?.finish();
}

/** Resolves once the whole document is in the editor (at once for a document that opened whole). */
export function whenLoaded(editor: LexicalEditor): Promise<void> {
  return loadings.get(editor)?.done ?? Promise.resolve();
}

/** The state a block added by loading came in with, or null for a block of the first view or one the writer made. */
export function loadedOrigin(editor: LexicalEditor, key: NodeKey): EditorState | null {
  return loadings.get(editor)?.origins.get(key) ?? null;
}

/**
 * Adds the blocks around the first view, a step at a time between the browser's other work
 * (keys typed meanwhile go first), after first, then before (the browser's scroll anchoring
 * keeps the page still as text arrives above it). The steps are not the writer's edits: not
 * saved (a save adds everything left first), not undoable. Undo waits until the whole document
 * is in; if the writer typed meanwhile, the history starts again from the whole document, so
 * an undo can never bring back a partial one. Idempotent per editor.
 */
export function startLoading(editor: LexicalEditor, rest: OpeningContent, history: HistoryState): Loading | null {
  // Made once per editor (React may run an effect twice); the caller resumes and pauses it.
  const known = loadings.get(editor);
  if (known) return known;
  if (rest.before.length === 0 && rest.after.length === 0) return null;
  const after = [...rest.after];
  const before = [...rest.before];
  let edited = false;
  let idle = 0;
  let resolve = () => {};
  const loading: Loading = {
    pendingBefore: before.length,
    origins: new Map(),
    done: new Promise<void>((r) => (resolve = r)),
    finish: () => {
      cancelIdleCallback(idle);
      while (after.length > 0 || before.length > 0) step(Infinity);
    },
    pause: () => cancelIdleCallback(idle),
    resume: () => {
      cancelIdleCallback(idle);
      if (after.length > 0 || before.length > 0) idle = requestIdleCallback(next, { timeout: STEP_WITHIN_MS });
    },
  };
  loadings.set(editor, loading);

  const unregister = mergeRegister(
    editor.registerCommand(UNDO_COMMAND, () => true, COMMAND_PRIORITY_CRITICAL),
    editor.registerCommand(REDO_COMMAND, () => true, COMMAND_PRIORITY_CRITICAL),
    editor.registerUpdateListener(({ tags, dirtyElements, dirtyLeaves }) => {
      if (!tags.has(LOAD_TAG) && (dirtyElements.size > 0 || dirtyLeaves.size > 0)) edited = true;
    }),
  );

  const step = (size: number) => {
    const added: NodeKey[] = [];
    // Text added above the page would push what the writer sees down: keep the block at the
    // top of what was loaded where it is on the screen (the browser's scroll anchoring cannot
    // be relied on with blocks whose height is estimated until drawn).
    const anchor = after.length === 0 ? editor.getRootElement()?.firstElementChild : null;
    const scroller = anchor?.closest<HTMLElement>('.editor-scroll');
    const top = anchor?.getBoundingClientRect().top ?? 0;
    editor.update(
      () => {
        const root = $getRoot();
        if (after.length > 0) {
          for (const json of after.splice(0, size)) {
            const node = $parseSerializedNode(json);
            root.append(node);
            added.push(node.getKey());
          }
        } else {
          const first = root.getFirstChild();
          for (const json of before.splice(Math.max(0, before.length - size))) {
            const node = $parseSerializedNode(json);
            if (first) first.insertBefore(node);
            else root.append(node);
            added.push(node.getKey());
          }
        }
      },
      // Its own commit (never batched with a keystroke's), no undo step, the caret left alone.
      { tag: [LOAD_TAG, HISTORY_MERGE_TAG, SKIP_DOM_SELECTION_TAG], discrete: true },
    );
    if (anchor && scroller && anchor.isConnected) scroller.scrollTop += anchor.getBoundingClientRect().top - top;
    const state = editor.getEditorState();
    for (const key of added) loading.origins.set(key, state);
    loading.pendingBefore = before.length;
    if (after.length === 0 && before.length === 0) done();
  };

  const done = () => {
    unregister();
    if (edited) {
      // Undo steps so far hold part of the document: history starts again from the whole of it.
      history.undoStack.length = 0;
      history.redoStack.length = 0;
      history.current = { editor, editorState: editor.getEditorState() };
      editor.dispatchCommand(CAN_UNDO_COMMAND, false);
      editor.dispatchCommand(CAN_REDO_COMMAND, false);
    }
    resolve();
  };

  const next = (deadline: IdleDeadline) => {
    // As many steps as the idle time allows, within a short slice (one step when the browser had to make time for it).
    const until = performance.now() + SLICE_MS;
    do step(STEP_BLOCKS);
    while ((after.length > 0 || before.length > 0) && deadline.timeRemaining() > 8 && performance.now() < until);
    if (after.length > 0 || before.length > 0) idle = requestIdleCallback(next, { timeout: STEP_WITHIN_MS });
  };
  return loading;
}

import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getNodeByKey, $getRoot, $isRootNode, HISTORIC_TAG, type EditorState, type LexicalNode, type NodeKey } from 'lexical';
import { useEffect } from 'react';
import { countWords } from '../../../../shared/text/word-count';
import { loadedOrigin } from '../progressive-load';
import { LOAD_TAG } from '../update-tags';

/** How long after a keystroke the count is brought up to date: off the typing path, still "live". */
const RECOUNT_DELAY_MS = 120;

/** The top-level block a node is in (itself if it is one), or null for the root and detached nodes. */
function $topKey(node: LexicalNode | null | undefined): NodeKey | null {
  if (!node || $isRootNode(node)) return null;
  return node.getTopLevelElement()?.getKey() ?? null;
}

/** The words of a block as it is in `state`, or 0 when it is not a top-level block there. */
function countIn(state: EditorState, key: NodeKey): number {
  return state.read(() => {
    const node = $getNodeByKey(key);
    return node && $isRootNode(node.getParent()) ? countWords(node.getTextContent()) : 0;
  });
}

/**
 * Live word count, kept incrementally from the count the document opened with (the core's, the
 * same counter): only the blocks a change touched are counted again, against what they held
 * before. Nothing is counted on opening, so a novel-length chapter opens without reading all
 * of it, and costs a few blocks per keystroke. Blocks added by a progressive load
 * (progressive-load.ts) are part of the opening count.
 */
export function WordCountPlugin({ initial, onCount }: { initial: number; onCount: (words: number) => void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const opened = editor.getEditorState();
    let total = initial;
    /** Each block's words as last counted (0 once it left the top level); others hold what they opened with. */
    const counts = new Map<NodeKey, number>();
    /** The top-level blocks as of the last recount (plus those loading added since). */
    let present = new Set(opened.read(() => $getRoot().getChildrenKeys()));
    const touched = new Set<NodeKey>();
    let structure = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const previous = (key: NodeKey) => counts.get(key) ?? countIn(loadedOrigin(editor, key) ?? opened, key);

    const recount = () => {
      timer = undefined;
      const state = editor.getEditorState();
      if (structure) {
        const now = new Set(state.read(() => $getRoot().getChildrenKeys()));
        for (const key of present) {
          if (now.has(key)) continue;
          total -= previous(key);
          counts.set(key, 0);
        }
        for (const key of now) if (!present.has(key)) touched.add(key);
        present = now;
      }
      for (const key of touched) {
        if (!present.has(key)) continue; // gone, or nested now: counted with the block that holds it
        const words = countIn(state, key);
        total += words - previous(key);
        counts.set(key, words);
      }
      touched.clear();
      structure = false;
      onCount(total);
    };

    /** Undo and redo swap in a whole earlier state without saying what changed: compare the nodes. */
    const touchDifferences = (before: EditorState, after: EditorState) => {
      for (const [key, node] of after._nodeMap) {
        if (before._nodeMap.get(key) === node) continue;
        const top = after.read(() => $topKey(node));
        if (top) touched.add(top);
      }
      for (const [key, node] of before._nodeMap) {
        if (after._nodeMap.has(key)) continue;
        const top = before.read(() => $topKey(node));
        if (top) touched.add(top);
      }
    };

    onCount(total);
    const unregister = editor.registerUpdateListener(({ dirtyElements, dirtyLeaves, editorState, prevEditorState, tags }) => {
      if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
      if (tags.has(LOAD_TAG)) {
        // The rest of the document coming in: already in the opening count.
        editorState.read(() => {
          for (const key of dirtyElements.keys()) if ($isRootNode($getNodeByKey(key)?.getParent() ?? null)) present.add(key);
        });
        return;
      }
      if (tags.has(HISTORIC_TAG)) {
        structure = true;
        touchDifferences(prevEditorState, editorState);
      } else {
        editorState.read(() => {
          for (const key of dirtyLeaves) {
            const top = $topKey($getNodeByKey(key));
            if (top) touched.add(top);
          }
          for (const [key, itself] of dirtyElements) {
            // The root is marked for every change inside it; its own change (blocks added, removed or moved) is marked intentional.
            if (key === 'root') structure ||= itself;
            const top = $topKey($getNodeByKey(key));
            if (top) touched.add(top);
          }
        });
      }
      timer ??= setTimeout(recount, RECOUNT_DELAY_MS);
    });
    return () => {
      unregister();
      if (timer) clearTimeout(timer);
    };
  }, [editor, initial, onCount]);
  return null;
}

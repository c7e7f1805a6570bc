import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getNodeByKey, $getRoot, type NodeKey } from 'lexical';
import { useEffect } from 'react';
import { countWords } from '../../../../shared/text/word-count';

/** How long after a keystroke the count is brought up to date: off the typing path, still "live". */
const RECOUNT_DELAY_MS = 120;

/**
 * Live word count, kept incrementally: one count per top-level block, and only the blocks a
 * change touched are counted again. A novel-length chapter costs a few blocks per keystroke.
 */
export function WordCountPlugin({ onCount }: { onCount: (words: number) => void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    let counts = new Map<NodeKey, number>();
    const touched = new Set<NodeKey>();
    let timer: ReturnType<typeof setTimeout> | undefined;

    const recount = () => {
      timer = undefined;
      let total = 0;
      editor.getEditorState().read(() => {
        const next = new Map<NodeKey, number>();
        for (const key of $getRoot().getChildrenKeys()) {
          let words = touched.has(key) ? undefined : counts.get(key);
          if (words === undefined) words = countWords($getNodeByKey(key)?.getTextContent() ?? '');
          next.set(key, words);
          total += words;
        }
        counts = next;
      });
      touched.clear();
      onCount(total);
    };

    recount();
    const unregister = editor.registerUpdateListener(({ dirtyElements, dirtyLeaves, editorState }) => {
      if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
      editorState.read(() => {
        for (const key of [...dirtyLeaves, ...dirtyElements.keys()]) {
          const top = $getNodeByKey(key)?.getTopLevelElement();
          if (top) touched.add(top.getKey());
        }
      });
      timer ??= setTimeout(recount, RECOUNT_DELAY_MS);
    });
    return () => {
      unregister();
      if (timer) clearTimeout(timer);
    };
  }, [editor, onCount]);
  return null;
}

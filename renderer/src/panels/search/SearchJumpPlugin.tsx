import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createRangeSelection, $isTextNode, $setSelection } from 'lexical';
import { useEffect } from 'react';
import { plainTextMap } from '../critique/text-points';
import { pendingSelectionFor, selectionRequests, selectionShown } from './manuscript-bridge';
import { $nodeAtPath } from './node-at-path';

/** Selects a search hit in the editor and scrolls it into view (the search panel asks; one plugin line in Editor.tsx). */
export function SearchJumpPlugin({ documentId }: { documentId: string }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const select = (): boolean => {
      const range = pendingSelectionFor(documentId);
      if (!range) return false;
      const { segments } = plainTextMap(editor);
      const first = segments.find((s) => s.end > range.start);
      const last = [...segments].reverse().find((s) => s.start < range.end);
      if (!first || !last) return false; // the text is not in the editor yet
      let done = false;
      editor.update(
        () => {
          const a = $nodeAtPath(first.path);
          const b = $nodeAtPath(last.path);
          if (!$isTextNode(a) || !$isTextNode(b)) return;
          const selection = $createRangeSelection();
          selection.anchor.set(a.getKey(), Math.max(0, range.start - first.start), 'text');
          selection.focus.set(b.getKey(), Math.min(b.getTextContentSize(), range.end - last.start), 'text');
          $setSelection(selection);
          done = true;
        },
        { tag: 'search-jump', discrete: true },
      );
      if (!done) return false;
      selectionShown();
      editor.focus(() => {
        editor.getEditorState().read(() => {
          const node = $nodeAtPath(first.path);
          (node && editor.getElementByKey(node.getKey()))?.scrollIntoView({ block: 'center' });
        });
      });
      return true;
    };
    // A hit in a document just opened waits until its text is in the editor (and whatever else
    // restores a caret on opening has run); one in the open document arrives as an event.
    let tries = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const retry = () => {
      if (select() || ++tries > 20) return;
      timer = setTimeout(retry, 50);
    };
    timer = setTimeout(retry, 30);
    const onRequest = () => void select();
    selectionRequests.addEventListener('select', onRequest);
    return () => {
      clearTimeout(timer);
      selectionRequests.removeEventListener('select', onRequest);
    };
  }, [editor, documentId]);
  return null;
}

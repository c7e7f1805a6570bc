import { MarkNode } from '@lexical/mark';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getNodeByKey, HISTORIC_TAG, HISTORY_MERGE_TAG } from 'lexical';
import { useEffect, useState } from 'react';
import { useStore, useStores } from '../../app/stores';
import type { TextAnchor } from '../../../../shared/text/anchor';
import { findAnchor } from '../../../../shared/text/anchor';
import { COMMENT_MARKS_TAG } from '../../editor/update-tags';
import { commentFocus } from './comment-focus';
import { MarginThreads } from './MarginThreads';
import { $marks, $markRange, $removeMark, plainTextMap } from './text-points';

export interface MarkWish {
  id: string;
  anchor: TextAnchor;
  /** Resolved threads carry no highlight. */
  show: boolean;
}

/**
 * Keeps each open comment's passage wrapped in a Lexical mark. A mark, once made, follows
 * the writer's edits by itself; a passage without one is found again from its anchor on the
 * live text (exact, then approximate). Also scrolls to a passage when the sidebar asks, and
 * floats the threads in the page's margin beside their passages.
 */
export function CommentMarksPlugin({ wishes }: { wishes: MarkWish[] }) {
  const [editor] = useLexicalComposerContext();
  const { critique } = useStores();
  const review = useStore(critique, (s) => s.watchedReview());
  const [root, setRoot] = useState<HTMLElement | null>(null);
  useEffect(() => editor.registerRootListener((element) => setRoot(element)), [editor]);

  // Each mark's element names its comments, as the reader's marks do: a click finds its thread.
  useEffect(
    () =>
      editor.registerMutationListener(MarkNode, (mutations) => {
        editor.getEditorState().read(() => {
          for (const [key, kind] of mutations) {
            if (kind === 'destroyed') continue;
            const node = $getNodeByKey<MarkNode>(key);
            const element = editor.getElementByKey(key);
            if (node && element) element.dataset.ids = node.getIDs().join(' ');
          }
        });
      }),
    [editor],
  );

  useEffect(() => {
    const ensure = () => {
      const existing = editor.getEditorState().read(() => new Set($marks().keys()));
      const add = wishes.filter((w) => w.show && !existing.has(w.id));
      const remove = wishes.filter((w) => !w.show && existing.has(w.id));
      // Usually every mark is already there: then the novel is not serialized to find out.
      if (add.length === 0 && remove.length === 0) return;
      const { text, segments } = plainTextMap(editor);
      editor.update(
        () => {
          for (const wish of remove) $removeMark(wish.id);
          for (const wish of add) {
            const match = findAnchor(text, wish.anchor);
            if (match) $markRange(wish.id, match.start, match.end, segments);
          }
        },
        // Not the writer's edit: no undo step of its own, and saved without "Editing…".
        { tag: [HISTORY_MERGE_TAG, COMMENT_MARKS_TAG] },
      );
    };
    ensure();
    // An undo can take a mark away with the text it restores: put it back.
    return editor.registerUpdateListener(({ tags }) => {
      if (tags.has(HISTORIC_TAG)) ensure();
    });
  }, [editor, wishes]);

  useEffect(() => {
    const jump = (event: Event) => {
      const id = (event as CustomEvent<string>).detail;
      editor.getEditorState().read(() => {
        const mark = $marks().get(id);
        const element = mark && editor.getElementByKey(mark.getKey());
        if (!element) return;
        element.scrollIntoView({ block: 'center', behavior: 'smooth' });
        element.classList.add('ed-mark-active');
        setTimeout(() => element.classList.remove('ed-mark-active'), 1500);
      });
    };
    commentFocus.addEventListener('jump', jump);
    return () => commentFocus.removeEventListener('jump', jump);
  }, [editor]);

  if (!review || review.shares.length === 0) return null;
  return (
    <MarginThreads
      page={root?.closest<HTMLElement>('.page') ?? null}
      text={root}
      threads={review.threads.filter((t) => !t.root.resolved)}
      meId={review.shares[0]!.authorId}
      shareAuthorId={(shareId) => review.shares.find((s) => s.id === shareId)?.authorId ?? null}
    />
  );
}

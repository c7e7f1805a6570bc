import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect } from 'react';
import type { TextAnchor } from '../../../../shared/text/anchor';
import { findAnchor } from '../../../../shared/text/anchor';
import { commentFocus } from './comment-focus';
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
 * live text (exact, then approximate). Also scrolls to a passage when the sidebar asks.
 */
export function CommentMarksPlugin({ wishes }: { wishes: MarkWish[] }) {
  const [editor] = useLexicalComposerContext();

  useEffect(() => {
    const { text, segments } = plainTextMap(editor);
    editor.update(
      () => {
        const existing = $marks();
        for (const wish of wishes) {
          if (!wish.show) {
            if (existing.has(wish.id)) $removeMark(wish.id);
            continue;
          }
          if (existing.has(wish.id)) continue;
          const match = findAnchor(text, wish.anchor);
          if (match) $markRange(wish.id, match.start, match.end, segments);
        }
      },
      { tag: 'comment-marks' },
    );
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
  return null;
}

import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect, type RefObject } from 'react';

/** Typewriter scrolling: after each change or caret move, the line being written is brought to the middle of the page. */
export function TypewriterPlugin({ enabled, scrollRef }: { enabled: boolean; scrollRef: RefObject<HTMLDivElement | null> }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    if (!enabled) return;
    let frame = 0;
    const center = () => {
      frame = 0;
      const scroller = scrollRef.current;
      const selection = window.getSelection();
      if (!scroller || !selection || selection.rangeCount === 0 || !scroller.contains(selection.anchorNode)) return;
      const range = selection.getRangeAt(0);
      let rect = range.getBoundingClientRect();
      // A caret in an empty line has no box of its own: use its block's.
      if (rect.height === 0) rect = (selection.anchorNode instanceof Element ? selection.anchorNode : selection.anchorNode?.parentElement)?.getBoundingClientRect() ?? rect;
      const box = scroller.getBoundingClientRect();
      const offset = rect.top + rect.height / 2 - (box.top + box.height / 2);
      if (Math.abs(offset) > 2) scroller.scrollTop += offset;
    };
    const unregister = editor.registerUpdateListener(() => {
      if (!frame) frame = requestAnimationFrame(center);
    });
    return () => {
      unregister();
      cancelAnimationFrame(frame);
    };
  }, [editor, enabled, scrollRef]);
  return null;
}

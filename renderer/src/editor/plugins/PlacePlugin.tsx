import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { SKIP_DOM_SELECTION_TAG } from 'lexical';
import { useEffect, useRef, type RefObject } from 'react';
import type { DocumentPlace } from '../../../../shared/api/projects';
import { useStudio } from '../../app/studio-context';
import { $caretPlace, $selectPlace } from '../place';
import { pendingBefore } from '../progressive-load';

/** Written this long after the caret or the page stops moving: cheap, and never on the typing path. */
const PLACE_DELAY_MS = 1000;

/**
 * Where the writer left off: on opening, the caret and scroll come back and the editor has the
 * focus, so typing continues at once; while writing, the place is kept (after a pause, and on leaving).
 */
export function PlacePlugin({ documentId, place: saved, scrollRef }: { documentId: string; place: DocumentPlace | null; scrollRef: RefObject<HTMLDivElement | null> }) {
  const [editor] = useLexicalComposerContext();
  const api = useStudio();
  /** The caret block's height on the page as last seen (the page is gone by the time the document is left). */
  const offsetRef = useRef(saved?.scroll ?? 0);

  // Restore once, when the document is mounted. The caret (and with it the focus) only when the
  // writer is not somewhere else already: naming a new document, moving about the binder.
  useEffect(() => {
    // A long document opens with the blocks around the place first: the place within them.
    const place = saved && { ...saved, block: saved.block - pendingBefore(editor) };
    const active = document.activeElement;
    const takeFocus = !active || active === document.body;
    editor.update(() => $selectPlace(place ?? { block: 0, offset: 0 }), {
      tag: takeFocus ? undefined : SKIP_DOM_SELECTION_TAG,
      onUpdate: () => {
        if (takeFocus) editor.getRootElement()?.focus({ preventScroll: true });
        const scroller = scrollRef.current;
        const block = place && editor.getRootElement()?.children[place.block];
        // By the caret's block, not an absolute offset: blocks never drawn yet have estimated heights.
        if (scroller && block) {
          block.scrollIntoView({ block: 'start' });
          scroller.scrollTop -= place.scroll;
          // Blocks drawn for the first time (their height was estimated) can move it: put it back over the next frames.
          const settle = (frames: number) =>
            requestAnimationFrame(() => {
              if (!block.isConnected) return;
              const drift = block.getBoundingClientRect().top - scroller.getBoundingClientRect().top - place.scroll;
              if (Math.abs(drift) > 1) scroller.scrollTop += drift;
              if (frames > 1) settle(frames - 1);
            });
          settle(10);
        }
        offsetRef.current = blockOffset(scroller, editor.getRootElement()?.children[place?.block ?? 0]);
      },
    });
    // Only the place the document was opened with: this runs once per mount.
  }, [editor]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = '';
    const record = () => {
      timer = undefined;
      const read = editor.getEditorState().read($caretPlace);
      if (!read) return;
      const caret = { ...read, block: read.block + pendingBefore(editor) }; // blocks still loading above
      // On leaving the document its page is already out of the window: keep the last height seen.
      const block = editor.getRootElement()?.children[read.block];
      if (block?.isConnected) offsetRef.current = blockOffset(scrollRef.current, block);
      const next = { ...caret, scroll: offsetRef.current };
      const key = JSON.stringify(next);
      if (key === last) return;
      last = key;
      api.documents.setPlace({ id: documentId, place: next }).catch(() => undefined); // a place is a convenience
    };
    const later = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(record, PLACE_DELAY_MS);
    };
    const scroller = scrollRef.current;
    scroller?.addEventListener('scroll', later, { passive: true });
    const unregister = editor.registerUpdateListener(later);
    return () => {
      unregister();
      scroller?.removeEventListener('scroll', later);
      if (timer) record();
    };
  }, [editor, api, documentId, scrollRef]);
  return null;
}

/** How far below the top of the visible page the caret's block starts (0 when it is above it). */
function blockOffset(scroller: HTMLElement | null, block: Element | undefined): number {
  if (!scroller || !block) return 0;
  return Math.max(0, Math.round(block.getBoundingClientRect().top - scroller.getBoundingClientRect().top));
}

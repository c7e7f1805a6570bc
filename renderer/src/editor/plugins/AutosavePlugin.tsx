import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect, type MutableRefObject } from 'react';
import type { SaveResult } from '../../../../shared/api/studio-api';
import { errorMessage, isDesktop } from '../../app/studio-client';
import { useStudio } from '../../app/studio-context';
import { createSerializeCache } from '../serialize-cache';
import { finishLoading } from '../progressive-load';
import { COMMENT_MARKS_TAG, LOAD_TAG } from '../update-tags';

/** Saved this long after typing pauses: well inside the one second a crash may take. */
export const SAVE_DELAY_MS = 400;
const RETRY_DELAY_MS = 3000;

export type SaveState =
  | { state: 'saved'; at: string | null }
  | { state: 'unsaved' }
  | { state: 'saving' }
  | { state: 'error'; message: string };

interface Props {
  documentId: string;
  onSaved: (result: SaveResult) => void;
  onState: (state: SaveState) => void;
  /** Filled with a function that saves now; the app calls it before switching documents. */
  flushRef: MutableRefObject<(() => Promise<void>) | null>;
}

/**
 * The writer never presses save. A change is written shortly after typing pauses, when
 * the document is left, and when the window closes; saves go out one at a time, in order,
 * and a failed save is retried without losing the text in the editor.
 */
export function AutosavePlugin({ documentId, onSaved, onState, flushRef }: Props) {
  const [editor] = useLexicalComposerContext();
  const api = useStudio();

  useEffect(() => {
    const serializer = createSerializeCache(editor);
    let idle = 0;
    const warm = (deadline: IdleDeadline) => {
      idle = serializer.warm(deadline) ? 0 : requestIdleCallback(warm);
    };
    idle = requestIdleCallback(warm);
    let dirty = false;
    // True while every unsaved change is comment marks (COMMENT_MARKS_TAG): saved silently.
    let quiet = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let chain: Promise<void> = Promise.resolve();
    // Report only changes of state: a new object per keystroke would re-render the whole app.
    let last: SaveState['state'] | null = null;
    const report = (next: SaveState) => {
      if (next.state === last && next.state === 'unsaved') return;
      last = next.state;
      onState(next);
    };

    const save = (): Promise<void> => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (!dirty) return chain;
      // A long document still coming in is completed first: a save never holds part of it.
      finishLoading(editor);
      dirty = false;
      const silent = quiet;
      quiet = true;
      const content = serializer.serialize();
      if (!silent) report({ state: 'saving' });
      chain = chain
        .then(() => api.documents.save({ id: documentId, content }))
        .then(
          (result) => {
            onSaved(result);
            // Saved, unless the writer typed meanwhile (marks added meanwhile follow silently).
            if (!silent && (!dirty || quiet)) report({ state: 'saved', at: result.savedAt });
          },
          (error: unknown) => {
            dirty = true; // keep the text marked unsaved and try again
            quiet = false; // a failed save is always shown
            report({ state: 'error', message: errorMessage(error) });
            timer = setTimeout(() => void save(), RETRY_DELAY_MS);
          },
        );
      return chain;
    };

    const unregister = editor.registerUpdateListener(({ dirtyElements, dirtyLeaves, tags }) => {
      if ((dirtyElements.size === 0 && dirtyLeaves.size === 0) || tags.has(LOAD_TAG)) return;
      if (!tags.has(COMMENT_MARKS_TAG)) {
        quiet = false;
        report({ state: 'unsaved' });
      } else if (!dirty) {
        quiet = true;
      }
      dirty = true;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void save(), SAVE_DELAY_MS);
    });

    // Closing the window: in Electron, hold the close until the save is acknowledged; in a
    // browser tab, send it at once (the WebSocket frame goes out before the page is gone).
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirty) return;
      if (isDesktop()) {
        event.preventDefault();
        void save().then(() => window.close());
      } else {
        void save();
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    flushRef.current = save;
    return () => {
      unregister();
      window.removeEventListener('beforeunload', onBeforeUnload);
      void save();
      cancelIdleCallback(idle);
      serializer.dispose();
      flushRef.current = null;
    };
  }, [editor, api, documentId, onSaved, onState, flushRef]);

  return null;
}

import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { HistoryState } from '@lexical/history';
import { useEffect } from 'react';
import { startLoading, type OpeningContent } from '../progressive-load';

/**
 * Adds the rest of a long document after its first view (progressive-load.ts), then says so.
 * First among the editor's plugins: those after it find the loading already known.
 */
export function ProgressiveLoadPlugin({ opening, history, onLoaded }: { opening: OpeningContent; history: HistoryState; onLoaded: () => void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const loading = startLoading(editor, opening, history);
    if (!loading) return;
    let mounted = true;
    void loading.done.then(() => mounted && onLoaded());
    loading.resume();
    return () => {
      mounted = false;
      loading.pause();
    };
  }, [editor, opening, history, onLoaded]);
  return null;
}

import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect } from 'react';
import { startLoading, type OpeningContent } from '../progressive-load';

/**
 * Adds the rest of a long document after its first view (progressive-load.ts), then says so.
 * First among the editor's plugins: those after it find the loading already known.
 */
export function ProgressiveLoadPlugin({ opening, onLoaded }: { opening: OpeningContent; onLoaded: () => void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const loading = startLoading(editor, opening);
    if (!loading) return;
    let mounted = true;
    void loading.done.then(() => mounted && onLoaded());
    loading.resume();
    return () => {
      mounted = false;
      loading.pause();
    };
  }, [editor, opening, onLoaded]);
  return null;
}

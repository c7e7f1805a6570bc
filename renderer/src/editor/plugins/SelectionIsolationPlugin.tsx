import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect } from 'react';

const stop = (event: Event) => event.stopPropagation();

/**
 * Keeps React's onSelect machinery off the page. When a contenteditable inside a React root
 * gets the focus, React remembers it and, on every selectionchange, keydown and keyup, works out
 * the selection's character offsets by walking the text from the top of the element: in the
 * middle of a 100,000-word chapter, on every keystroke. Nothing in Margin listens to onSelect
 * (Lexical follows the selection itself), so the focus event stops at the editor and React
 * never starts.
 */
export function SelectionIsolationPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerRootListener((root, previous) => {
        previous?.removeEventListener('focusin', stop);
        root?.addEventListener('focusin', stop);
      }),
    [editor],
  );
  return null;
}

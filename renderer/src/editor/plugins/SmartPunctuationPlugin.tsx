import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getSelection, $isRangeSelection, $isTextNode, COMMAND_PRIORITY_HIGH, KEY_DOWN_COMMAND, type RangeSelection } from 'lexical';
import { useEffect } from 'react';
import { smartReplacement } from '../smart-punctuation';

/** The text just before a collapsed caret in its block (enough to decide a quote or a dash). */
function $textBefore(selection: RangeSelection): string {
  const { anchor } = selection;
  const node = anchor.getNode();
  if ($isTextNode(node)) {
    const own = node.getTextContent().slice(0, anchor.offset);
    if (own.length >= 2) return own;
    const previous = node.getPreviousSibling();
    return ($isTextNode(previous) ? previous.getTextContent() : '') + own;
  }
  return '';
}

/**
 * Smart quotes and dashes as the writer types (on by default; a setting turns it off). Done
 * on the key rather than afterwards, so Undo takes back the curly quote with the keystroke and
 * a pasted or opened text is never rewritten.
 */
export function SmartPunctuationPlugin({ enabled }: { enabled: boolean }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    if (!enabled) return;
    return editor.registerCommand(
      KEY_DOWN_COMMAND,
      (event) => {
        if (event.isComposing || event.ctrlKey || event.metaKey || event.altKey || event.key.length !== 1) return false;
        const selection = $getSelection();
        if (!$isRangeSelection(selection) || !selection.isCollapsed()) return false;
        const change = smartReplacement(event.key, $textBefore(selection));
        if (!change) return false;
        event.preventDefault();
        for (let i = 0; i < change.replace; i++) selection.deleteCharacter(true);
        selection.insertText(change.insert);
        return true;
      },
      COMMAND_PRIORITY_HIGH,
    );
  }, [editor, enabled]);
  return null;
}

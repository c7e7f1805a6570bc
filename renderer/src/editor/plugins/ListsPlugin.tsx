import { $handleListInsertParagraph, $insertList, $isListItemNode, $removeList, INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, REMOVE_LIST_COMMAND } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import { $getSelection, $isRangeSelection, COMMAND_PRIORITY_BEFORE_EDITOR, COMMAND_PRIORITY_LOW, INSERT_PARAGRAPH_COMMAND, KEY_BACKSPACE_COMMAND, type LexicalNode } from 'lexical';
import { useEffect } from 'react';

/**
 * Bulleted and numbered lists: Lexical's registerList without its TextNode transform. Registering
 * a transform marks every node of its type dirty so that it runs once; for TextNode that is
 * every text node of the chapter, on every open: a full pass over a 100,000-word document and
 * an autosave of it before the writer has typed anything. That transform only copies a list
 * item's first text format onto the item (for the next empty item); without it an empty item
 * starts plain.
 */
export function ListsPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(INSERT_ORDERED_LIST_COMMAND, () => ($insertList('number'), true), COMMAND_PRIORITY_LOW),
        editor.registerCommand(INSERT_UNORDERED_LIST_COMMAND, () => ($insertList('bullet'), true), COMMAND_PRIORITY_LOW),
        editor.registerCommand(REMOVE_LIST_COMMAND, () => ($removeList(), true), COMMAND_PRIORITY_LOW),
        editor.registerCommand(INSERT_PARAGRAPH_COMMAND, () => $handleListInsertParagraph(false), COMMAND_PRIORITY_LOW),
        // Backspace at the start of a list item's first line turns the item back into a paragraph.
        editor.registerCommand(
          KEY_BACKSPACE_COMMAND,
          (event) => {
            const selection = $getSelection();
            if (!$isRangeSelection(selection) || !selection.isCollapsed() || selection.anchor.offset !== 0) return false;
            let current: LexicalNode | null = selection.anchor.getNode();
            while (current && !$isListItemNode(current)) {
              if (current.getPreviousSibling() !== null) return false;
              current = current.getParent();
            }
            if (!$isListItemNode(current) || !current.collapseAtStart(selection)) return false;
            event?.preventDefault();
            return true;
          },
          COMMAND_PRIORITY_BEFORE_EDITOR,
        ),
      ),
    [editor],
  );
  return null;
}

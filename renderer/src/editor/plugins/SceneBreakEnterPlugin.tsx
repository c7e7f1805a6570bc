import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createParagraphNode, $getSelection, $isParagraphNode, $isRangeSelection, COMMAND_PRIORITY_HIGH, KEY_ENTER_COMMAND } from 'lexical';
import { useEffect } from 'react';
import { $createSceneBreakNode } from '../nodes/SceneBreakNode';

const SCENE_BREAK_LINE = /^\s*(\*\*\*|---|___)\s*$/;

/** `***` (or `---`, `___`) alone on a line, then Enter: a scene break, and the caret on a new line after it. */
export function SceneBreakEnterPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        KEY_ENTER_COMMAND,
        (event) => {
          const selection = $getSelection();
          if (!$isRangeSelection(selection) || !selection.isCollapsed() || event?.shiftKey) return false;
          const block = selection.anchor.getNode().getTopLevelElement();
          if (!$isParagraphNode(block) || !SCENE_BREAK_LINE.test(block.getTextContent())) return false;
          event?.preventDefault();
          const next = $createParagraphNode();
          block.replace($createSceneBreakNode()).insertAfter(next);
          next.select();
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
    [editor],
  );
  return null;
}

import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, $isListNode, ListNode } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, type HeadingTagType } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { $getNearestNodeOfType, mergeRegister } from '@lexical/utils';
import {
  $createParagraphNode,
  $getSelection,
  $insertNodes,
  $isRangeSelection,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  FORMAT_TEXT_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  type TextFormatType,
} from 'lexical';
import { useEffect, useState } from 'react';
import { $createSceneBreakNode } from '../nodes/SceneBreakNode';

type Block = 'paragraph' | 'h1' | 'h2' | 'h3' | 'quote' | 'bullet' | 'number';
const FORMATS: Array<{ format: TextFormatType; label: string; glyph: string; keys: string }> = [
  { format: 'bold', label: 'Bold', glyph: 'B', keys: 'Ctrl+B' },
  { format: 'italic', label: 'Italic', glyph: 'I', keys: 'Ctrl+I' },
  { format: 'underline', label: 'Underline', glyph: 'U', keys: 'Ctrl+U' },
  { format: 'strikethrough', label: 'Strikethrough', glyph: 'S', keys: '' },
];
const BLOCKS: Array<{ value: Block; label: string }> = [
  { value: 'paragraph', label: 'Paragraph' },
  { value: 'h1', label: 'Heading 1' },
  { value: 'h2', label: 'Heading 2' },
  { value: 'h3', label: 'Heading 3' },
  { value: 'quote', label: 'Block quote' },
  { value: 'bullet', label: 'Bulleted list' },
  { value: 'number', label: 'Numbered list' },
];

/** Formatting controls; every one also has a keyboard shortcut or a Markdown shortcut. */
export function ToolbarPlugin() {
  const [editor] = useLexicalComposerContext();
  const [active, setActive] = useState<Set<TextFormatType>>(new Set());
  const [block, setBlock] = useState<Block>('paragraph');
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);

  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(({ editorState }) =>
          editorState.read(() => {
            const selection = $getSelection();
            if (!$isRangeSelection(selection)) return;
            const next = new Set(FORMATS.filter((f) => selection.hasFormat(f.format)).map((f) => f.format));
            setActive((prev) => (sameSet(prev, next) ? prev : next));
            const anchor = selection.anchor.getNode();
            const top = anchor.getKey() === 'root' ? anchor : anchor.getTopLevelElementOrThrow();
            const list = $getNearestNodeOfType(anchor, ListNode);
            setBlock(
              list && $isListNode(list)
                ? list.getListType() === 'number' ? 'number' : 'bullet'
                : $isHeadingNode(top)
                  ? (top.getTag() as Block)
                  : top.getType() === 'quote'
                    ? 'quote'
                    : 'paragraph',
            );
          }),
        ),
        editor.registerCommand(CAN_UNDO_COMMAND, (v) => (setCanUndo(v), false), COMMAND_PRIORITY_LOW),
        editor.registerCommand(CAN_REDO_COMMAND, (v) => (setCanRedo(v), false), COMMAND_PRIORITY_LOW),
      ),
    [editor],
  );

  const setBlockType = (value: Block) => {
    if (value === 'bullet') return void editor.dispatchCommand(INSERT_UNORDERED_LIST_COMMAND, undefined);
    if (value === 'number') return void editor.dispatchCommand(INSERT_ORDERED_LIST_COMMAND, undefined);
    editor.update(() => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      $setBlocksType(selection, () =>
        value === 'paragraph'
          ? $createParagraphNode()
          : value === 'quote'
            ? $createQuoteNode()
            : $createHeadingNode(value as HeadingTagType),
      );
    });
    editor.focus();
  };

  const insertSceneBreak = () => {
    editor.update(() => {
      $insertNodes([$createSceneBreakNode()]);
    });
    editor.focus();
  };

  return (
    <div className="toolbar" role="toolbar" aria-label="Formatting">
      <button type="button" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!canUndo} onClick={() => editor.dispatchCommand(UNDO_COMMAND, undefined)}>
        ↶
      </button>
      <button type="button" aria-label="Redo" title="Redo (Ctrl+Shift+Z)" disabled={!canRedo} onClick={() => editor.dispatchCommand(REDO_COMMAND, undefined)}>
        ↷
      </button>
      <span className="toolbar-sep" aria-hidden="true" />
      <label className="visually-hidden" htmlFor="block-type">
        Block type
      </label>
      <select id="block-type" value={block} onChange={(e) => setBlockType(e.target.value as Block)}>
        {BLOCKS.map((b) => (
          <option key={b.value} value={b.value}>
            {b.label}
          </option>
        ))}
      </select>
      {FORMATS.map((f) => (
        <button
          key={f.format}
          type="button"
          className={`fmt-${f.format}`}
          aria-label={f.label}
          aria-pressed={active.has(f.format)}
          title={f.keys ? `${f.label} (${f.keys})` : f.label}
          onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, f.format)}
        >
          {f.glyph}
        </button>
      ))}
      <span className="toolbar-sep" aria-hidden="true" />
      <button type="button" aria-label="Insert scene break" title="Scene break (type *** on an empty line)" onClick={insertSceneBreak}>
        ⁂
      </button>
    </div>
  );
}

function sameSet<T>(a: Set<T>, b: Set<T>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

import { $isLinkNode, $toggleLink } from '@lexical/link';
import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, $isListNode, ListNode } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, type HeadingTagType } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { $getNearestNodeOfType, mergeRegister } from '@lexical/utils';
import {
  $createParagraphNode,
  $createRangeSelectionFromDom,
  $getSelection,
  $insertNodes,
  $isRangeSelection,
  $setSelection,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  FORMAT_TEXT_COMMAND,
  KEY_MODIFIER_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  type TextFormatType,
} from 'lexical';
import { useEffect, useState } from 'react';
import { SAFE_LINK } from '../../../../shared/schemas/lexical';
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
  const [inLink, setInLink] = useState(false);
  const [linkForm, setLinkForm] = useState<{ url: string; error: string | null } | null>(null);

  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(({ editorState }) =>
          editorState.read(() => {
            const selection = $getSelection();
            if (!$isRangeSelection(selection)) return;
            const next = new Set(FORMATS.filter((f) => selection.hasFormat(f.format)).map((f) => f.format));
            setActive((prev) => (sameSet(prev, next) ? prev : next));
            const linked = $isLinkNode(selection.anchor.getNode().getParent()) || $isLinkNode(selection.anchor.getNode());
            setInLink(linked);
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
        // Ctrl+K: the link tool.
        editor.registerCommand(
          KEY_MODIFIER_COMMAND,
          (event) => {
            if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'k') return false;
            event.preventDefault();
            openLinkForm();
            return true;
          },
          COMMAND_PRIORITY_LOW,
        ),
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

  // The link goes on the text selected on screen: keys pressed a moment ago may not have reached
  // the editor's own selection yet (it follows the page's selection a beat later).
  const openLinkForm = () => {
    editor.update(() => {
      const dom = window.getSelection();
      if (!dom || !editor.getRootElement()?.contains(dom.anchorNode)) return;
      const selection = $createRangeSelectionFromDom(dom, editor);
      if (selection) $setSelection(selection);
    });
    setLinkForm({ url: '', error: null });
  };

  const applyLink = (url: string | null) => {
    if (url !== null) {
      const error = linkError(url);
      if (error) return setLinkForm({ url, error });
    }
    editor.update(() => $toggleLink(url === null ? null : url.trim()));
    setLinkForm(null);
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
      <button type="button" aria-label="Link" aria-pressed={inLink} title="Link (Ctrl+K): http, https or mailto" onClick={openLinkForm}>
        Link
      </button>
      <button type="button" aria-label="Insert scene break" title="Scene break (type *** on an empty line, then Enter)" onClick={insertSceneBreak}>
        ⁂
      </button>
      {linkForm && (
        <form
          className="link-form inline"
          onSubmit={(e) => {
            e.preventDefault();
            applyLink(linkForm.url);
          }}
        >
          <label className="visually-hidden" htmlFor="link-url">
            Link address
          </label>
          <input
            id="link-url"
            type="text"
            inputMode="url"
            placeholder="https://… or mailto:…"
            autoFocus
            value={linkForm.url}
            aria-invalid={linkForm.error ? true : undefined}
            aria-describedby={linkForm.error ? 'link-error' : undefined}
            onChange={(e) => setLinkForm({ url: e.target.value, error: null })}
            onKeyDown={(e) => e.key === 'Escape' && (setLinkForm(null), editor.focus())}
          />
          <button type="submit">Apply link</button>
          {inLink && (
            <button type="button" onClick={() => applyLink(null)}>
              Remove link
            </button>
          )}
          <button type="button" onClick={() => (setLinkForm(null), editor.focus())}>
            Cancel
          </button>
          {linkForm.error && (
            <span id="link-error" role="alert" className="error">
              {linkForm.error}
            </span>
          )}
        </form>
      )}
    </div>
  );
}

/** The same rule the core applies to every document (shared/schemas/lexical.ts): http, https and mailto only. */
function linkError(url: string): string | null {
  const trimmed = url.trim();
  if (!SAFE_LINK.test(trimmed)) return 'A link must start with http://, https:// or mailto:.';
  try {
    new URL(trimmed);
    return null;
  } catch {
    return 'That is not a web or mail address.';
  }
}

function sameSet<T>(a: Set<T>, b: Set<T>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

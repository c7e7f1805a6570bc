import { AutoLinkNode, LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { MarkNode } from '@lexical/mark';
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { createEmptyHistoryState, HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { MarkdownShortcutPlugin } from '@lexical/react/LexicalMarkdownShortcutPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { useCallback, useRef, useState, type MouseEvent, type MutableRefObject } from 'react';
import type { OpenDocument, SaveResult } from '../../../shared/api/studio-api';
import { MARKDOWN_SHORTCUTS } from './markdown';
import { SceneBreakNode } from './nodes/SceneBreakNode';
import { AutosavePlugin, type SaveState } from './plugins/AutosavePlugin';
import { ListsPlugin } from './plugins/ListsPlugin';
import { PlacePlugin } from './plugins/PlacePlugin';
import { ProgressiveLoadPlugin } from './plugins/ProgressiveLoadPlugin';
import { openingContent } from './progressive-load';
import { SceneBreakEnterPlugin } from './plugins/SceneBreakEnterPlugin';
import { SelectionIsolationPlugin } from './plugins/SelectionIsolationPlugin';
import { SmartPunctuationPlugin } from './plugins/SmartPunctuationPlugin';
import { ToolbarPlugin } from './plugins/ToolbarPlugin';
import { TypewriterPlugin } from './plugins/TypewriterPlugin';
import { WordCountPlugin } from './plugins/WordCountPlugin';
import { editorTheme } from './theme';
import { CommentMarksPlugin, type MarkWish } from '../panels/critique/CommentMarksPlugin';
import { SearchJumpPlugin } from '../panels/search/SearchJumpPlugin';

// Links: made with the toolbar's link tool, or carried by shared drafts (http, https and mailto only).
export const EDITOR_NODES = [HeadingNode, QuoteNode, ListNode, ListItemNode, SceneBreakNode, MarkNode, LinkNode, AutoLinkNode];

interface Props {
  doc: OpenDocument;
  flushRef: MutableRefObject<(() => Promise<void>) | null>;
  onWords: (words: number) => void;
  onSaved: (result: SaveResult) => void;
  onSaveState: (state: SaveState) => void;
  onError: (message: string) => void;
  /** Comment passages to keep marked. */
  marks: MarkWish[];
  smartQuotes: boolean;
  typewriter: boolean;
}

/**
 * A click in the page's margin (beside or below the text) puts the caret on the nearest line,
 * as on paper, instead of doing nothing.
 */
function placeCaretFromMargin(event: MouseEvent<HTMLDivElement>) {
  const editable = event.currentTarget.querySelector<HTMLElement>('[contenteditable="true"]');
  if (!editable || event.button !== 0 || editable.contains(event.target as Node)) return;
  if ((event.target as HTMLElement).closest('button, a, input, select, textarea, .doc-title')) return;
  const box = editable.getBoundingClientRect();
  const x = Math.min(Math.max(event.clientX, box.left + 2), box.right - 2);
  const y = Math.min(Math.max(event.clientY, box.top + 2), box.bottom - 2);
  const range = document.caretRangeFromPoint?.(x, y);
  if (!range || !editable.contains(range.startContainer)) return;
  event.preventDefault();
  editable.focus({ preventScroll: true });
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

/** One document in a Lexical rich-text editor. Remounted (by key) for each document opened. */
export function Editor({ doc, flushRef, onWords, onSaved, onSaveState, onError, marks, smartQuotes, typewriter }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // A long document opens with the blocks around the writer's place; the rest follows at once.
  const [opening] = useState(() => openingContent(doc.content, doc.place?.block ?? 0));
  const [loaded, setLoaded] = useState(opening.before.length === 0 && opening.after.length === 0);
  const onLoaded = useCallback(() => setLoaded(true), []);
  const [history] = useState(createEmptyHistoryState);
  const initialConfig: InitialConfigType = {
    namespace: 'margin',
    theme: editorTheme,
    nodes: EDITOR_NODES,
    editorState: opening.first,
    onError: (error) => onError(error.message),
  };
  return (
    <LexicalComposer initialConfig={initialConfig}>
      <ProgressiveLoadPlugin opening={opening} history={history} onLoaded={onLoaded} />
      <ToolbarPlugin />
      <div className={`editor-scroll${typewriter ? ' typewriter' : ''}`} ref={scrollRef} onMouseDown={placeCaretFromMargin}>
        <article className="page">
          <h1 className="doc-title">{doc.title}</h1>
          <RichTextPlugin
            contentEditable={<ContentEditable className="editor" aria-label={`Text of ${doc.title}`} spellCheck tabIndex={0} />}
            placeholder={<p className="editor-placeholder">Begin here. Margin saves as you write.</p>}
            ErrorBoundary={LexicalErrorBoundary}
          />
        </article>
      </div>
      <SelectionIsolationPlugin />
      <HistoryPlugin externalHistoryState={history} />
      <ListsPlugin />
      <MarkdownShortcutPlugin transformers={MARKDOWN_SHORTCUTS} />
      <SceneBreakEnterPlugin />
      <SmartPunctuationPlugin enabled={smartQuotes} />
      <TypewriterPlugin enabled={typewriter} scrollRef={scrollRef} />
      <WordCountPlugin initial={doc.wordCount} onCount={onWords} />
      {/* Anchors are found in the whole text, and a search hit may be anywhere in it: once it is all in. */}
      {loaded && <CommentMarksPlugin wishes={marks} />}
      {loaded && <SearchJumpPlugin documentId={doc.id} />}
      <PlacePlugin documentId={doc.id} place={doc.place} scrollRef={scrollRef} />
      <AutosavePlugin documentId={doc.id} flushRef={flushRef} onSaved={onSaved} onState={onSaveState} />
    </LexicalComposer>
  );
}

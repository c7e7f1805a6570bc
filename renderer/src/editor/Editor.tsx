import { AutoLinkNode, LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { MarkNode } from '@lexical/mark';
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { MarkdownShortcutPlugin } from '@lexical/react/LexicalMarkdownShortcutPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import type { MutableRefObject } from 'react';
import type { OpenDocument, SaveResult } from '../../../shared/api/studio-api';
import { MARKDOWN_SHORTCUTS } from './markdown';
import { SceneBreakNode } from './nodes/SceneBreakNode';
import { AutosavePlugin, type SaveState } from './plugins/AutosavePlugin';
import { ToolbarPlugin } from './plugins/ToolbarPlugin';
import { WordCountPlugin } from './plugins/WordCountPlugin';
import { editorTheme } from './theme';
import { CommentMarksPlugin, type MarkWish } from '../panels/critique/CommentMarksPlugin';

// Links are never made here, but shared drafts may carry them (http, https and mailto only).
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
}

/** One document in a Lexical rich-text editor. Remounted (by key) for each document opened. */
export function Editor({ doc, flushRef, onWords, onSaved, onSaveState, onError, marks }: Props) {
  const initialConfig: InitialConfigType = {
    namespace: 'margin',
    theme: editorTheme,
    nodes: EDITOR_NODES,
    editorState: doc.content ?? undefined,
    onError: (error) => onError(error.message),
  };
  return (
    <LexicalComposer initialConfig={initialConfig}>
      <ToolbarPlugin />
      <div className="editor-scroll">
        <article className="page">
          <h1 className="doc-title">{doc.title}</h1>
          <RichTextPlugin
            contentEditable={
              <ContentEditable className="editor" aria-label={`Text of ${doc.title}`} spellCheck />
            }
            placeholder={<p className="editor-placeholder">Begin here. Margin saves as you write.</p>}
            ErrorBoundary={LexicalErrorBoundary}
          />
        </article>
      </div>
      <HistoryPlugin />
      <ListPlugin />
      <MarkdownShortcutPlugin transformers={MARKDOWN_SHORTCUTS} />
      <WordCountPlugin onCount={onWords} />
      <CommentMarksPlugin wishes={marks} />
      <AutosavePlugin documentId={doc.id} flushRef={flushRef} onSaved={onSaved} onState={onSaveState} />
    </LexicalComposer>
  );
}

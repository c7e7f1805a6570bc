import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { $getSelection, $isRangeSelection } from 'lexical';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { ShareView } from '../../../../shared/api/studio-api';
import { anchorAt, type TextAnchor } from '../../../../shared/text/anchor';
import { errorMessage } from '../../app/studio-client';
import { useStudio } from '../../app/studio-context';
import { EDITOR_NODES } from '../../editor/Editor';
import { editorTheme } from '../../editor/theme';
import { CommentMarksPlugin } from './CommentMarksPlugin';
import { $offsetOf, plainTextMap } from './text-points';

/** Turns the reader's selection into an anchor on the version's plain text. */
function SelectionToAnchor({ onAnchor }: { onAnchor: (get: () => TextAnchor | null) => void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    onAnchor(() => {
      const { text, segments } = plainTextMap(editor);
      return editor.getEditorState().read(() => {
        const selection = $getSelection();
        if (!$isRangeSelection(selection) || selection.isCollapsed()) return null;
        const a = $offsetOf(selection.anchor, segments);
        const b = $offsetOf(selection.focus, segments);
        if (a === null || b === null || a === b) return null;
        const [start, end] = a < b ? [a, b] : [b, a];
        return anchorAt(text, start, Math.min(end, start + 2000));
      });
    });
  }, [editor, onAnchor]);
  return null;
}

/** A shared draft, read-only: select a passage and comment on it (offline too). */
export function ShareReader({ view, onVersion, onClose }: { view: ShareView; onVersion: (versionId: string) => void; onClose: () => void }) {
  const api = useStudio();
  const [getAnchor, setGetAnchor] = useState<(() => TextAnchor | null) | null>(null);
  const [pending, setPending] = useState<TextAnchor | null>(null);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const wishes = useMemo(
    () => view.threads.filter((t) => t.root.anchor && t.root.versionId === view.version.id).map((t) => ({ id: t.root.id, anchor: t.root.anchor!, show: !t.root.resolved })),
    [view],
  );

  const startComment = () => {
    const anchor = getAnchor?.() ?? null;
    if (!anchor) return setError('Select the passage you want to comment on first.');
    setError(null);
    setPending(anchor);
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.altKey && e.key.toLowerCase() === 'm') {
        e.preventDefault();
        startComment();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  const send = (e: FormEvent) => {
    e.preventDefault();
    if (!pending) return;
    api.comments.add({ shareId: view.share.id, versionId: view.version.id, body, anchor: pending }).then(
      () => {
        setPending(null);
        setBody(''); // the new comment comes back with `critique:changed`
      },
      (err: unknown) => setError(errorMessage(err)),
    );
  };

  const initialConfig: InitialConfigType = {
    namespace: 'margin-share',
    theme: editorTheme,
    nodes: EDITOR_NODES,
    editable: false,
    editorState: view.version.content ?? undefined,
    onError: (e) => setError(e.message),
  };
  return (
    <div className="share-reader">
      <div className="toolbar" role="toolbar" aria-label="Shared draft">
        <button type="button" onClick={onClose}>
          ← My writing
        </button>
        <label>
          Version{' '}
          <select value={view.version.id} onChange={(e) => onVersion(e.target.value)}>
            {view.share.versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.number}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={startComment} disabled={!view.version.content} title="Ctrl+Alt+M">
          Comment on selection
        </button>
      </div>
      {error && (
        <p role="alert" className="notice error">
          {error}
        </p>
      )}
      {pending && (
        <form className="comment-form" onSubmit={send}>
          <p className="quote">“{pending.quote.length > 200 ? `${pending.quote.slice(0, 200)}…` : pending.quote}”</p>
          <label>
            Your comment
            <textarea value={body} onChange={(e) => setBody(e.target.value)} maxLength={5000} autoFocus />
          </label>
          <button type="submit">Add comment</button>
          <button type="button" onClick={() => setPending(null)}>
            Cancel
          </button>
        </form>
      )}
      {view.version.content ? (
        <LexicalComposer key={view.version.id} initialConfig={initialConfig}>
          <div className="editor-scroll">
            <article className="page">
              <h1 className="doc-title">{view.share.title}</h1>
              <RichTextPlugin
                contentEditable={<ContentEditable className="editor" aria-label={`Shared draft ${view.share.title}`} aria-readonly />}
                ErrorBoundary={LexicalErrorBoundary}
              />
            </article>
          </div>
          <SelectionToAnchor onAnchor={(get) => setGetAnchor(() => get)} />
          <CommentMarksPlugin wishes={wishes} />
        </LexicalComposer>
      ) : (
        <p role="alert" className="notice error">
          This draft could not be shown safely: {view.version.invalidReason ?? 'it has not arrived yet.'}
        </p>
      )}
    </div>
  );
}

import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type MouseEvent } from 'react';
import type { ShareView } from '../../../../shared/api/studio-api';
import { checkLexicalState } from '../../../../shared/schemas/lexical';
import { anchorAt, findAnchor, type TextAnchor } from '../../../../shared/text/anchor';
import { errorMessage } from '../../app/studio-client';
import { useStudio } from '../../app/studio-context';
import { commentFocus } from './comment-focus';
import { MarginThreads } from './MarginThreads';
import { useStore, useStores } from '../../app/stores';
import type { MarkWish } from './CommentMarksPlugin';
import { renderDraft, type DraftView } from './static-draft';
import { ReportControl } from '../moderation/ReportControl';

/** Opens a draft's link in a new browsing context that cannot reach back into the studio's page. */
function openLinkOutside(event: MouseEvent) {
  const link = (event.target as Element).closest?.('a[href]');
  if (!link) return;
  event.preventDefault();
  window.open((link as HTMLAnchorElement).href, '_blank', 'noopener,noreferrer');
}

/**
 * The draft itself, read-only: drawn from its JSON (checked again here, so a draft that got
 * past the core's check throws into the reader's error boundary instead of into Lexical),
 * with comment passages highlighted and the selection turned into an anchor.
 */
function StaticDraft({ content, label, wishes, onAnchor }: { content: string; label: string; wishes: MarkWish[]; onAnchor: (get: () => TextAnchor | null) => void }) {
  const state = useMemo(() => checkLexicalState(JSON.parse(content)), [content]);
  const ref = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<DraftView | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  if (failure) throw failure; // a slice drawn later failed: the error boundary says so

  useEffect(() => {
    const container = ref.current!;
    const drawn = renderDraft(container, state, setFailure);
    setView(drawn);
    return () => {
      drawn.cancel();
      container.replaceChildren();
    };
  }, [state]);

  useEffect(() => {
    if (!view) return;
    // The last passage selected in the draft: pressing a button or a shortcut may collapse the selection first.
    let last: [number, number] | null = null;
    const remember = () => {
      const selection = document.getSelection();
      if (!selection || selection.isCollapsed || !selection.anchorNode || !selection.focusNode) return;
      const a = view.offsetOf(selection.anchorNode, selection.anchorOffset);
      const b = view.offsetOf(selection.focusNode, selection.focusOffset);
      if (a !== null && b !== null && a !== b) last = a < b ? [a, b] : [b, a];
    };
    document.addEventListener('selectionchange', remember);
    onAnchor(() => {
      remember();
      if (!last) return null;
      const [start, end] = last;
      return anchorAt(view.text, start, Math.min(end, start + 2000));
    });
    return () => document.removeEventListener('selectionchange', remember);
  }, [view, onAnchor]);

  useEffect(() => {
    if (!view) return;
    const ranges = [];
    for (const wish of wishes) {
      const match = wish.show ? findAnchor(view.text, wish.anchor) : null;
      if (match) ranges.push({ id: wish.id, start: match.start, end: match.end });
    }
    view.mark(ranges);
  }, [view, wishes]);

  useEffect(() => {
    if (!view) return;
    const jump = (event: Event) => {
      const element = view.markElement((event as CustomEvent<string>).detail);
      if (!element) return;
      element.scrollIntoView({ block: 'center', behavior: 'smooth' });
      element.classList.add('ed-mark-active');
      setTimeout(() => element.classList.remove('ed-mark-active'), 1500);
    };
    commentFocus.addEventListener('jump', jump);
    return () => commentFocus.removeEventListener('jump', jump);
  }, [view]);

  return <div ref={ref} className="editor share-draft" role="document" aria-label={label} contentEditable={false} onClick={openLinkOutside} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'break-word' }} />;
}

/** A shared draft, read-only: select a passage and comment on it (offline too). */
export function ShareReader({ view, onVersion, onClose }: { view: ShareView; onVersion: (versionId: string) => void; onClose: () => void }) {
  const api = useStudio();
  const [getAnchor, setGetAnchor] = useState<(() => TextAnchor | null) | null>(null);
  const [pending, setPending] = useState<TextAnchor | null>(null);
  // The comment box goes beside the selection (its top, from the page's top).
  const [pendingAt, setPendingAt] = useState({ top: 0, bottom: 0 });
  const [page, setPage] = useState<HTMLElement | null>(null);
  const { critique } = useStores();
  const beside = useStore(critique, (s) => s.marginShown());
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const onAnchor = useCallback((get: () => TextAnchor | null) => setGetAnchor(() => get), []);
  // Every thread whose passage is in the version read, whichever version it was left on; and
  // the passage being commented on, so it stays visible while the comment is written.
  const wishes = useMemo(() => {
    const found = view.threads.filter((t) => t.root.anchor && t.match).map((t) => ({ id: t.root.id, anchor: t.root.anchor!, show: !t.root.resolved }));
    return pending ? [...found, { id: 'pending-comment', anchor: pending, show: true }] : found;
  }, [view, pending]);

  const startComment = () => {
    const anchor = getAnchor?.() ?? null;
    if (!anchor) return setError('Select the passage you want to comment on first.');
    setError(null);
    setPending(anchor);
  };
  // The box goes where the passage is highlighted (the draft marks it before this runs).
  useEffect(() => {
    const marks = pending && page ? page.querySelectorAll('mark[data-ids~="pending-comment"]') : null;
    if (!page || !marks || marks.length === 0) return;
    const pageTop = page.getBoundingClientRect().top;
    setPendingAt({ top: marks[0]!.getBoundingClientRect().top - pageTop, bottom: marks[marks.length - 1]!.getBoundingClientRect().bottom - pageTop + 8 });
  }, [pending, page, wishes]);
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
        {view.me && view.share.authorId !== view.me.id && <ReportControl kind="share" id={view.share.id} label={`the draft “${view.share.title}” by ${view.share.authorName}`} />}
      </div>
      {error && (
        <p role="alert" className="notice error">
          {error}
        </p>
      )}
      {view.version.content ? (
        <div className="editor-scroll">
          <article className="page" ref={setPage}>
            <h1 className="doc-title">{view.share.title}</h1>
            <StaticDraft key={view.version.id} content={view.version.content} label={`Shared draft ${view.share.title}`} wishes={wishes} onAnchor={onAnchor} />
            {pending && (
              <form className={`comment-form ${beside ? 'comment-beside' : 'comment-below'}`} style={{ top: beside ? pendingAt.top : pendingAt.bottom }} onSubmit={send} aria-label="New comment" onKeyDown={(e) => e.key === 'Escape' && setPending(null)}>
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
            <MarginThreads
              page={page}
              text={page?.querySelector<HTMLElement>('.share-draft') ?? null}
              threads={view.threads.filter((t) => !t.root.resolved && t.match)}
              meId={view.me?.id ?? null}
              shareAuthorId={() => view.share.authorId}
              latestVersion={() => view.share.versions.at(-1)?.number ?? view.version.number}
              shownVersion={view.version.number}
              readOnly
              reserve
            />
          </article>
        </div>
      ) : (
        <p role="alert" className="notice error">
          This draft could not be shown safely: {view.version.invalidReason ?? 'it has not arrived yet.'}
        </p>
      )}
    </div>
  );
}

import { useState, type FormEvent } from 'react';
import type { DocumentNode, DocumentReview, ShareView } from '../../../../shared/api/studio-api';
import { errorMessage } from '../../app/studio-client';
import { useStudio } from '../../app/studio-context';
import { SharePanel } from './SharePanel';
import { ThreadList } from './ThreadList';

/**
 * The author's review of the open document: share it, then threads in text order and critiques.
 * It refreshes by itself: every change, here or from the feed, is announced as `critique:changed`.
 */
export function DocumentComments({ review, documentId, title, docs, online, flush }: { review: DocumentReview | null; documentId: string; title: string; docs: DocumentNode[]; online: boolean; flush: () => Promise<void> }) {
  if (!review) return <p className="muted">Loading…</p>;
  const authorOf = (shareId: string) => review.shares.find((s) => s.id === shareId)?.authorId ?? null;
  return (
    <div className="comments-panel">
      <SharePanel documentId={documentId} title={title} docs={docs} shares={review.shares} online={online} flush={flush} />
      {review.shares.length > 0 && (
        <ThreadList threads={review.threads} detached={review.detached} critiques={review.critiques} meId={review.shares[0]!.authorId} shareAuthorId={authorOf} />
      )}
    </div>
  );
}

/** A critiquer's side of a shared draft: the threads on it, and the overall critique from a template. */
export function ShareComments({ view, online }: { view: ShareView; online: boolean }) {
  const api = useStudio();
  const mine = view.critiques.find((c) => c.authorId === view.me?.id && c.versionId === view.version.id);
  const [worked, setWorked] = useState(mine?.worked ?? '');
  const [didnt, setDidnt] = useState(mine?.didnt ?? '');
  const [suggestions, setSuggestions] = useState(mine?.suggestions ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    api.critiques
      .submit({ shareId: view.share.id, versionId: view.version.id, worked, didnt, suggestions })
      .then(() => setSaved(true), (err: unknown) => setError(errorMessage(err)));
  };
  const latest = view.share.versions.at(-1)?.number ?? view.version.number;
  return (
    <div className="comments-panel">
      <p>
        <strong>{view.share.title}</strong> by {view.share.authorName}, version {view.version.number}
      </p>
      {view.share.note && <p className="share-note">“{view.share.note}”</p>}
      <ThreadList
        threads={view.threads}
        detached={view.detached}
        critiques={view.critiques.filter((c) => c.authorId !== view.me?.id)}
        meId={view.me?.id ?? null}
        shareAuthorId={() => view.share.authorId}
        latestVersion={() => latest}
        shownVersion={view.version.number}
      />
      {view.me?.id !== view.share.authorId && (
        <form className="critique-form" onSubmit={submit} aria-label="Overall critique">
          <h3>Your overall critique</h3>
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <label>
            What worked
            <textarea value={worked} onChange={(e) => setWorked(e.target.value)} maxLength={20000} />
          </label>
          <label>
            What didn’t
            <textarea value={didnt} onChange={(e) => setDidnt(e.target.value)} maxLength={20000} />
          </label>
          <label>
            Suggestions
            <textarea value={suggestions} onChange={(e) => setSuggestions(e.target.value)} maxLength={20000} />
          </label>
          <button type="submit">{mine ? 'Update critique' : 'Submit critique'}</button>
          {saved && <span role="status">{online ? ' Saved; on its way to the author.' : ' Kept; it syncs when you are online.'}</span>}
        </form>
      )}
    </div>
  );
}

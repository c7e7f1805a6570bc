import { useState, type FormEvent } from 'react';
import type { PassageDiff, ReviewComment, ReviewCritique, Synced, Thread } from '../../../../shared/api/studio-api';
import { errorMessage } from '../../app/studio-client';
import { useStudio } from '../../app/studio-context';
import { focusComment } from './comment-focus';

const STATE_LABEL = { pending: 'Waiting to sync', synced: 'Synced', failed: 'Not accepted' } as const;

/** Every comment and critique says where it stands on its way to the community. */
export function SyncBadge({ item }: { item: Synced }) {
  return (
    <span className={`sync-badge sync-badge-${item.syncState}`} title={item.syncError ?? undefined} aria-label={`Sync: ${STATE_LABEL[item.syncState]}${item.syncError ? `: ${item.syncError}` : ''}`}>
      {item.syncState === 'synced' ? '✓' : item.syncState === 'pending' ? '↻' : '!'} {STATE_LABEL[item.syncState]}
    </span>
  );
}

/**
 * What the community refused stays, with the reason, until the writer retries it (status bar)
 * or discards it here; what only waits to sync cannot be discarded.
 */
export function DiscardRefused({ item, what }: { item: Synced & { id: string }; what: string }) {
  const api = useStudio();
  const [error, setError] = useState<string | null>(null);
  if (item.syncState !== 'failed') return null;
  return (
    <>
      <button type="button" className="link-button" aria-label={`Discard ${what}`} onClick={() => api.sync.discard({ entityId: item.id }).catch((e: unknown) => setError(errorMessage(e)))}>
        Discard
      </button>
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </>
  );
}

function Comment({ comment }: { comment: ReviewComment }) {
  return (
    <div className="comment">
      <p className="comment-meta">
        <strong>{comment.authorName}</strong> <SyncBadge item={comment} /> <DiscardRefused item={comment} what={comment.parentId ? 'refused reply' : 'refused comment'} />
      </p>
      {/* Plain text from another person: React renders it as text, never as markup. */}
      <p className="comment-body">{comment.body}</p>
      {comment.syncError && <p className="error">{comment.syncError}</p>}
    </div>
  );
}

interface Props {
  threads: Thread[];
  detached: Thread[];
  critiques: ReviewCritique[];
  meId: string | null;
  shareAuthorId: (shareId: string) => string | null;
  latestVersion?: (shareId: string) => number;
}

/** Threads in text order (click to jump), then detached ones, then overall critiques. */
/** Changes made here come back through `critique:changed`, which the owner of the lists listens to. */
export function ThreadList({ threads, detached, critiques, meId, shareAuthorId, latestVersion }: Props) {
  const api = useStudio();
  const [replying, setReplying] = useState<string | null>(null);
  const [reply, setReply] = useState('');
  const [diffs, setDiffs] = useState<Record<string, PassageDiff>>({});
  const [error, setError] = useState<string | null>(null);
  const run = (work: () => Promise<unknown>) => {
    setError(null);
    work().catch((e: unknown) => setError(errorMessage(e)));
  };
  const sendReply = (thread: Thread) => (e: FormEvent) => {
    e.preventDefault();
    if (!reply.trim()) return;
    run(async () => {
      await api.comments.add({ shareId: thread.root.shareId, versionId: thread.root.versionId, parentId: thread.root.id, body: reply });
      setReply('');
      setReplying(null);
    });
  };

  const renderThread = (thread: Thread, isDetached: boolean) => {
    const { root } = thread;
    const author = shareAuthorId(root.shareId);
    const mayResolve = meId !== null && (meId === author || meId === root.authorId);
    const mayThank = meId !== null && meId === author && root.authorId !== meId;
    const newer = latestVersion && root.anchor && latestVersion(root.shareId) > thread.versionNumber;
    return (
      <li key={root.id} className={`thread${root.resolved ? ' resolved' : ''}`} aria-label={`Comment by ${root.authorName}`}>
        {root.anchor && (
          <button type="button" className="quote" onClick={() => focusComment(root.id)} disabled={isDetached} aria-label={`Show passage: ${root.anchor.quote.slice(0, 80)}`}>
            “{root.anchor.quote.length > 160 ? `${root.anchor.quote.slice(0, 160)}…` : root.anchor.quote}”
          </button>
        )}
        {thread.match?.how === 'approximate' && <p className="muted">Found approximately: the passage was edited.</p>}
        <Comment comment={root} />
        {thread.replies.map((r) => (
          <Comment key={r.id} comment={r} />
        ))}
        {newer && diffs[root.id] && (
          <div className="passage-diff" aria-label="What changed in this passage">
            <p className="muted">
              Version {diffs[root.id]!.fromVersion} → {diffs[root.id]!.toVersion}
              {diffs[root.id]!.found ? '' : ': the passage is gone'}
            </p>
            <p>
              {diffs[root.id]!.parts.map((p, i) => (
                <span key={i} className={`diff-${p.kind}`}>
                  {p.text}
                </span>
              ))}
            </p>
          </div>
        )}
        <div className="thread-actions">
          <button type="button" onClick={() => setReplying(replying === root.id ? null : root.id)}>
            Reply
          </button>
          {mayResolve && (
            <button type="button" onClick={() => run(() => api.comments.setFlag({ target: 'comment', id: root.id, flag: 'resolved', value: !root.resolved }))}>
              {root.resolved ? 'Reopen' : 'Resolve'}
            </button>
          )}
          {mayThank && (
            <button type="button" aria-pressed={root.helpful} onClick={() => run(() => api.comments.setFlag({ target: 'comment', id: root.id, flag: 'helpful', value: !root.helpful }))}>
              Helpful
            </button>
          )}
          {newer && (
            <button type="button" onClick={() => run(async () => setDiffs({ ...diffs, [root.id]: await api.comments.passageDiff({ commentId: root.id }) }))}>
              What changed
            </button>
          )}
        </div>
        {replying === root.id && (
          <form onSubmit={sendReply(thread)} className="reply-form">
            <label>
              Reply to {root.authorName}
              <textarea value={reply} onChange={(e) => setReply(e.target.value)} maxLength={5000} autoFocus />
            </label>
            <button type="submit">Send reply</button>
          </form>
        )}
      </li>
    );
  };

  return (
    <div className="threads">
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <h3>Comments</h3>
      {threads.length === 0 && detached.length === 0 ? <p className="muted">No comments yet.</p> : null}
      <ol className="thread-list" aria-label="Comment threads">
        {threads.map((t) => renderThread(t, false))}
      </ol>
      {detached.length > 0 && (
        <>
          <h3>Detached</h3>
          <p className="muted">These passages are no longer in the text; the comments are kept with what they quoted.</p>
          <ol className="thread-list" aria-label="Detached comments">
            {detached.map((t) => renderThread(t, true))}
          </ol>
        </>
      )}
      {critiques.length > 0 && (
        <>
          <h3>Overall critiques</h3>
          <ul className="critique-list" aria-label="Overall critiques">
            {critiques.map((c) => (
              <li key={c.id} className="critique" aria-label={`Critique by ${c.authorName}`}>
                <p className="comment-meta">
                  <strong>{c.authorName}</strong> · {c.words} words <SyncBadge item={c} /> <DiscardRefused item={c} what="refused critique" />
                </p>
                <h4>What worked</h4>
                <p className="comment-body">{c.worked}</p>
                <h4>What didn’t</h4>
                <p className="comment-body">{c.didnt}</p>
                <h4>Suggestions</h4>
                <p className="comment-body">{c.suggestions}</p>
                {meId !== null && meId === shareAuthorId(c.shareId) && (
                  <button type="button" aria-pressed={c.helpful} onClick={() => run(() => api.comments.setFlag({ target: 'critique', id: c.id, flag: 'helpful', value: !c.helpful }))}>
                    {c.helpful ? 'Marked helpful' : 'Mark helpful'}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

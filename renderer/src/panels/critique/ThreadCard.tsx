import { useState, type CSSProperties, type FormEvent, type Ref } from 'react';
import { helpfulRefusal, resolveRefusal } from '../../../../shared/rules/critique';
import type { PassageDiff, ReviewComment, Thread } from '../../../../shared/api/studio-api';
import { errorMessage } from '../../app/studio-client';
import { useStudio } from '../../app/studio-context';
import { DiscardRefused, SyncBadge } from './SyncBadge';
import { TimeAgo } from './TimeAgo';
import { syncNote } from '../../ui/sync-note';
import { ReportControl } from '../moderation/ReportControl';

function Comment({ comment }: { comment: ReviewComment }) {
  return (
    <div className="comment">
      <p className="comment-meta">
        <strong>{comment.authorName}</strong> <TimeAgo iso={comment.createdAt} /> <SyncBadge item={comment} />{' '}
        <DiscardRefused item={comment} what={comment.parentId ? 'refused reply' : 'refused comment'} />
      </p>
      {/* Plain text from another person: React renders it as text, never as markup. */}
      <p className="comment-body">{comment.body}</p>
      {comment.syncError && <p className={comment.syncState === 'failed' ? 'error' : 'muted'}>{comment.syncState === 'failed' ? comment.syncError : syncNote(comment)}</p>}
    </div>
  );
}

export interface ThreadCardProps {
  thread: Thread;
  detached?: boolean;
  meId: string | null;
  shareAuthorId: (shareId: string) => string | null;
  latestVersion?: (shareId: string) => number;
  /** The version being read, to say when a thread was left on another one. */
  shownVersion?: number;
  active?: boolean;
  /** The passage's quote was pressed: make this the active thread. */
  onSelect: (id: string) => void;
  cardRef?: Ref<HTMLLIElement>;
  style?: CSSProperties;
}

/**
 * One inline comment and its replies, with what may be done to it: reply, resolve or reopen,
 * mark helpful, see what changed since. Changes come back through `critique:changed`.
 */
export function ThreadCard({ thread, detached = false, meId, shareAuthorId, latestVersion, shownVersion, active = false, onSelect, cardRef, style }: ThreadCardProps) {
  const api = useStudio();
  const [replying, setReplying] = useState(false);
  const [reply, setReply] = useState('');
  const [diff, setDiff] = useState<PassageDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = (work: () => Promise<unknown>) => {
    setError(null);
    work().catch((e: unknown) => setError(errorMessage(e)));
  };
  const { root } = thread;
  const sendReply = (e: FormEvent) => {
    e.preventDefault();
    if (!reply.trim()) return;
    run(async () => {
      await api.comments.add({ shareId: root.shareId, versionId: root.versionId, parentId: root.id, body: reply });
      setReply('');
      setReplying(false);
    });
  };
  const author = shareAuthorId(root.shareId);
  // The server's own rules (shared/rules): only what it will accept is offered.
  const facts = { shareAuthorId: author ?? '', targetAuthorId: root.authorId, userId: meId ?? '' };
  const mayResolve = meId !== null && !resolveRefusal({ ...facts, target: 'comment', isReply: false });
  const mayThank = meId !== null && !helpfulRefusal(facts);
  const newer = latestVersion && root.anchor && latestVersion(root.shareId) > thread.versionNumber;
  return (
    <li
      ref={cardRef}
      style={style}
      className={`thread${root.resolved ? ' resolved' : ''}${active ? ' active' : ''}`}
      aria-label={`Comment by ${root.authorName}`}
      aria-current={active || undefined}
      data-thread={root.id}
      tabIndex={-1}
    >
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {root.anchor && (
        <button type="button" className="quote" onClick={() => onSelect(root.id)} disabled={detached} aria-label={`Show passage: ${root.anchor.quote.slice(0, 80)}`}>
          “{root.anchor.quote.length > 160 ? `${root.anchor.quote.slice(0, 160)}…` : root.anchor.quote}”
        </button>
      )}
      {shownVersion !== undefined && thread.versionNumber !== shownVersion && <p className="muted">On version {thread.versionNumber}</p>}
      {thread.match?.how === 'approximate' && <p className="muted">Found approximately: the passage was edited.</p>}
      <Comment comment={root} />
      {thread.replies.map((r) => (
        <Comment key={r.id} comment={r} />
      ))}
      {newer && diff && (
        <div className="passage-diff" aria-label="What changed in this passage">
          <p className="muted">
            Version {diff.fromVersion} → {diff.toVersion}
            {diff.found ? '' : ': the passage is gone'}
          </p>
          <p>
            {diff.parts.map((p, i) => (
              <span key={i} className={`diff-${p.kind}`}>
                {p.text}
              </span>
            ))}
          </p>
        </div>
      )}
      <div className="thread-actions">
        <button type="button" onClick={() => setReplying(!replying)}>
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
          <button type="button" onClick={() => run(async () => setDiff(await api.comments.passageDiff({ commentId: root.id })))}>
            What changed
          </button>
        )}
        {meId !== null && root.authorId !== meId && <ReportControl kind="comment" id={root.id} label={`${root.authorName}’s comment`} block={{ userId: root.authorId, name: root.authorName }} />}
      </div>
      {replying && (
        <form onSubmit={sendReply} className="reply-form">
          <label>
            Reply to {root.authorName}
            <textarea value={reply} onChange={(e) => setReply(e.target.value)} maxLength={5000} autoFocus />
          </label>
          <button type="submit">Send reply</button>
        </form>
      )}
    </li>
  );
}

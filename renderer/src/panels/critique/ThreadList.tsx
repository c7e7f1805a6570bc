import { useState } from 'react';
import { helpfulRefusal } from '../../../../shared/rules/critique';
import { ReportControl } from '../moderation/ReportControl';
import type { ReviewCritique, Thread } from '../../../../shared/api/studio-api';
import { errorMessage } from '../../app/studio-client';
import { useStore, useStores } from '../../app/stores';
import { useStudio } from '../../app/studio-context';
import { DiscardRefused, SyncBadge } from './SyncBadge';
import { ThreadCard } from './ThreadCard';
import { TimeAgo } from './TimeAgo';
import { CritiqueKudos } from '../activity/CritiqueKudos';

interface Props {
  threads: Thread[];
  detached: Thread[];
  critiques: ReviewCritique[];
  meId: string | null;
  shareAuthorId: (shareId: string) => string | null;
  latestVersion?: (shareId: string) => number;
  shownVersion?: number;
}

/**
 * The sidebar's Comments: threads in text order (click to jump), then detached ones, then
 * overall critiques. While the page is wide enough, threads on a passage float in its margin
 * instead (MarginThreads) and only the rest are listed here.
 */
export function ThreadList({ threads, detached, critiques, meId, shareAuthorId, latestVersion, shownVersion }: Props) {
  const api = useStudio();
  const { critique } = useStores();
  const active = useStore(critique, (s) => s.activeThread());
  const inMargin = useStore(critique, (s) => s.marginShown());
  const [error, setError] = useState<string | null>(null);
  const run = (work: () => Promise<unknown>) => {
    setError(null);
    work().catch((e: unknown) => setError(errorMessage(e)));
  };
  // In the margin: open threads on a passage. Here: the rest (general and resolved ones).
  const listed = inMargin ? threads.filter((t) => !t.root.anchor || t.root.resolved) : threads;
  const card = (thread: Thread, isDetached: boolean) => (
    <ThreadCard
      key={thread.root.id}
      thread={thread}
      detached={isDetached}
      meId={meId}
      shareAuthorId={shareAuthorId}
      latestVersion={latestVersion}
      shownVersion={shownVersion}
      active={active === thread.root.id}
      onSelect={(id) => critique.focusThread(id)}
    />
  );

  return (
    <div className="threads">
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <h3>Comments</h3>
      {threads.length === 0 && detached.length === 0 ? (
        <p className="muted">No comments yet.</p>
      ) : inMargin && listed.length < threads.length ? (
        <p className="muted">Comments on a passage are beside it, in the page’s margin. Ctrl+Alt+. and Ctrl+Alt+, go to the next and previous one.</p>
      ) : null}
      {listed.length > 0 && (
        <ol className="thread-list" aria-label="Comment threads">
          {listed.map((t) => card(t, false))}
        </ol>
      )}
      {detached.length > 0 && (
        <>
          <h3>Detached</h3>
          <p className="muted">These passages are no longer in the text; the comments are kept with what they quoted.</p>
          <ol className="thread-list" aria-label="Detached comments">
            {detached.map((t) => card(t, true))}
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
                  <strong>{c.authorName}</strong> · {c.words} words <TimeAgo iso={c.createdAt} /> <SyncBadge item={c} /> <DiscardRefused item={c} what="refused critique" />
                </p>
                <h4>What worked</h4>
                <p className="comment-body">{c.worked}</p>
                <h4>What didn’t</h4>
                <p className="comment-body">{c.didnt}</p>
                <h4>Suggestions</h4>
                <p className="comment-body">{c.suggestions}</p>
                {meId !== null && !helpfulRefusal({ shareAuthorId: shareAuthorId(c.shareId) ?? '', targetAuthorId: c.authorId, userId: meId }) && (
                  <button type="button" aria-pressed={c.helpful} onClick={() => run(() => api.comments.setFlag({ target: 'critique', id: c.id, flag: 'helpful', value: !c.helpful }))}>
                    {c.helpful ? 'Marked helpful' : 'Mark helpful'}
                  </button>
                )}
                <CritiqueKudos critique={c} meId={meId} shareAuthorId={shareAuthorId(c.shareId) ?? null} />
                {meId !== null && c.authorId !== meId && <ReportControl kind="critique" id={c.id} label={`${c.authorName}’s critique`} />}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

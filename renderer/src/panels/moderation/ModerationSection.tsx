import { useEffect, useState } from 'react';
import type { QueuedReport } from '../../../../shared/api/moderation';
import { useStore, useStores } from '../../app/stores';
import { TimeAgo } from '../critique/TimeAgo';
import './moderation.css';

/** Moderation in the Community tab: the queue and audit log of the circles the writer moderates, outcomes of their reports, their blocks. */
export function ModerationSection() {
  const { moderation, discussions } = useStores();
  const state = useStore(moderation, (s) => s.state());
  const circles = useStore(discussions, (s) => s.state().circles);
  const moderated = circles.filter((c) => c.role === 'owner' || c.role === 'moderator');
  const moderatedIds = moderated.map((c) => c.id).join();
  useEffect(() => {
    void moderation.loadBlocks();
  }, [moderation]);
  // Reloaded when the set of moderated circles changes, not on every render.
  useEffect(() => {
    for (const id of moderatedIds.split(',').filter(Boolean)) void moderation.loadCircle(id);
  }, [moderation, moderatedIds]);
  return (
    <section aria-label="Moderation" className="moderation">
      <h3>Moderation and safety</h3>
      {state.error && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
      {state.notice && <p role="status">{state.notice}</p>}
      {state.outcomes.length > 0 && (
        <ul aria-label="Your reports" className="outcomes">
          {state.outcomes.map((o, i) => (
            <li key={i}>{o}</li>
          ))}
        </ul>
      )}
      {moderated.map((c) => (
        <div key={c.id} className="moderation-circle">
          <h4>Reports in {c.name}</h4>
          <Queue circleId={c.id} circleName={c.name} reports={state.queues[c.id] ?? []} />
          <details>
            <summary>Moderation log of {c.name}</summary>
            <ol aria-label={`Moderation log of ${c.name}`} className="moderation-log">
              {(state.logs[c.id] ?? []).map((e) => (
                <li key={e.id}>
                  <strong>{e.actorName}</strong> {e.action === 'hide' ? 'hid a post' : 'dismissed a report'}: {e.reason} · <TimeAgo iso={e.createdAt} />
                </li>
              ))}
            </ol>
          </details>
        </div>
      ))}
      {state.blocks.length > 0 && (
        <ul aria-label="Blocked writers" className="blocked">
          {state.blocks.map((b) => (
            <li key={b.userId}>
              {b.displayName}{' '}
              <button type="button" onClick={() => void moderation.block(b.userId, false)}>
                Unblock {b.displayName}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Queue({ circleId, circleName, reports }: { circleId: string; circleName: string; reports: QueuedReport[] }) {
  if (reports.length === 0) return <p className="muted">No open reports.</p>;
  return (
    <ul aria-label={`Reports in ${circleName}`} className="queue">
      {reports.map((r) => (
        <QueuedItem key={r.id} circleId={circleId} report={r} />
      ))}
    </ul>
  );
}

function QueuedItem({ circleId, report: r }: { circleId: string; report: QueuedReport }) {
  const { moderation } = useStores();
  const [reason, setReason] = useState('');
  const decide = (action: 'hide' | 'dismiss') => void moderation.decide(circleId, r.id, action, reason);
  return (
    <li className="queued">
      <p>
        <strong>{r.reporterName}</strong> reported <strong>{r.authorName}</strong> in “{r.threadTitle}” for {r.reason}
        {r.note && <>: {r.note}</>}
      </p>
      <blockquote className="excerpt">{r.excerpt}</blockquote>
      <label>
        Why (for the log and the reporter)
        <input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
      </label>
      <div className="row-actions">
        <button type="button" disabled={!reason.trim()} onClick={() => decide('hide')}>
          Hide post
        </button>
        <button type="button" disabled={!reason.trim()} onClick={() => decide('dismiss')}>
          Dismiss report
        </button>
      </div>
    </li>
  );
}

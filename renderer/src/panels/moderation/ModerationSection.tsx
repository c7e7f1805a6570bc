import { useEffect, useState } from 'react';
import type { ModerationEntry, QueuedReport, Sanction } from '../../../../shared/api/moderation';
import { SUSPEND_DAYS, type ModerationAction } from '../../../../shared/rules/moderation';
import { useStore, useStores } from '../../app/stores';
import { TimeAgo } from '../critique/TimeAgo';
import { SITE } from './moderation-store';
import './moderation.css';

const DID: Record<ModerationEntry['action'], string> = {
  hide: 'hid',
  dismiss: 'dismissed a report of',
  warn: 'warned the writer of',
  suspend: 'suspended the writer of',
  ban: 'banned the writer of',
  grant: 'made a site moderator:',
  revoke: 'took the site moderator role from',
};

/**
 * Moderation in the Community tab: warnings and sanctions on the writer, outcomes of their
 * reports, the queue and audit log of each circle they moderate (and the site's, for site
 * moderators and admins), and their blocks.
 */
export function ModerationSection() {
  const { moderation, discussions } = useStores();
  const state = useStore(moderation, (s) => s.state());
  const circles = useStore(discussions, (s) => s.state().circles);
  const moderated = circles.filter((c) => c.role === 'owner' || c.role === 'moderator');
  const moderatedIds = moderated.map((c) => c.id).join();
  useEffect(() => {
    void moderation.loadBlocks();
    void moderation.loadSanctions();
    void moderation.loadSite();
  }, [moderation]);
  // Reloaded when the set of moderated circles changes, not on every render.
  useEffect(() => {
    for (const id of moderatedIds.split(',').filter(Boolean)) void moderation.loadCircle(id);
  }, [moderation, moderatedIds]);
  const scopes = [...(state.siteStaff ? [{ id: SITE, name: 'the whole site' }] : []), ...moderated.map((c) => ({ id: c.id, name: c.name }))];
  return (
    <section aria-label="Moderation" className="moderation">
      <h3>Moderation and safety</h3>
      {state.error && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
      {state.notice && <p role="status">{state.notice}</p>}
      {state.sanctions.length > 0 && <Sanctions sanctions={state.sanctions} circleName={(id) => circles.find((c) => c.id === id)?.name} />}
      {state.outcomes.length > 0 && (
        <ul aria-label="Your reports" className="outcomes">
          {state.outcomes.map((o, i) => (
            <li key={i}>{o}</li>
          ))}
        </ul>
      )}
      {scopes.map((c) => (
        <div key={c.id} className="moderation-circle">
          <h4>{c.id === SITE ? 'Site queue: reports from every circle and of profiles' : `Reports in ${c.name}`}</h4>
          {c.id !== SITE && state.siteStaff ? (
            <p className="muted">Open reports from this circle are in the site queue above.</p>
          ) : (
            <Queue scope={c.id} name={c.name} reports={state.queues[c.id] ?? []} site={state.siteStaff} />
          )}
          <details>
            <summary>Moderation log of {c.name}</summary>
            <ol aria-label={`Moderation log of ${c.name}`} className="moderation-log">
              {(state.logs[c.id] ?? []).length === 0 && <li className="muted">Nothing yet.</li>}
              {(state.logs[c.id] ?? []).map((e) => (
                <li key={e.id}>
                  <strong>{e.actorName}</strong> {DID[e.action]} {e.targetKind === 'writer' ? 'a writer' : `a ${e.targetKind}`}: {e.reason} · <TimeAgo iso={e.createdAt} />
                </li>
              ))}
            </ol>
          </details>
        </div>
      ))}
      {state.blocks.length > 0 && <h4>Writers you blocked</h4>}
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

/** What moderators told this writer: warnings always, suspensions and bans while they last. */
function Sanctions({ sanctions, circleName }: { sanctions: Sanction[]; circleName: (id: string) => string | undefined }) {
  const where = (s: Sanction) => (s.circleId ? `in ${circleName(s.circleId) ?? 'a circle'}` : 'on this server');
  return (
    // Announced when one arrives while the writer is here.
    <ul aria-label="From the moderators" className="sanctions" aria-live="polite">
      {sanctions.map((s) => (
        <li key={s.id} className={`sanction sanction-${s.kind}`}>
          {s.kind === 'warn' && <>A moderator warned you {where(s)}: </>}
          {s.kind === 'suspend' && (
            <>
              You are suspended {where(s)} until {new Date(s.until!).toLocaleDateString()}:{' '}
            </>
          )}
          {s.kind === 'ban' && <>You are banned {where(s)}: </>}
          <q>{s.reason}</q> · <TimeAgo iso={s.createdAt} />
        </li>
      ))}
    </ul>
  );
}

function Queue({ scope, name, reports, site }: { scope: string; name: string; reports: QueuedReport[]; site: boolean }) {
  if (reports.length === 0) return <p className="muted">No open reports.</p>;
  return (
    <ul aria-label={`Reports in ${name}`} className="queue">
      {reports.map((r) => (
        <QueuedItem key={r.id} scope={scope} report={r} site={site} />
      ))}
    </ul>
  );
}

const WHAT = { post: 'post', comment: 'comment', critique: 'critique', share: 'shared draft', profile: 'profile' } as const;

function QueuedItem({ scope, report: r, site }: { scope: string; report: QueuedReport; site: boolean }) {
  const { moderation } = useStores();
  const [reason, setReason] = useState('');
  const [days, setDays] = useState(3);
  const [siteWide, setSiteWide] = useState(scope === SITE && !r.circleId);
  const decide = (action: ModerationAction) => void moderation.decide(scope, r.id, action, reason, { ...(action === 'suspend' && { days }), ...(siteWide && { site: true }) });
  const off = !reason.trim();
  return (
    <li className="queued">
      <p>
        <strong>{r.reporterName}</strong> reported <strong>{r.authorName}</strong>’s {WHAT[r.targetKind]}
        {r.targetKind === 'share' ? <> “{r.threadTitle}”</> : r.targetKind !== 'profile' && <> in “{r.threadTitle}”</>} for {r.reason}
        {r.note && <>: {r.note}</>}
      </p>
      <blockquote className="excerpt">{r.excerpt}</blockquote>
      <label>
        Why (for the log, the reporter and the writer)
        <input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
      </label>
      <div className="row-actions">
        {r.targetKind !== 'profile' && (
          <button type="button" disabled={off} onClick={() => decide('hide')}>
            Hide {WHAT[r.targetKind]}
          </button>
        )}
        <button type="button" disabled={off} onClick={() => decide('dismiss')}>
          Dismiss report
        </button>
        <button type="button" disabled={off} onClick={() => decide('warn')}>
          Warn {r.authorName}
        </button>
        <label className="days">
          Days
          <input type="number" min={SUSPEND_DAYS.min} max={SUSPEND_DAYS.max} value={days} onChange={(e) => setDays(Math.max(SUSPEND_DAYS.min, Math.min(SUSPEND_DAYS.max, Number(e.target.value) || 1)))} />
        </label>
        <button type="button" disabled={off} onClick={() => decide('suspend')}>
          Suspend {r.authorName}
        </button>
        <button type="button" disabled={off} className="danger" onClick={() => decide('ban')}>
          Ban {r.authorName}
        </button>
        {site && r.circleId && (
          <label className="site-wide">
            <input type="checkbox" checked={siteWide} onChange={(e) => setSiteWide(e.target.checked)} /> Suspend or ban on the whole site
          </label>
        )}
      </div>
    </li>
  );
}

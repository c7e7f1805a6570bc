import { useEffect, useRef } from 'react';
import type { WriterProfile } from '../../../../shared/api/profiles';
import { useStore, useStores } from '../../app/stores';
import { formatCount } from '../../ui/format';
import { TimeAgo } from '../critique/TimeAgo';
import { ReportControl } from '../moderation/ReportControl';

const RELATION: Record<WriterProfile['relation'], string> = { self: ' · your profile, as you see it', circle: ' · you share a circle', stranger: '' };

/** A writer's profile, opened from their name anywhere in the Community tab: only what they let you see. */
export function ProfileDialog() {
  const { profiles } = useStores();
  const { viewingId, viewing, viewError } = useStore(profiles, (s) => s.state());
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (viewingId && !dialog.open) dialog.showModal();
    if (!viewingId && dialog.open) dialog.close();
  }, [viewingId]);
  return (
    <dialog ref={ref} className="profile-dialog" aria-labelledby="profile-title" onClose={profiles.close} onCancel={profiles.close}>
      {viewingId && (
        <>
          {viewError ? (
            <>
              <h2 id="profile-title">Profile</h2>
              <p role="alert" className="error">
                {viewError}
              </p>
            </>
          ) : viewing ? (
            <>
              <ProfileBody profile={viewing} />
              {viewing.relation !== 'self' && (
                // Set apart from the profile, so it is not read as reporting the last activity listed.
                <div className="profile-report">
                  <ReportControl kind="profile" id={viewing.accountId} label={`${viewing.displayName}’s profile`} />
                </div>
              )}
            </>
          ) : (
            <h2 id="profile-title">Loading profile…</h2>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={profiles.close} autoFocus>
              Close
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}

function ProfileBody({ profile: p }: { profile: WriterProfile }) {
  return (
    <article aria-label={`Profile of ${p.displayName}`} className="profile-body">
      <h2 id="profile-title">{p.displayName}</h2>
      <p className="muted">
        @{p.username}
        {RELATION[p.relation]}
      </p>
      {p.bio && <p className="profile-bio">{p.bio}</p>}
      {p.genres && p.genres.length > 0 && (
        <ul aria-label="Genres" className="chips">
          {p.genres.map((g) => (
            <li key={g}>{g}</li>
          ))}
        </ul>
      )}
      {p.workingOn && (
        <section aria-label="Working on">
          <h3>Working on</h3>
          <p>
            <strong>{p.workingOn.title}</strong>
            {p.workingOn.genre && <> · {p.workingOn.genre}</>} · {formatCount(p.workingOn.words)} words
          </p>
        </section>
      )}
      {p.badges && p.badges.length > 0 && (
        <section aria-label="Badges">
          <h3>Badges</h3>
          <ul className="chips">
            {p.badges.map((b) => (
              <li key={b.key} title={`Awarded ${new Date(b.awardedAt).toLocaleDateString()}`}>
                {b.label}
              </li>
            ))}
          </ul>
        </section>
      )}
      {p.circles && p.circles.length > 0 && (
        <section aria-label="Circles">
          <h3>Circles</h3>
          <ul className="chips">
            {p.circles.map((c) => (
              <li key={c.id}>{c.name}</li>
            ))}
          </ul>
        </section>
      )}
      {p.activity && p.activity.length > 0 && (
        <section aria-label="Recent activity">
          <h3>Recent activity</h3>
          <ul className="profile-activity">
            {p.activity.map((a) => (
              <li key={a.id}>
                {a.kind === 'thread' ? 'Started' : a.kind === 'kudos' ? 'Gave kudos in' : 'Reached'} “{a.title}”{a.circleName && <> in {a.circleName}</>} · <TimeAgo iso={a.createdAt} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

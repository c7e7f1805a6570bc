import { useEffect } from 'react';
import type { ActivityItem } from '../../../../shared/api/activity';
import { useStore, useStores } from '../../app/stores';
import { TimeAgo } from '../critique/TimeAgo';
import { WriterName } from '../profiles/open-profile';
import { KudosButton } from './KudosButton';
import './activity.css';

/** What the item says after the writer's name. Titles are other people's plain text. */
const line = (i: ActivityItem) => {
  switch (i.kind) {
    case 'thread':
      return `started “${i.title}”`;
    case 'challenge_milestone':
      return `reached ${i.title}`;
    case 'sprint_result':
      return `wrote ${i.title}`;
    case 'share':
      return `asks for critique on “${i.title}”`;
    default:
      return `gave kudos in “${i.title}”`;
  }
};
const takesKudos = (i: ActivityItem): i is ActivityItem & { kind: 'sprint_result' | 'challenge_milestone' } => i.kind === 'sprint_result' || i.kind === 'challenge_milestone';

/** The activity of the writers and circles the writer follows, newest first; and whom they follow. */
export function ActivitySection() {
  const { activity } = useStores();
  const state = useStore(activity, (s) => s.state());
  useEffect(() => activity.watch(), [activity]);
  return (
    <section aria-label="Activity" className="activity">
      <h3>Activity</h3>
      {state.error && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
      {state.items.length === 0 ? (
        <p className="muted">Follow writers and circles to see what they are up to.</p>
      ) : (
        <ul aria-label="Activity feed" className="activity-feed">
          {state.items.map((i) => (
            <li key={i.id} className={`activity-item activity-${i.kind}`}>
              <span className="activity-text">
                <WriterName id={i.actorId} name={i.actorName} /> {line(i)}
                {i.circleName && <> in {i.circleName}</>} · <TimeAgo iso={i.createdAt} />
              </span>
              {takesKudos(i) && <KudosButton targetKind={i.kind} targetId={i.id} to={i.actorName} count={i.kudos} mine={i.kudosMine} />}
            </li>
          ))}
        </ul>
      )}
      {state.next && (
        <button type="button" onClick={() => void activity.more()}>
          Older activity
        </button>
      )}
      {state.follows.length > 0 && (
        <details>
          <summary>Following ({state.follows.length})</summary>
          <ul aria-label="Following" className="following">
            {state.follows.map((f) => (
              <li key={`${f.kind}:${f.id}`}>
                {f.name} <span className="muted">({f.kind})</span>{' '}
                <button type="button" onClick={() => void activity.follow(f.kind, f.id, false)}>
                  Unfollow {f.name}
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

import { useEffect } from 'react';
import { useStore, useStores } from '../../app/stores';
import { KudosButton } from './KudosButton';

/**
 * Under a finished sprint's leaderboard: kudos for each other writer's result. The results reach
 * the feed a little after the late counts close, so this looks again every few seconds until they are there.
 */
export function SprintResultKudos({ sprintId, meId, names }: { sprintId: string; meId: string | null; names: Map<string, string> }) {
  const { activity } = useStores();
  const results = useStore(activity, (s) => s.state().sprintResults[sprintId]);
  const others = (results ?? []).filter((r) => r.writerId !== meId);
  const waiting = (results?.length ?? 0) === 0;
  useEffect(() => {
    if (!waiting) return;
    void activity.loadSprintResults(sprintId);
    const timer = setInterval(() => void activity.loadSprintResults(sprintId), 5000);
    return () => clearInterval(timer);
  }, [activity, sprintId, waiting]);
  if (others.length === 0) return null;
  return (
    <section aria-label="Kudos for the sprint">
      <h4>Kudos for the others</h4>
      <ul className="sprint-result-kudos">
        {others.map((r) => {
          const name = names.get(r.writerId) ?? 'a writer';
          return (
            <li key={r.targetId}>
              <span>
                {name}: {r.words.toLocaleString()} words
              </span>
              <KudosButton targetKind="sprint_result" targetId={r.targetId} to={name} count={r.count} mine={r.mine} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}

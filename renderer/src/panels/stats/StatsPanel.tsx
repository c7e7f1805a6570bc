import { useEffect, useState } from 'react';
import type { WordsHistory } from '../../../../shared/api/goals';
import { errorMessage } from '../../app/studio-client';
import { useStudio } from '../../app/studio-context';
import { useGoalProgress } from '../goals/goals-store';
import { DayBars, HeatMap, HourBars } from './charts';
import './stats.css';

const RANGES = [30, 90, 365] as const;
type Range = (typeof RANGES)[number];
const fmt = (n: number) => n.toLocaleString();
const dayLabel = (day: string) => new Date(`${day}T12:00:00`).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/** Words per day, per project and per hour; best day, average and streaks; charts with their numbers beside them. */
export function StatsPanel({ projectId }: { projectId: string }) {
  const api = useStudio();
  const progress = useGoalProgress();
  const [range, setRange] = useState<Range>(30);
  const [scope, setScope] = useState<'project' | 'all'>('project');
  const [history, setHistory] = useState<WordsHistory | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Reload after saves (progress changes), at most once a second.
  const savedAt = progress ? `${progress.projectWords}:${progress.today.words}` : '';
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api.stats.history({ projectId: scope === 'project' ? projectId : null, days: range }).then(
        (h) => live && (setHistory(h), setError(null)),
        (e: unknown) => live && setError(errorMessage(e)),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, projectId, range, scope, savedAt]);

  return (
    <section className="stats panel-section" aria-labelledby="stats-heading">
      <h2 id="stats-heading">Statistics</h2>
      <div className="stats-controls">
        <div role="radiogroup" aria-label="Period" className="segmented">
          {RANGES.map((r) => (
            <label key={r} className={range === r ? 'selected' : ''}>
              <input type="radio" name="stats-range" value={r} checked={range === r} onChange={() => setRange(r)} />
              {r} days
            </label>
          ))}
        </div>
        <select aria-label="Which projects" value={scope} onChange={(e) => setScope(e.target.value as 'project' | 'all')}>
          <option value="project">This project</option>
          <option value="all">All projects</option>
        </select>
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      {!history ? (
        <p className="muted">Counting…</p>
      ) : (
        <>
          <dl className="stats-figures">
            <div>
              <dt>Words</dt>
              <dd>{fmt(history.total)}</dd>
            </div>
            <div>
              <dt>Best day</dt>
              <dd>{history.bestDay ? `${fmt(history.bestDay.words)}` : '—'}</dd>
              {history.bestDay && <dd className="muted">{dayLabel(history.bestDay.day)}</dd>}
            </div>
            <div>
              <dt>Average on writing days</dt>
              <dd>{fmt(history.averageOnWritingDays)}</dd>
              <dd className="muted">{history.writingDaysCount} writing days</dd>
            </div>
            <div>
              <dt>Streak</dt>
              <dd>
                {history.streak.current} {history.streak.current === 1 ? 'day' : 'days'}
              </dd>
              <dd className="muted">longest {history.streak.longest}</dd>
            </div>
          </dl>
          <DayBars history={history} />
          {range !== 30 && <HeatMap history={history} />}
          <HourBars byHour={history.byHour} />
          {scope === 'all' && history.byProject.length > 0 && (
            <table className="stats-table by-project">
              <caption>Words per project, last {range} days</caption>
              <thead>
                <tr>
                  <th scope="col">Project</th>
                  <th scope="col">Words</th>
                </tr>
              </thead>
              <tbody>
                {history.byProject.map((p) => (
                  <tr key={p.projectId}>
                    <td>{p.title}</td>
                    <td>{fmt(p.words)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import type { Pace, ProjectGoals, WritingRules } from '../../../../shared/api/goals';
import type { DocumentNode } from '../../../../shared/api/studio-api';
import { errorMessage } from '../../app/studio-client';
import { useStudio } from '../../app/studio-context';
import { StatsPanel } from '../stats/StatsPanel';
import { fmt, useGoalProgress, useProjectGoals } from './goals-store';
import './goals.css';

const WEEKDAYS = [
  { day: 1, short: 'Mon', long: 'Monday' },
  { day: 2, short: 'Tue', long: 'Tuesday' },
  { day: 3, short: 'Wed', long: 'Wednesday' },
  { day: 4, short: 'Thu', long: 'Thursday' },
  { day: 5, short: 'Fri', long: 'Friday' },
  { day: 6, short: 'Sat', long: 'Saturday' },
  { day: 0, short: 'Sun', long: 'Sunday' },
];
const hourLabel = (h: number) => (h === 0 ? 'Midnight' : h === 12 ? 'Noon' : `${h} am`);
const dayLabel = (day: string) => new Date(`${day}T12:00:00`).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' });

function paceSentence(pace: Pace, target: number, deadline: string): string {
  if (pace.status === 'met') return `You have reached ${fmt(target)} words. Well done.`;
  if (pace.status === 'overdue') return `The deadline (${dayLabel(deadline)}) has passed with ${fmt(pace.remaining)} words to go.`;
  const days = `${pace.daysLeft} writing ${pace.daysLeft === 1 ? 'day' : 'days'} left`;
  return `Write ${fmt(pace.perDay)} words a writing day to reach ${fmt(target)} by ${dayLabel(deadline)} (${days}).`;
}

const STATUS: Record<Pace['status'], string> = {
  met: 'Goal reached',
  ahead: 'Ahead of pace today',
  'on-track': 'On pace today',
  behind: 'Today’s words still to write',
  overdue: 'Past the deadline',
};

/** Goals and pace for the project in view, the writer's rules, then statistics. */
export function ProgressPanel() {
  const progress = useGoalProgress();
  const projectId = progress?.projectId ?? null;
  const [goals, setGoals] = useProjectGoals(projectId);
  if (!projectId) return <p className="muted">Open a project to set goals and see your statistics.</p>;
  return (
    <div className="progress-panel">
      {goals ? <Goals goals={goals} onGoals={setGoals} /> : <p className="muted">Loading goals…</p>}
      <StatsPanel projectId={projectId} />
    </div>
  );
}

function Goals({ goals, onGoals }: { goals: ProjectGoals; onGoals: (g: ProjectGoals) => void }) {
  const api = useStudio();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [target, setTarget] = useState(goals.projectTarget ? String(goals.projectTarget) : '');
  const [deadline, setDeadline] = useState(goals.deadline ?? '');
  const [docs, setDocs] = useState<DocumentNode[]>([]);
  const [docId, setDocId] = useState('');
  const [docTarget, setDocTarget] = useState('');
  const [rules, setRules] = useState<WritingRules>(goals.rules);
  useEffect(() => {
    api.documents.tree({ projectId: goals.projectId }).then((tree) => setDocs(tree.filter((d) => !d.trashedAt)), () => undefined);
  }, [api, goals.projectId]);

  const run = (what: string, work: () => Promise<void>) => {
    setError(null);
    setSaved(null);
    work().then(
      () => setSaved(what),
      (e: unknown) => setError(errorMessage(e)),
    );
  };
  const saveProject = (e: FormEvent) => {
    e.preventDefault();
    run('Project goal saved.', async () => onGoals(await api.goals.setProject({ projectId: goals.projectId, words: target ? Number(target) : null, deadline: target && deadline ? deadline : null })));
  };
  const saveDocument = (e: FormEvent) => {
    e.preventDefault();
    if (!docId) return setError('Choose a document.');
    run('Document goal saved.', async () => onGoals(await api.goals.setDocument({ documentId: docId, words: docTarget ? Number(docTarget) : null })));
  };
  const saveRules = (e: FormEvent) => {
    e.preventDefault();
    run('Your writing days are saved.', async () => {
      setRules(await api.goals.setRules(rules));
      onGoals(await api.goals.get({ projectId: goals.projectId }));
    });
  };
  const toggleDay = (day: number) => setRules((r) => ({ ...r, writingDays: r.writingDays.includes(day) ? r.writingDays.filter((d) => d !== day) : [...r.writingDays, day] }));

  return (
    <section className="goals panel-section" aria-labelledby="goals-heading">
      <h2 id="goals-heading">Goals</h2>
      {goals.pace && goals.projectTarget && goals.deadline ? (
        <div className="pace" role="group" aria-label="Pace">
          <p className="pace-sentence">{paceSentence(goals.pace, goals.projectTarget, goals.deadline)}</p>
          {goals.pace.status !== 'met' && goals.today.target !== null && (
            <>
              <div className="goal-bar-label">
                <span>{STATUS[goals.pace.status]}</span>
                <span>
                  {fmt(Math.max(0, goals.today.words))} / {fmt(goals.today.target)} today
                </span>
              </div>
              {goals.today.target > 0 ? (
                <progress max={goals.today.target} value={Math.min(Math.max(0, goals.today.words), goals.today.target)} aria-label={`Today: ${fmt(Math.max(0, goals.today.words))} of ${fmt(goals.today.target)} words`} />
              ) : (
                <p className="muted">A day off: nothing is asked of you today.</p>
              )}
            </>
          )}
        </div>
      ) : (
        <p className="muted">Set a word target and a deadline to see the pace they need.</p>
      )}
      <p className="streak-line">
        <strong>{goals.streak.current}</strong> {goals.streak.current === 1 ? 'day' : 'days'} in a row · longest {goals.streak.longest}
        {goals.streak.todayCounts ? ' · today counts' : ''}
      </p>
      {error && <p role="alert" className="error">{error}</p>}
      {saved && <p role="status" className="muted">{saved}</p>}

      <form className="goal-form" onSubmit={saveProject} aria-label="Project goal">
        <h3>Project target</h3>
        <div className="goal-fields">
          <div className="field">
            <label htmlFor="goal-words">Words</label>
            <input id="goal-words" type="number" min={1} inputMode="numeric" value={target} onChange={(e) => setTarget(e.target.value)} placeholder="e.g. 80000" />
          </div>
          <div className="field">
            <label htmlFor="goal-deadline">Deadline</label>
            <input id="goal-deadline" type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
          </div>
        </div>
        <button type="submit">Save project target</button>
      </form>

      <form className="goal-form" onSubmit={saveDocument} aria-label="Document goal">
        <h3>Document target</h3>
        <div className="goal-fields">
          <div className="field">
            <label htmlFor="goal-doc">Document</label>
            <select
              id="goal-doc"
              value={docId}
              onChange={(e) => {
                setDocId(e.target.value);
                const existing = goals.documents.find((d) => d.documentId === e.target.value);
                setDocTarget(existing ? String(existing.target) : '');
              }}
            >
              <option value="">Choose…</option>
              {docs.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="goal-doc-words">Words</label>
            <input id="goal-doc-words" type="number" min={1} inputMode="numeric" value={docTarget} onChange={(e) => setDocTarget(e.target.value)} />
          </div>
        </div>
        <button type="submit">Save document target</button>
      </form>

      <details className="rules">
        <summary>How you write: days, sessions, streaks</summary>
        <form className="goal-form" onSubmit={saveRules} aria-label="How you write">
          <fieldset className="weekdays">
            <legend>Days you write</legend>
            {WEEKDAYS.map((w) => (
              <label key={w.day} className="weekday" title={w.long}>
                <input type="checkbox" checked={rules.writingDays.includes(w.day)} onChange={() => toggleDay(w.day)} aria-label={w.long} />
                {w.short}
              </label>
            ))}
          </fieldset>
          <div className="goal-fields">
            <div className="field">
              <label htmlFor="rule-min">A day counts at (words)</label>
              <input id="rule-min" type="number" min={1} value={rules.minWords} onChange={(e) => setRules((r) => ({ ...r, minWords: Number(e.target.value) }))} />
            </div>
            <div className="field">
              <label htmlFor="rule-end">Your day ends at</label>
              <select id="rule-end" value={rules.dayEndsAt} onChange={(e) => setRules((r) => ({ ...r, dayEndsAt: Number(e.target.value) }))}>
                {Array.from({ length: 13 }, (_, h) => (
                  <option key={h} value={h}>
                    {hourLabel(h)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="rule-session">Session target (words)</label>
              <input id="rule-session" type="number" min={1} value={rules.sessionWords ?? ''} onChange={(e) => setRules((r) => ({ ...r, sessionWords: e.target.value ? Number(e.target.value) : null }))} />
            </div>
          </div>
          <button type="submit">Save how you write</button>
        </form>
      </details>
    </section>
  );
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { StudioSprintTick, SyncStatus } from '../../../../shared/api/studio-api';
import type { LeaderRow, Sprint, SprintResult, SprintStatus } from '../../../../shared/protocol/community-events';
import { errorMessage } from '../../app/studio-client';
import { useStudio } from '../../app/studio-context';
import { SprintHistoryChart } from './SprintHistoryChart';
import { sprintNotice } from './sprint-notices';

const DURATIONS = [5, 10, 15, 20, 25, 30, 45, 60, 90, 120];
const REACTIONS = ['👏', '🔥', '💪', '⭐'] as const;

function clock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** A desktop notification, if the writer allowed them. */
function notify(title: string, body: string) {
  if (typeof Notification !== 'undefined' && Notification.permission === 'granted') new Notification(title, { body });
}

/** Live writing sprints: join or start one, watch the shared clock and the leaderboard, see results and history. */
export function SprintPanel({ sync }: { sync: SyncStatus }) {
  const api = useStudio();
  const [tick, setTick] = useState<StudioSprintTick | null>(null);
  const [sprints, setSprints] = useState<Sprint[]>([]);
  const [history, setHistory] = useState<SprintResult[]>([]);
  const [result, setResult] = useState<SprintResult | null>(null);
  const [cheers, setCheers] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const lastStatus = useRef<SprintStatus | null>(null);
  const online = sync.state === 'online';

  const refresh = useCallback(async () => {
    if (!online) return;
    const [list, past] = await Promise.all([api.sprints.list(), api.sprints.history()]);
    setSprints(list);
    setHistory(past);
  }, [api, online]);

  useEffect(() => {
    refresh().catch((e: unknown) => setError(errorMessage(e)));
  }, [refresh]);

  useEffect(() => {
    const offTick = api.on('sprint:tick', (next) => {
      setTick(next);
      if (!next) return;
      const previous = lastStatus.current;
      lastStatus.current = next.status;
      const notice = sprintNotice(previous, next.status);
      if (notice) notify(notice.title, notice.body);
      if (next.status === 'finished' && previous !== 'finished') {
        api.sprints.results({ sprintId: next.sprintId }).then(setResult, () => undefined);
        refresh().catch(() => undefined);
      }
    });
    const offCheer = api.on('sprint:cheer', (cheer) => {
      if (!cheer) return;
      setCheers((list) => [...list.slice(-4), `${cheer.from} ${cheer.reaction}`]);
    });
    return () => {
      offTick();
      offCheer();
    };
  }, [api, refresh]);

  const run = (work: () => Promise<unknown>) => {
    setError(null);
    if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
    work()
      .then(refresh)
      .catch((e: unknown) => setError(errorMessage(e)));
  };

  if (!online) {
    return (
      <div className="not-connected">
        <p>
          <strong>Not connected</strong>
        </p>
        <p>Sign in from the Community tab to sprint with other writers.</p>
        {'reason' in sync && <p className="muted">{sync.reason}</p>}
      </div>
    );
  }

  const active = tick && tick.status !== 'finished' ? tick : null;
  return (
    <section className="sprints" aria-label="Sprints">
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {active ? (
        <ActiveSprint tick={active} cheers={cheers} onCheer={(row, reaction) => run(() => api.sprints.cheer({ sprintId: active.sprintId, toUserId: row.userId, reaction }))} onLeave={() => run(() => api.sprints.leave({ sprintId: active.sprintId }))} />
      ) : (
        <>
          {result && (
            <div className="sprint-result" role="status" aria-label="Sprint result">
              <strong>{result.words.toLocaleString()} words</strong> · {result.wpm} wpm
              {result.place ? ` · place ${result.place} of ${result.writers}` : ''}
              {result.personalBest ? ' · personal best!' : ''}
            </div>
          )}
          <SprintList sprints={sprints} onJoin={(id) => run(() => api.sprints.join({ sprintId: id }))} />
          <NewSprint onCreate={(input) => run(() => api.sprints.create(input))} />
        </>
      )}
      <h3>Your sprints</h3>
      <SprintHistoryChart history={history} />
    </section>
  );
}

function ActiveSprint({ tick, cheers, onCheer, onLeave }: { tick: StudioSprintTick; cheers: string[]; onCheer: (row: LeaderRow, reaction: (typeof REACTIONS)[number]) => void; onLeave: () => void }) {
  // The countdown redraws four times a second only while a sprint is on screen.
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const serverNow = now + tick.offsetMs;
  const target = tick.status === 'upcoming' ? tick.startsAt : tick.endsAt;
  const remaining = Date.parse(target) - serverNow;
  const mine = Math.max(tick.localWords ?? 0, tick.me?.words ?? 0);
  const rows = [...tick.top, ...tick.around];
  return (
    <div className="active-sprint">
      <p className="sprint-phase">{tick.status === 'upcoming' ? 'Starts in' : tick.status === 'running' ? 'Time left' : 'Finishing — final counts until'}</p>
      <p className="countdown" role="timer" aria-label="Sprint time left">
        {tick.status === 'grace' ? clock(Date.parse(tick.endsAt) + 120_000 - serverNow) : clock(remaining)}
      </p>
      <p aria-label="Your sprint words" className="my-words">
        {mine.toLocaleString()} words
      </p>
      {tick.goalWords && (
        <label className="goal">
          Goal {tick.goalWords.toLocaleString()} words
          <progress max={tick.goalWords} value={Math.min(mine, tick.goalWords)} aria-label="Progress to the sprint goal" />
        </label>
      )}
      <ol className="leaderboard" aria-label="Leaderboard">
        {rows.map((row) => (
          <li key={row.userId} className={row.userId === tick.me?.userId ? 'me' : ''} aria-label={`${row.displayName}: ${row.words} words`}>
            <span className="place">{row.place ?? '⚑'}</span>
            <span className="name">{row.displayName}</span>
            <span className="words">{row.words.toLocaleString()}</span>
            {row.userId !== tick.me?.userId && (
              <span className="cheers">
                {REACTIONS.map((r) => (
                  <button key={r} type="button" aria-label={`Cheer ${row.displayName} ${r}`} onClick={() => onCheer(row, r)}>
                    {r}
                  </button>
                ))}
              </span>
            )}
          </li>
        ))}
      </ol>
      <p className="muted">
        {tick.totals.writers} writing · {tick.totals.words.toLocaleString()} words together
      </p>
      {cheers.length > 0 && (
        <p className="cheer-feed" aria-live="polite">
          {cheers.join(' · ')}
        </p>
      )}
      <button type="button" onClick={onLeave}>
        Leave sprint
      </button>
    </div>
  );
}

function SprintList({ sprints, onJoin }: { sprints: Sprint[]; onJoin: (id: string) => void }) {
  const open = sprints.filter((s) => s.status === 'upcoming' || s.status === 'running');
  if (open.length === 0) return <p className="muted">No sprints right now. Start one below.</p>;
  return (
    <ul className="sprint-list" aria-label="Sprints you can join">
      {open.map((s) => (
        <li key={s.id}>
          <span>
            <strong>{s.title}</strong>
            <small>
              {s.durationMin} min · {s.status === 'running' ? 'running' : `starts ${new Date(s.startsAt).toLocaleTimeString()}`} · {s.writers} writing
            </small>
          </span>
          <button type="button" aria-label={`Join ${s.title}`} onClick={() => onJoin(s.id)}>
            Join
          </button>
        </li>
      ))}
    </ul>
  );
}

function NewSprint({ onCreate }: { onCreate: (input: { title: string; durationMin: number; startsInMin: number; goalWords: number | null }) => void }) {
  const [title, setTitle] = useState('Writing sprint');
  const [duration, setDuration] = useState(15);
  const [startsIn, setStartsIn] = useState(0);
  const [goal, setGoal] = useState('');
  return (
    <form
      className="new-sprint"
      onSubmit={(e) => {
        e.preventDefault();
        onCreate({ title: title.trim() || 'Writing sprint', durationMin: duration, startsInMin: startsIn, goalWords: goal ? Number(goal) : null });
      }}
    >
      <label htmlFor="sprint-title">Sprint name</label>
      <input id="sprint-title" value={title} maxLength={80} onChange={(e) => setTitle(e.target.value)} />
      <label htmlFor="sprint-duration">Minutes</label>
      <select id="sprint-duration" value={duration} onChange={(e) => setDuration(Number(e.target.value))}>
        {DURATIONS.map((d) => (
          <option key={d} value={d}>
            {d}
          </option>
        ))}
      </select>
      <label htmlFor="sprint-starts">Starts in (minutes)</label>
      <select id="sprint-starts" value={startsIn} onChange={(e) => setStartsIn(Number(e.target.value))}>
        {[0, 1, 5, 10, 15, 30].map((m) => (
          <option key={m} value={m}>
            {m === 0 ? 'now' : m}
          </option>
        ))}
      </select>
      <label htmlFor="sprint-goal">Word goal (optional)</label>
      <input id="sprint-goal" inputMode="numeric" value={goal} onChange={(e) => setGoal(e.target.value.replace(/\D/g, '').slice(0, 5))} />
      <button type="submit">Start sprint</button>
    </form>
  );
}

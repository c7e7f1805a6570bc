import { useEffect, useState } from 'react';
import { GRACE_MS } from '../../../../shared/rules/sprints';
import { useStore, useStores } from '../../app/stores';
import type { StudioSprintTick, SyncStatus } from '../../../../shared/api/studio-api';
import type { Circle, LeaderRow, Sprint, SprintResult } from '../../../../shared/protocol/community-events';
import { errorMessage } from '../../app/studio-client';
import { useStudio } from '../../app/studio-context';
import { SprintHistoryChart } from './SprintHistoryChart';
import { SprintResultKudos } from '../activity/SprintResultKudos';
import { CircleSelect } from '../../ui/CircleSelect';

const DURATIONS = [5, 10, 15, 20, 25, 30, 45, 60, 90, 120];
const REACTIONS = ['👏', '🔥', '💪', '⭐'] as const;

function clock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** Live writing sprints: join or start one, watch the shared clock and the leaderboard, see results and history. */
export function SprintPanel({ sync }: { sync: SyncStatus }) {
  const api = useStudio();
  const { sprint } = useStores();
  const active = useStore(sprint, (s) => s.active());
  const finalTick = useStore(sprint, (s) => s.finalTick());
  const cheers = useStore(sprint, (s) => s.cheers());
  const result = useStore(sprint, (s) => s.result());
  const sprints = useStore(sprint, (s) => s.list());
  const history = useStore(sprint, (s) => s.history());
  const circles = useStore(sprint, (s) => s.circles());
  const [error, setError] = useState<string | null>(null);
  const online = sync.state === 'online';

  // Opening the tab (or coming back online) asks again: open sprints and new circles are not announced.
  useEffect(() => {
    sprint.reload().catch((e: unknown) => setError(errorMessage(e)));
  }, [sprint, online]);

  const run = (work: () => Promise<unknown>) => {
    setError(null);
    sprint.askToNotify();
    work()
      .then(() => sprint.reload())
      .catch((e: unknown) => setError(errorMessage(e)));
  };

  // In a sprint and out of reach: the clock runs on, on the last known offset, and the words wait.
  if (!online && !active) {
    const signedOut = sync.state === 'offline' && /Not signed in|Signed out/.test(sync.reason);
    return (
      <div className="not-connected">
        <p>
          <strong>{signedOut ? 'Signed out' : 'Offline'}</strong>
        </p>
        <p>{signedOut ? 'Sign in from the Community tab to sprint with other writers.' : 'Sprints need the community server; Margin keeps trying in the background.'}</p>
        {'reason' in sync && <p className="muted">{sync.reason}</p>}
      </div>
    );
  }

  return (
    <section className="sprints" aria-label="Sprints">
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {active ? (
        <ActiveSprint
          tick={active}
          online={online}
          cheers={cheers}
          onCheer={(row, reaction) => run(() => api.sprints.cheer({ sprintId: active.sprintId, toUserId: row.userId, reaction }))}
          onLeave={() => run(() => api.sprints.leave({ sprintId: active.sprintId }))}
        />
      ) : (
        <>
          {finalTick && <SprintOver tick={finalTick} result={result} />}
          <SprintList sprints={sprints} circles={circles} onJoin={(id) => run(() => api.sprints.join({ sprintId: id }))} />
          <NewSprint circles={circles} onCreate={(input) => run(() => api.sprints.create(input))} />
        </>
      )}
      <h3>Your sprints</h3>
      <SprintHistoryChart history={history} />
    </section>
  );
}

/** Ticks four times a second while mounted: the countdown's clock. */
function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The time left (or until the start) on the server's clock, as this studio last measured it. */
function timeLeft(tick: StudioSprintTick, now: number): number {
  return Date.parse(tick.status === 'upcoming' ? tick.startsAt : tick.endsAt) - (now + tick.offsetMs);
}

/** The sprint's name and clock, for the status bar (it stays visible in focus mode and on every tab). */
export function SprintBadge() {
  const { sprint } = useStores();
  const tick = useStore(sprint, (s) => s.active());
  if (!tick) return null;
  return <SprintBadgeClock tick={tick} />;
}

function SprintBadgeClock({ tick }: { tick: StudioSprintTick }) {
  const now = useNow();
  return (
    <span className="sprint-badge" role="timer" aria-label={`${tick.title}: ${tick.status === 'upcoming' ? 'starts in' : 'time left'}`}>
      Sprint: {tick.title} · {tick.status === 'upcoming' ? 'starts in ' : ''}
      {clock(timeLeft(tick, now))}
    </span>
  );
}

/** The end: the final leaderboard and the writer's result together, and how long late counts are still taken. */
function SprintOver({ tick, result }: { tick: StudioSprintTick; result: SprintResult | null }) {
  const now = useNow();
  const lateFor = Math.ceil((Date.parse(tick.endsAt) + GRACE_MS - (now + tick.offsetMs)) / 60_000);
  const rows = [...tick.top, ...tick.around.filter((r) => !tick.top.some((t) => t.userId === r.userId))];
  return (
    <div className="sprint-over" aria-label="Sprint results">
      <h3>{tick.title}: time’s up</h3>
      {result ? (
        <p className="sprint-result" role="status" aria-label="Sprint result">
          <strong>{result.words.toLocaleString()} words</strong> · {result.wpm} wpm
          {result.place ? ` · place ${result.place} of ${result.writers}` : ''}
          {result.personalBest ? ' · personal best!' : ''}
        </p>
      ) : (
        <p className="muted">Counting your words…</p>
      )}
      {tick.status === 'grace' && lateFor > 0 && (
        <p className="muted">Final counts accepted for {lateFor === 1 ? '1 more minute' : `${lateFor} more minutes`}, from writers who were offline at the bell.</p>
      )}
      <ol className="leaderboard" aria-label="Final leaderboard">
        {rows.map((row) => (
          <li key={row.userId} className={row.userId === tick.me?.userId ? 'me' : ''} aria-label={`${row.displayName}: ${row.words} words`}>
            <span className="place">{row.place ?? '⚑'}</span>
            <span className="name">{row.displayName}</span>
            <span className="words">{row.words.toLocaleString()}</span>
          </li>
        ))}
      </ol>
      {tick.status === 'finished' && <SprintResultKudos sprintId={tick.sprintId} meId={tick.me?.userId ?? null} names={new Map(rows.map((r) => [r.userId, r.displayName]))} />}
    </div>
  );
}

function ActiveSprint({ tick, online, cheers, onCheer, onLeave }: { tick: StudioSprintTick; online: boolean; cheers: string[]; onCheer: (row: LeaderRow, reaction: (typeof REACTIONS)[number]) => void; onLeave: () => void }) {
  // The countdown redraws four times a second only while a sprint is on screen.
  const now = useNow();
  const remaining = timeLeft(tick, now);
  const mine = Math.max(tick.localWords ?? 0, tick.me?.words ?? 0);
  const rows = [...tick.top, ...tick.around];
  return (
    <div className="active-sprint">
      <p className="sprint-phase">
        {tick.title} · {tick.status === 'upcoming' ? 'starts in' : 'time left'}
      </p>
      <p className="countdown" role="timer" aria-label="Sprint time left">
        {clock(remaining)}
      </p>
      {!online && (
        <p className="sprint-offline" role="status">
          Offline: the clock keeps running and your words are counted here; they will be sent when you are back.
        </p>
      )}
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

function SprintList({ sprints, circles, onJoin }: { sprints: Sprint[]; circles: Circle[]; onJoin: (id: string) => void }) {
  const open = sprints.filter((s) => s.status === 'upcoming' || s.status === 'running');
  if (open.length === 0) return <p className="muted">No sprints right now. Start one below; sprints planned in your circles appear here as they are made.</p>;
  const circleName = (id: string | null) => (id ? (circles.find((c) => c.id === id)?.name ?? 'a circle') : 'open to all');
  return (
    <ul className="sprint-list" aria-label="Sprints you can join">
      {open.map((s) => (
        <li key={s.id}>
          <span>
            <strong>{s.title}</strong>
            <small>
              {s.durationMin} min · {s.status === 'running' ? 'running' : `starts ${new Date(s.startsAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`} · {s.writers} writing · {circleName(s.circleId)}
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

function NewSprint({ circles, onCreate }: { circles: Circle[]; onCreate: (input: { circleId: string | null; title: string; durationMin: number; startsInMin: number; goalWords: number | null }) => void }) {
  const [title, setTitle] = useState('Writing sprint');
  const [circleId, setCircleId] = useState('');
  const [duration, setDuration] = useState(15);
  const [startsIn, setStartsIn] = useState(0);
  const [goal, setGoal] = useState('');
  return (
    <form
      className="new-sprint"
      onSubmit={(e) => {
        e.preventDefault();
        onCreate({ circleId: circleId || null, title: title.trim() || 'Writing sprint', durationMin: duration, startsInMin: startsIn, goalWords: goal ? Number(goal) : null });
      }}
    >
      <label htmlFor="sprint-title">Sprint name</label>
      <input id="sprint-title" value={title} maxLength={80} onChange={(e) => setTitle(e.target.value)} />
      <label htmlFor="sprint-circle">Who can join</label>
      <CircleSelect id="sprint-circle" circles={circles} value={circleId} onPick={setCircleId} none={{ label: 'Anyone (open sprint)' }} suffix=" only" />
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

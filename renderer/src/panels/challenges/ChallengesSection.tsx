import { useEffect, useState, type FormEvent } from 'react';
import type { Challenge, LocalChallengeView } from '../../../../shared/api/challenges';
import type { Circle } from '../../../../shared/protocol/community-events';
import { addDays } from '../../../../shared/goals/writing-days';
import { amountLabel, CHALLENGE_LIMITS, GOAL_BOUNDS, goalLabel, type ChallengeGoalKind, type Pace } from '../../../../shared/rules/challenges';
import { useStudio } from '../../app/studio-context';
import { useStore, useStores } from '../../app/stores';
import { dayShort } from './day-labels';
import { HeatMap } from './HeatMap';
import { ProgressChart } from './ProgressChart';
import { CircleSelect } from '../../ui/CircleSelect';
import './challenges.css';

/** The writer's local day, as the core counts it. */
const localToday = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const span = (c: Challenge) => `${dayShort(c.startDay)} – ${dayShort(c.endDay)}`;

/** Challenges: goals a circle or everyone takes on together, counted from the writer's own saves. */
export function ChallengesSection() {
  const { challenges } = useStores();
  const state = useStore(challenges, (s) => s.state());
  useEffect(() => {
    void challenges.load();
  }, [challenges]);
  return (
    <section aria-label="Challenges" className="challenges">
      <h3>Challenges</h3>
      {state.error && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
      {state.offline && <p className="muted">Offline: showing the challenges you joined. Your writing still counts and is sent when Margin is back online.</p>}
      {state.open ? (
        <ChallengeDetail view={state.open} />
      ) : (
        <>
          {state.challenges.length === 0 ? (
            <p className="muted">No challenges yet. Start one for your circle, or for everyone.</p>
          ) : (
            <ul aria-label="Challenges" className="challenge-list">
              {state.challenges.map((c) => (
                <li key={c.id}>
                  <button type="button" className="challenge-open" onClick={() => void challenges.open(c.id)}>
                    <span className="challenge-title">{c.title}</span>
                    {c.mine?.completedAt && <span className="challenge-badge small">Finished</span>}
                  </button>
                  <span className="challenge-facts muted">
                    {goalLabel(c.goalKind, c.goal)} · {span(c)} · {c.circleName ?? 'open to everyone'} · {c.participants} {c.participants === 1 ? 'writer' : 'writers'}
                    {c.mine && ' · joined'}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {state.next && (
            <button type="button" onClick={() => void challenges.more()}>
              More challenges
            </button>
          )}
          {!state.offline && <NewChallenge />}
        </>
      )}
    </section>
  );
}

const paceSentence = (kind: ChallengeGoalKind, pace: Pace) => {
  switch (pace.status) {
    case 'done':
      return 'Goal reached. Well written!';
    case 'ended':
      return `The challenge has ended: you wrote ${pace.percent}% of the goal.`;
    case 'upcoming':
      return `Starts soon: about ${amountLabel(kind, pace.perDay)} a day will do it.`;
    case 'on_track':
      return `On track. ${amountLabel(kind, pace.perDay)} a day for the ${pace.daysLeft === 1 ? 'last day' : `${pace.daysLeft} days left`} finishes it.`;
    case 'behind':
      return `A little behind: ${amountLabel(kind, pace.perDay)} a day for the ${pace.daysLeft === 1 ? 'last day' : `${pace.daysLeft} days left`} catches up.`;
  }
};

function ChallengeDetail({ view }: { view: LocalChallengeView }) {
  const { challenges } = useStores();
  const { challenge: c, progress } = view;
  const done = !!c.mine?.completedAt || progress?.pace.status === 'done';
  return (
    <article className="challenge" aria-label={c.title}>
      <button type="button" className="link-button" onClick={() => challenges.close()}>
        ← All challenges
      </button>
      <header>
        <h4>{c.title}</h4>
        <p className="challenge-facts muted">
          {goalLabel(c.goalKind, c.goal)} · {span(c)} · {c.circleName ?? 'open to everyone'} · started by {c.creatorName}
        </p>
      </header>
      {progress ? (
        <>
          {done && (
            <p className="challenge-badge" role="status">
              <span aria-hidden="true">★</span> Finished “{c.title}”
            </p>
          )}
          <div className="challenge-progress">
            <div className="challenge-progress-label">
              <strong>{amountLabel(c.goalKind, progress.total)}</strong>
              <span>
                of {amountLabel(c.goalKind, c.goal)} · {progress.pace.percent}%
              </span>
            </div>
            <progress max={c.goal} value={Math.min(progress.total, c.goal)} aria-label={`${c.title}: ${amountLabel(c.goalKind, progress.total)} of ${amountLabel(c.goalKind, c.goal)} (${progress.pace.percent}%)`} />
            <p className={`pace-line ${progress.pace.status}`}>{paceSentence(c.goalKind, progress.pace)}</p>
            {progress.waiting > 0 && <p className="muted small-print">{progress.waiting === 1 ? 'One day’s total is' : `${progress.waiting} days’ totals are`} waiting to be sent.</p>}
          </div>
          <ProgressChart days={progress.days} kind={c.goalKind} goal={c.goal} total={progress.total} today={progress.today} />
          <HeatMap days={progress.days} kind={c.goalKind} goal={c.goal} today={progress.today} />
          <details className="withdraw">
            <summary>Stop sharing my totals</summary>
            <p className="muted">You leave the challenge and the server deletes every daily total you sent for it. Your writing stays on this computer.</p>
            <button type="button" className="button-danger" onClick={() => void challenges.withdraw(c.id)}>
              Withdraw and delete my totals
            </button>
          </details>
        </>
      ) : view.offline ? null : (
        <JoinForm view={view} />
      )}
      {!view.offline && <Standings view={view} />}
    </article>
  );
}

function JoinForm({ view }: { view: LocalChallengeView }) {
  const { challenges } = useStores();
  const { challenge: c, cabins } = view;
  const [consent, setConsent] = useState(false);
  const [cabin, setCabin] = useState('');
  const [cabinName, setCabinName] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!consent) return;
    void challenges.join({
      challengeId: c.id,
      consent: true,
      ...(cabin === 'new' && cabinName.trim() ? { newCabinName: cabinName.trim() } : cabin && cabin !== 'new' ? { cabinId: cabin } : {}),
    });
  };
  return (
    <form className="join-form" onSubmit={submit} aria-label="Join this challenge">
      {c.cabins && (
        <label>
          Cabin (a team of up to {CHALLENGE_LIMITS.cabinSize})
          <select value={cabin} onChange={(e) => setCabin(e.target.value)}>
            <option value="">No cabin</option>
            {cabins.map((cb) => (
              <option key={cb.id} value={cb.id} disabled={cb.members >= CHALLENGE_LIMITS.cabinSize}>
                {cb.name} ({cb.members}/{CHALLENGE_LIMITS.cabinSize}
                {cb.members >= CHALLENGE_LIMITS.cabinSize ? ', full' : ''})
              </option>
            ))}
            <option value="new">Start a new cabin…</option>
          </select>
        </label>
      )}
      {cabin === 'new' && (
        <label>
          New cabin’s name
          <input value={cabinName} maxLength={CHALLENGE_LIMITS.cabinName} required onChange={(e) => setCabinName(e.target.value)} />
        </label>
      )}
      <label className="consent">
        <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
        <span>Send my daily totals for this challenge: how many words I write each day and for how many minutes. Never my writing itself. I can stop at any time, and my totals are then deleted.</span>
      </label>
      <button type="submit" disabled={!consent}>
        Join challenge
      </button>
    </form>
  );
}

function Standings({ view }: { view: LocalChallengeView }) {
  const { challenges } = useStores();
  const state = useStore(challenges, (s) => s.state());
  const { challenge: c, cabins } = view;
  const best = Math.max(1, ...cabins.map((cb) => cb.total));
  return (
    <>
      <h5>Leaderboard</h5>
      {c.cabins && cabins.length > 0 && (
        <label className="board-filter">
          Show
          <select value={state.boardCabin ?? ''} onChange={(e) => void challenges.board(e.target.value || null)}>
            <option value="">Everyone</option>
            {cabins.map((cb) => (
              <option key={cb.id} value={cb.id}>
                {cb.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {state.board.length === 0 ? (
        <p className="muted">No one has joined yet.</p>
      ) : (
        <ol aria-label="Leaderboard" className="leaderboard">
          {state.board.map((r) => (
            <li key={r.accountId}>
              <span className="rank">{r.rank}</span>
              <span className="who">
                {r.displayName}
                {r.cabinName && <small className="muted"> · {r.cabinName}</small>}
              </span>
              <span className="total">
                {amountLabel(c.goalKind, r.total)}
                {r.completed && (
                  <span className="challenge-badge small" title="Finished">
                    ★<span className="visually-hidden"> finished</span>
                  </span>
                )}
              </span>
            </li>
          ))}
        </ol>
      )}
      {state.boardNext && (
        <button type="button" onClick={() => void challenges.moreBoard()}>
          More writers
        </button>
      )}
      {cabins.length > 0 && (
        <>
          <h5>Cabins</h5>
          <ol aria-label="Cabin standings" className="cabin-standings">
            {cabins.map((cb) => (
              <li key={cb.id}>
                <span className="who">
                  {cb.name} <small className="muted">({cb.members})</small>
                </span>
                <span className="cabin-bar" aria-hidden="true">
                  <span style={{ width: `${(cb.total / best) * 100}%` }} />
                </span>
                <span className="total">{amountLabel(c.goalKind, cb.total)}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}

/** Ready-made goals a writer recognises; each fills the form. */
const PRESETS: { label: string; kind: ChallengeGoalKind; goal: number; days: number }[] = [
  { label: '50,000 words in 30 days', kind: 'words', goal: 50_000, days: 30 },
  { label: 'A scene a day for a week', kind: 'days', goal: 7, days: 7 },
  { label: '10 hours in a month', kind: 'minutes', goal: 600, days: 30 },
];

function NewChallenge() {
  const { challenges } = useStores();
  const api = useStudio();
  const today = localToday();
  const [circles, setCircles] = useState<Circle[]>([]);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<ChallengeGoalKind>('words');
  const [goal, setGoal] = useState(50_000);
  const [startDay, setStartDay] = useState(today);
  const [endDay, setEndDay] = useState(addDays(today, 29));
  const [circleId, setCircleId] = useState('');
  const [cabins, setCabins] = useState(false);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (open) void api.circles.list().then(setCircles, () => setCircles([]));
  }, [api, open]);
  const preset = (p: (typeof PRESETS)[number]) => {
    setTitle((t) => t || p.label);
    setKind(p.kind);
    setGoal(p.goal);
    setEndDay(addDays(startDay, p.days - 1));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void challenges.create({ title, goalKind: kind, goal, startDay, endDay, circleId: circleId || null, cabins });
  };
  const unit = kind === 'words' ? 'words' : kind === 'days' ? 'days with writing' : 'minutes';
  return (
    <details className="new-challenge" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>Start a challenge</summary>
      <div className="presets" role="group" aria-label="Ready-made goals">
        {PRESETS.map((p) => (
          <button type="button" key={p.label} onClick={() => preset(p)}>
            {p.label}
          </button>
        ))}
      </div>
      <form onSubmit={submit} aria-label="New challenge">
        <label>
          Name
          <input value={title} required maxLength={CHALLENGE_LIMITS.title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <div className="challenge-fields">
          <label>
            Goal
            <input type="number" value={goal} min={GOAL_BOUNDS[kind].min} max={GOAL_BOUNDS[kind].max} required onChange={(e) => setGoal(Number(e.target.value))} />
          </label>
          <label>
            Counted in
            <select value={kind} onChange={(e) => setKind(e.target.value as ChallengeGoalKind)} aria-label="Counted in">
              <option value="words">words</option>
              <option value="days">days with writing</option>
              <option value="minutes">minutes of writing</option>
            </select>
          </label>
          <label>
            Starts
            <input type="date" value={startDay} required onChange={(e) => setStartDay(e.target.value)} />
          </label>
          <label>
            Deadline
            <input type="date" value={endDay} min={startDay} required onChange={(e) => setEndDay(e.target.value)} />
          </label>
        </div>
        <label>
          Who may join
          <CircleSelect circles={circles} value={circleId} onPick={setCircleId} none={{ label: 'Everyone on this server' }} suffix=" (circle)" />
        </label>
        <label className="inline">
          <input type="checkbox" checked={cabins} onChange={(e) => setCabins(e.target.checked)} /> Writers may team up in cabins of up to {CHALLENGE_LIMITS.cabinSize}
        </label>
        <p className="muted small-print">
          {goal.toLocaleString()} {unit}, counted from each writer’s own saves on their own calendar days.
        </p>
        <button type="submit">Start challenge</button>
      </form>
    </details>
  );
}

/**
 * Challenges: "50,000 words in November", "a scene a day for a week", "10 hours in a month".
 * The limits and the pace maths both sides apply: the server checks a new challenge and counts
 * totals with them, the studio and its panels show the pace with them. Days are local calendar
 * days ('YYYY-MM-DD'): each writer's own, in their time zone.
 */
import { addDays, daysBetween } from '../goals/writing-days';
import { refuse, type Refusal } from './rule-error';

export type ChallengeGoalKind = 'words' | 'days' | 'minutes';

export const CHALLENGE_LIMITS = {
  /** Writers in one cabin (a team inside a challenge). */
  cabinSize: 12,
  title: 80,
  cabinName: 40,
  /** The longest a challenge runs, and how far ahead one may be planned (days). */
  maxDays: 366,
  maxStartsInDays: 365,
  /** A day's net words or minutes as the studio sends them: more is not one person's day. */
  maxWordsPerDay: 100_000,
  maxMinutesPerDay: 24 * 60,
} as const;

/** Goal bounds per kind: words in all, days with writing, minutes of writing. */
export const GOAL_BOUNDS: Record<ChallengeGoalKind, { min: number; max: number }> = {
  words: { min: 100, max: 5_000_000 },
  days: { min: 1, max: CHALLENGE_LIMITS.maxDays },
  minutes: { min: 10, max: CHALLENGE_LIMITS.maxDays * 24 * 60 },
};

/** The milestones announced in the activity feed; 100 also earns the badge. */
export const MILESTONES = [25, 50, 75, 100] as const;

export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (day: string) => DAY_PATTERN.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);

export interface ChallengeShape {
  goalKind: ChallengeGoalKind;
  goal: number;
  startDay: string;
  endDay: string;
}

/** Days the challenge runs, both ends included. */
export const challengeDays = (c: Pick<ChallengeShape, 'startDay' | 'endDay'>): number => daysBetween(c.startDay, c.endDay) + 1;

/** Why a new challenge cannot be made as asked, or null. `today` is the creator's local day. */
export function challengeRefusal(c: ChallengeShape, today: string): Refusal {
  if (!isDay(c.startDay) || !isDay(c.endDay)) return refuse('invalid_input', 'Dates are days like 2026-11-01.');
  const bounds = GOAL_BOUNDS[c.goalKind];
  if (!Number.isInteger(c.goal) || c.goal < bounds.min || c.goal > bounds.max) {
    return refuse('invalid_input', `A ${c.goalKind} goal is between ${bounds.min.toLocaleString('en')} and ${bounds.max.toLocaleString('en')}.`);
  }
  if (c.endDay < c.startDay) return refuse('invalid_input', 'The deadline comes before the start.');
  if (challengeDays(c) > CHALLENGE_LIMITS.maxDays) return refuse('invalid_input', `A challenge runs at most ${CHALLENGE_LIMITS.maxDays} days.`);
  // A day of slack either side: the creator's "today" and the server's may differ by a time zone.
  if (c.endDay < addDays(today, -1)) return refuse('invalid_input', 'That deadline has passed.');
  if (c.startDay > addDays(today, CHALLENGE_LIMITS.maxStartsInDays)) return refuse('invalid_input', 'A challenge starts within a year.');
  if (c.goalKind === 'days' && c.goal > challengeDays(c)) return refuse('invalid_input', 'There are fewer days than that between the start and the deadline.');
  return null;
}

/** Why a day's total is not taken: the day is outside the challenge, or in the future for every time zone. */
export function dayRefusal(c: Pick<ChallengeShape, 'startDay' | 'endDay'>, day: string, serverToday: string): Refusal {
  if (!isDay(day)) return refuse('invalid_input', 'A day is written like 2026-11-01.');
  if (day < c.startDay || day > c.endDay) return refuse('conflict', 'That day is outside the challenge.');
  // The furthest-ahead time zone is 14 hours ahead of UTC: no one's today is past the server's tomorrow.
  if (day > addDays(serverToday, 1)) return refuse('conflict', 'That day has not come yet.');
  return null;
}

/** A cabin has room for one more. */
export const cabinRefusal = (members: number): Refusal =>
  members >= CHALLENGE_LIMITS.cabinSize ? refuse('conflict', `That cabin is full (${CHALLENGE_LIMITS.cabinSize} writers).`) : null;

/** One day's writing as the studio counts it. */
export interface DayTotal {
  day: string;
  words: number;
  minutes: number;
}

/** What one day adds toward a goal: net words (a day of cutting adds nothing, never less), a day with writing, its minutes. */
export function dayValue(kind: ChallengeGoalKind, d: Pick<DayTotal, 'words' | 'minutes'>): number {
  if (kind === 'words') return Math.max(0, d.words);
  if (kind === 'days') return d.words > 0 || d.minutes > 0 ? 1 : 0;
  return Math.max(0, d.minutes);
}

export const totalOf = (kind: ChallengeGoalKind, days: readonly Pick<DayTotal, 'words' | 'minutes'>[]): number => days.reduce((sum, d) => sum + dayValue(kind, d), 0);

export type PaceStatus = 'upcoming' | 'on_track' | 'behind' | 'done' | 'ended';

export interface Pace {
  status: PaceStatus;
  /** Of the goal, 0-100 (rounded down, so 100 means done). */
  percent: number;
  /** Days left, today included (0 once the deadline has passed). */
  daysLeft: number;
  /** What is needed each remaining day to finish on time (0 when done). */
  perDay: number;
  /** Where an even pace would be by the end of today. */
  expected: number;
  remaining: number;
}

/**
 * Where a writer stands on `today` with `total` done: the pace needed each remaining day (today
 * included), and on track when at least where an even pace would be by the end of yesterday
 * (today's writing may not have happened yet).
 */
export function paceOf(c: ChallengeShape, total: number, today: string): Pace {
  const days = challengeDays(c);
  const remaining = Math.max(0, c.goal - total);
  const percent = Math.min(100, Math.floor((Math.max(0, total) / c.goal) * 100));
  const elapsedBeforeToday = Math.min(days, Math.max(0, daysBetween(c.startDay, today)));
  const expected = Math.min(c.goal, Math.ceil((c.goal * Math.min(days, elapsedBeforeToday + 1)) / days));
  const daysLeft = today > c.endDay ? 0 : Math.min(days, days - elapsedBeforeToday);
  const base = { percent: remaining === 0 ? 100 : Math.min(99, percent), daysLeft, expected, remaining };
  if (remaining === 0) return { ...base, status: 'done', perDay: 0 };
  if (today < c.startDay) return { ...base, status: 'upcoming', expected: 0, perDay: Math.ceil(remaining / days) };
  if (today > c.endDay) return { ...base, status: 'ended', perDay: 0 };
  const byYesterday = Math.floor((c.goal * elapsedBeforeToday) / days);
  return { ...base, status: total >= byYesterday ? 'on_track' : 'behind', perDay: Math.ceil(remaining / daysLeft) };
}

/** Milestones reached going from `before` to `after` (both totals) toward `goal`. */
export function milestonesCrossed(before: number, after: number, goal: number): number[] {
  return MILESTONES.filter((m) => before * 100 < m * goal && after * 100 >= m * goal);
}

/** The highest milestone a total has reached, or 0. */
export const milestoneOf = (total: number, goal: number): number => MILESTONES.filter((m) => total * 100 >= m * goal).at(-1) ?? 0;

/** The goal in words a writer reads: "50,000 words", "7 days with writing", "10 hours". */
export function goalLabel(kind: ChallengeGoalKind, goal: number): string {
  if (kind === 'words') return `${goal.toLocaleString('en')} words`;
  if (kind === 'days') return `${goal} ${goal === 1 ? 'day' : 'days'} with writing`;
  return minutesLabel(goal);
}

/** Minutes as hours and minutes: "10 hours", "1 h 30 min", "45 min". */
export function minutesLabel(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  if (m === 0) return `${h} ${h === 1 ? 'hour' : 'hours'}`;
  return `${h} h ${m} min`;
}

/** An amount of the goal's unit, as a writer reads it. */
export function amountLabel(kind: ChallengeGoalKind, n: number): string {
  if (kind === 'words') return `${n.toLocaleString('en')} ${n === 1 ? 'word' : 'words'}`;
  if (kind === 'days') return `${n} ${n === 1 ? 'day' : 'days'}`;
  return minutesLabel(n);
}

/** The badge a finished challenge earns (profiles' badges: one per challenge). */
export const challengeBadge = (challengeId: string, title: string) => ({ key: `challenge:${challengeId}`, label: `Finished “${title}”` });

/**
 * Writing days, pace and streaks: the rules the studio core applies to count and the panels
 * show. Pure functions on local calendar days ('YYYY-MM-DD'), no clock of their own.
 */

/** How the writer counts: which weekdays they write on (0 Sunday ... 6 Saturday), what makes a day count, when a day ends. */
export interface WritingRules {
  writingDays: number[];
  /** A day counts toward a streak at this many net words. */
  minWords: number;
  /** Hour (0-23) at which a writing day ends: 3 means writing until 3 am counts for the evening before. */
  dayEndsAt: number;
  /** Words the writer means to write each time they sit down, or null. */
  sessionWords: number | null;
}

export const DEFAULT_RULES: WritingRules = { writingDays: [0, 1, 2, 3, 4, 5, 6], minWords: 1, dayEndsAt: 0, sessionWords: null };

const DAY_MS = 24 * 3600_000;
const toUtc = (day: string) => Date.parse(`${day}T00:00:00Z`);
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const addDays = (day: string, days: number): string => fromUtc(toUtc(day) + days * DAY_MS);
export const weekday = (day: string): number => new Date(toUtc(day)).getUTCDay();
export const daysBetween = (from: string, to: string): number => Math.round((toUtc(to) - toUtc(from)) / DAY_MS);

/** The local calendar day of a moment. */
export function calendarDay(at: Date): string {
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
}

/** The writing day a moment belongs to: before the hour the day ends, it is still the day before. */
export function writingDayOf(at: Date, dayEndsAt: number): string {
  const day = calendarDay(at);
  return at.getHours() < dayEndsAt ? addDays(day, -1) : day;
}

/**
 * Net words per writing day, from words per calendar day and hour: words written before the
 * hour the day ends move to the day before. Days recorded before hours were kept have no
 * hourly rows and stay as they were.
 */
export function writingDayTotals(hourly: { day: string; hour: number; words: number }[], daily: { day: string; words: number }[], dayEndsAt: number): Map<string, number> {
  const totals = new Map<string, number>();
  const add = (day: string, words: number) => totals.set(day, (totals.get(day) ?? 0) + words);
  for (const { day, words } of daily) add(day, words);
  if (dayEndsAt > 0) {
    for (const { day, hour, words } of hourly) {
      if (hour >= dayEndsAt) continue;
      add(day, -words);
      add(addDays(day, -1), words);
    }
  }
  for (const [day, words] of totals) if (words === 0) totals.delete(day);
  return totals;
}

/** How many writing days there are from `from` to `to`, both included. */
export function writingDaysIn(from: string, to: string, writingDays: number[]): number {
  let count = 0;
  for (let day = from; day <= to; day = addDays(day, 1)) if (writingDays.includes(weekday(day))) count++;
  return count;
}

export interface Pace {
  /** Words still to write for the target, as of the start of today. */
  remaining: number;
  /** Writing days from today to the deadline, both included (today only if it is a writing day). */
  daysLeft: number;
  /** Words per writing day needed, worked out at the start of today (so it holds still while you write). */
  perDay: number;
  /** Today's share: perDay on a writing day, 0 on a day off. */
  todayTarget: number;
  todayLeft: number;
  status: 'met' | 'ahead' | 'on-track' | 'behind' | 'overdue';
}

/**
 * The daily pace a deadline needs: what is left (as of this morning), shared among the writing
 * days left. Days the writer does not write are skipped, so a Monday-to-Friday writer facing
 * a deadline next Monday shares the words among six days, not eight.
 */
export function dailyPace(input: { target: number; writtenBeforeToday: number; writtenToday: number; today: string; deadline: string; writingDays: number[] }): Pace {
  const { target, writtenBeforeToday, writtenToday, today, deadline, writingDays } = input;
  const remaining = Math.max(0, target - writtenBeforeToday);
  const writingToday = writingDays.includes(weekday(today));
  const daysLeft = deadline < today ? 0 : writingDaysIn(today, deadline, writingDays);
  if (remaining === 0 || writtenBeforeToday + writtenToday >= target) {
    return { remaining, daysLeft, perDay: 0, todayTarget: 0, todayLeft: 0, status: 'met' };
  }
  if (daysLeft === 0) {
    // The deadline passed (or no writing day is left before it): all that is left is due now.
    return { remaining, daysLeft, perDay: remaining, todayTarget: remaining, todayLeft: Math.max(0, remaining - writtenToday), status: 'overdue' };
  }
  const perDay = Math.ceil(remaining / daysLeft);
  const todayTarget = writingToday ? perDay : 0;
  const todayLeft = Math.max(0, todayTarget - writtenToday);
  const status = writtenToday > todayTarget ? 'ahead' : todayLeft === 0 ? 'on-track' : 'behind';
  return { remaining, daysLeft, perDay, todayTarget, todayLeft, status };
}

export interface Streaks {
  current: number;
  longest: number;
  /** Today already counts (enough words written). */
  todayCounts: boolean;
}

/**
 * Streaks of writing days. A day counts at `minWords`; a day the writer does not write on
 * (not one of their writing days) neither breaks a streak nor is needed for one (writing on it
 * still counts); today does not break a streak before it is over.
 */
export function streaks(totals: Map<string, number>, rules: Pick<WritingRules, 'minWords' | 'writingDays'>, today: string): Streaks {
  const counted = [...totals].filter(([, words]) => words >= rules.minWords).map(([day]) => day).sort();
  if (counted.length === 0) return { current: 0, longest: 0, todayCounts: false };
  let run = 0;
  let longest = 0;
  for (let day = counted[0]!; day <= today; day = addDays(day, 1)) {
    if ((totals.get(day) ?? 0) >= rules.minWords) run++;
    else if (rules.writingDays.includes(weekday(day)) && day !== today) run = 0;
    longest = Math.max(longest, run);
  }
  return { current: run, longest, todayCounts: (totals.get(today) ?? 0) >= rules.minWords };
}

/** Best day and the average on days that counted. */
export function daySummary(totals: Map<string, number>, minWords: number) {
  let best: { day: string; words: number } | null = null;
  let sum = 0;
  let days = 0;
  for (const [day, words] of totals) {
    if (!best || words > best.words) best = { day, words };
    if (words >= minWords) {
      sum += words;
      days++;
    }
  }
  return { bestDay: best && best.words > 0 ? best : null, averageOnWritingDays: days === 0 ? 0 : Math.round(sum / days), writingDaysCount: days };
}

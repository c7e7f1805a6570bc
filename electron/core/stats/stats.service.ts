import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { WordsHistory } from '../../../shared/api/goals';
import { addDays, daySummary, streaks, writingDayOf, writingDayTotals, type WritingRules } from '../../../shared/goals/writing-days';
import type { goalsInputs } from '../../../shared/schemas/goals';
import type { Clock } from '../clock';
import { wordTotals } from './word-totals';

const EVER = '0000-01-01';

export interface StatsOptions {
  db: Database;
  clock: Clock;
  rules: () => WritingRules;
  assertProject: (projectId: string) => void;
}

/** Words per writing day, per project and per hour of day over the last 30, 90 or 365 days; best day, average, streaks. */
export function createStats(options: StatsOptions) {
  const totals = wordTotals(options.db);
  const history = ({ projectId, days }: z.output<(typeof goalsInputs)['stats.history']>): WordsHistory => {
    if (projectId) options.assertProject(projectId);
    const rules = options.rules();
    const to = writingDayOf(options.clock(), rules.dayEndsAt);
    const from = addDays(to, -(days - 1));
    // Streaks look at every day ever written; the rest at the period (plus the morning after it,
    // whose early hours may belong to its last day).
    const all = writingDayTotals(totals.hourly(projectId, EVER, addDays(to, 1)), totals.daily(projectId, EVER, addDays(to, 1)), rules.dayEndsAt);
    const period = new Map([...all].filter(([day]) => day >= from && day <= to));
    const byHour = Array.from({ length: 24 }, () => 0);
    for (const { hour, words } of totals.hourly(projectId, from, to)) byHour[hour]! += words;
    const series: { day: string; words: number }[] = [];
    for (let day = from; day <= to; day = addDays(day, 1)) series.push({ day, words: period.get(day) ?? 0 });
    return {
      projectId,
      from,
      to,
      days: series,
      byProject: totals.byProject(projectId, from, to).filter((p) => p.words !== 0),
      byHour,
      total: series.reduce((sum, d) => sum + d.words, 0),
      ...daySummary(period, rules.minWords),
      streak: streaks(all, rules, to),
    };
  };
  return { handlers: { 'stats.history': history } };
}

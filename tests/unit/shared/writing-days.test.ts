import { describe, expect, it } from 'vitest';
import { addDays, dailyPace, daySummary, streaks, weekday, writingDayOf, writingDayTotals, writingDaysIn } from '../../../shared/goals/writing-days';

const WEEKDAYS = [1, 2, 3, 4, 5];
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];
// 2026-11-23 is a Monday.
const MON = '2026-11-23';

describe('writing days', () => {
  it('knows weekdays and counts writing days between two dates', () => {
    expect(weekday(MON)).toBe(1);
    expect(weekday(addDays(MON, 6))).toBe(0);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(writingDaysIn(MON, addDays(MON, 13), WEEKDAYS)).toBe(10);
    expect(writingDaysIn(addDays(MON, 5), addDays(MON, 6), WEEKDAYS)).toBe(0);
  });

  it('puts writing after midnight on the evening before, until the hour the writer chose', () => {
    expect(writingDayOf(new Date(2026, 10, 25, 1, 30), 3)).toBe('2026-11-24');
    expect(writingDayOf(new Date(2026, 10, 25, 2, 59, 59), 3)).toBe('2026-11-24');
    expect(writingDayOf(new Date(2026, 10, 25, 3, 0), 3)).toBe('2026-11-25');
    expect(writingDayOf(new Date(2026, 10, 25, 0, 10), 0)).toBe('2026-11-25');
    // Across a month and a year.
    expect(writingDayOf(new Date(2027, 0, 1, 0, 30), 4)).toBe('2026-12-31');
  });

  it('moves words written before the day ends to the day before, and keeps days recorded without hours', () => {
    const daily = [
      { day: '2026-11-20', words: 700 }, // before hours were kept
      { day: '2026-11-24', words: 500 },
      { day: '2026-11-25', words: 300 },
    ];
    const hourly = [
      { day: '2026-11-24', hour: 21, words: 500 },
      { day: '2026-11-25', hour: 1, words: 200 }, // still Tuesday night for a night owl
      { day: '2026-11-25', hour: 9, words: 100 },
    ];
    expect(writingDayTotals(hourly, daily, 3)).toEqual(new Map([['2026-11-20', 700], ['2026-11-24', 700], ['2026-11-25', 100]]));
    expect(writingDayTotals(hourly, daily, 0)).toEqual(new Map([['2026-11-20', 700], ['2026-11-24', 500], ['2026-11-25', 300]]));
  });
});

describe('daily pace to a deadline', () => {
  it('shares what is left among the writing days left, skipping days off', () => {
    // Tuesday; deadline next Monday; weekdays only: Tue, Wed, Thu, Fri, Mon = 5 days.
    const pace = dailyPace({ target: 50_000, writtenBeforeToday: 45_000, writtenToday: 0, today: addDays(MON, 1), deadline: addDays(MON, 7), writingDays: WEEKDAYS });
    expect(pace).toEqual({ remaining: 5000, daysLeft: 5, perDay: 1000, todayTarget: 1000, todayLeft: 1000, status: 'behind' });
    // Writing every day the same deadline is seven days away.
    expect(dailyPace({ target: 50_000, writtenBeforeToday: 45_000, writtenToday: 0, today: addDays(MON, 1), deadline: addDays(MON, 7), writingDays: EVERY_DAY }).perDay).toBe(715);
  });

  it('holds still while the writer writes today, and is recomputed from progress tomorrow', () => {
    const today = dailyPace({ target: 50_000, writtenBeforeToday: 45_000, writtenToday: 1600, today: addDays(MON, 1), deadline: addDays(MON, 7), writingDays: WEEKDAYS });
    expect(today).toMatchObject({ perDay: 1000, todayLeft: 0, status: 'ahead' });
    const tomorrow = dailyPace({ target: 50_000, writtenBeforeToday: 46_600, writtenToday: 0, today: addDays(MON, 2), deadline: addDays(MON, 7), writingDays: WEEKDAYS });
    expect(tomorrow).toMatchObject({ remaining: 3400, daysLeft: 4, perDay: 850 });
  });

  it('asks nothing on a day off, and everything once the deadline has passed', () => {
    const saturday = dailyPace({ target: 10_000, writtenBeforeToday: 9000, writtenToday: 0, today: addDays(MON, 5), deadline: addDays(MON, 8), writingDays: WEEKDAYS });
    expect(saturday).toMatchObject({ daysLeft: 2, perDay: 500, todayTarget: 0, todayLeft: 0, status: 'on-track' });
    const late = dailyPace({ target: 10_000, writtenBeforeToday: 9000, writtenToday: 200, today: addDays(MON, 9), deadline: addDays(MON, 8), writingDays: WEEKDAYS });
    expect(late).toMatchObject({ daysLeft: 0, perDay: 1000, todayLeft: 800, status: 'overdue' });
    const met = dailyPace({ target: 10_000, writtenBeforeToday: 9900, writtenToday: 100, today: MON, deadline: addDays(MON, 8), writingDays: WEEKDAYS });
    expect(met.status).toBe('met');
  });
});

describe('streaks', () => {
  const days = (entries: [number, number][]) => new Map(entries.map(([offset, words]) => [addDays(MON, offset), words]));

  it('skips the days the writer does not write: a weekend off keeps a weekday streak', () => {
    // Mon-Fri written, weekend off, next Monday written.
    const totals = days([[0, 300], [1, 250], [2, 400], [3, 100], [4, 500], [7, 320]]);
    expect(streaks(totals, { minWords: 100, writingDays: WEEKDAYS }, addDays(MON, 7))).toEqual({ current: 6, longest: 6, todayCounts: true });
    // Writing every day, the same weekend breaks it.
    expect(streaks(totals, { minWords: 100, writingDays: EVERY_DAY }, addDays(MON, 7))).toEqual({ current: 1, longest: 5, todayCounts: true });
  });

  it('does not break before today is over, and breaks on a missed writing day', () => {
    const totals = days([[0, 300], [1, 250]]);
    expect(streaks(totals, { minWords: 100, writingDays: WEEKDAYS }, addDays(MON, 2))).toEqual({ current: 2, longest: 2, todayCounts: false });
    expect(streaks(totals, { minWords: 100, writingDays: WEEKDAYS }, addDays(MON, 3))).toEqual({ current: 0, longest: 2, todayCounts: false });
  });

  it('counts a day only at the minimum the writer chose', () => {
    const totals = days([[0, 300], [1, 99], [2, 400]]);
    expect(streaks(totals, { minWords: 100, writingDays: EVERY_DAY }, addDays(MON, 2)).current).toBe(1);
    expect(streaks(totals, { minWords: 50, writingDays: EVERY_DAY }, addDays(MON, 2)).current).toBe(3);
  });

  it('follows the chosen end of day across midnight', () => {
    // A night owl writes Monday 22:00 and Tuesday 01:00 (= Monday night), then Tuesday 23:00.
    const daily = [{ day: MON, words: 200 }, { day: addDays(MON, 1), words: 500 }];
    const hourly = [
      { day: MON, hour: 22, words: 200 },
      { day: addDays(MON, 1), hour: 1, words: 300 },
      { day: addDays(MON, 1), hour: 23, words: 200 },
    ];
    const owl = writingDayTotals(hourly, daily, 4);
    expect(streaks(owl, { minWords: 250, writingDays: EVERY_DAY }, addDays(MON, 1))).toEqual({ current: 1, longest: 1, todayCounts: false });
    expect(owl.get(MON)).toBe(500);
    // At midnight, Monday had 200 (not enough) and Tuesday 500.
    const midnight = writingDayTotals(hourly, daily, 0);
    expect(streaks(midnight, { minWords: 250, writingDays: EVERY_DAY }, addDays(MON, 1))).toEqual({ current: 1, longest: 1, todayCounts: true });
  });

  it('summarises the best day and the average on days that counted', () => {
    const totals = days([[0, 300], [1, 50], [2, 1300]]);
    expect(daySummary(totals, 100)).toEqual({ bestDay: { day: addDays(MON, 2), words: 1300 }, averageOnWritingDays: 800, writingDaysCount: 2 });
  });
});

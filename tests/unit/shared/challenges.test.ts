import { describe, expect, it } from 'vitest';
import {
  CHALLENGE_LIMITS,
  cabinRefusal,
  challengeDays,
  challengeRefusal,
  dayRefusal,
  dayValue,
  goalLabel,
  milestoneOf,
  milestonesCrossed,
  paceOf,
  totalOf,
  type ChallengeShape,
} from '../../../shared/rules/challenges';

// November 2026: 30 days, 50,000 words.
const NANO: ChallengeShape = { goalKind: 'words', goal: 50_000, startDay: '2026-11-01', endDay: '2026-11-30' };

describe('challenge rules', () => {
  it('counts the days both ends included', () => {
    expect(challengeDays(NANO)).toBe(30);
    expect(challengeDays({ startDay: '2026-12-31', endDay: '2027-01-01' })).toBe(2);
  });

  it('refuses goals and dates out of bounds', () => {
    const today = '2026-10-20';
    expect(challengeRefusal(NANO, today)).toBeNull();
    expect(challengeRefusal({ ...NANO, goal: 99 }, today)?.code).toBe('invalid_input');
    expect(challengeRefusal({ ...NANO, goal: 5_000_001 }, today)?.code).toBe('invalid_input');
    expect(challengeRefusal({ ...NANO, goal: 1.5 }, today)?.code).toBe('invalid_input');
    expect(challengeRefusal({ ...NANO, endDay: '2026-10-31' }, today)?.message).toMatch(/before the start/);
    expect(challengeRefusal({ ...NANO, startDay: '2026-02-30' }, today)?.code).toBe('invalid_input');
    expect(challengeRefusal({ ...NANO, startDay: '2025-11-01', endDay: '2026-11-30' }, today)?.message).toMatch(/366/);
    expect(challengeRefusal({ ...NANO, startDay: '2026-09-01', endDay: '2026-09-30' }, today)?.message).toMatch(/passed/);
    expect(challengeRefusal({ ...NANO, startDay: '2027-11-01', endDay: '2027-11-30' }, today)?.message).toMatch(/within a year/);
    // A scene a day for a week: 7 days in 7.
    const week: ChallengeShape = { goalKind: 'days', goal: 7, startDay: '2026-11-02', endDay: '2026-11-08' };
    expect(challengeRefusal(week, today)).toBeNull();
    expect(challengeRefusal({ ...week, goal: 8 }, today)?.message).toMatch(/fewer days/);
    expect(challengeRefusal({ goalKind: 'minutes', goal: 9, startDay: '2026-11-01', endDay: '2026-11-30' }, today)?.code).toBe('invalid_input');
  });

  it('takes days inside the challenge and not past tomorrow', () => {
    expect(dayRefusal(NANO, '2026-11-05', '2026-11-05')).toBeNull();
    expect(dayRefusal(NANO, '2026-11-06', '2026-11-05')).toBeNull();
    expect(dayRefusal(NANO, '2026-11-07', '2026-11-05')?.code).toBe('conflict');
    expect(dayRefusal(NANO, '2026-10-31', '2026-11-05')?.code).toBe('conflict');
    expect(dayRefusal(NANO, '2026-12-01', '2026-12-05')?.code).toBe('conflict');
    expect(dayRefusal(NANO, '2026-11-5', '2026-11-05')?.code).toBe('invalid_input');
  });

  it('lets a cabin hold twelve', () => {
    expect(CHALLENGE_LIMITS.cabinSize).toBe(12);
    expect(cabinRefusal(11)).toBeNull();
    expect(cabinRefusal(12)?.code).toBe('conflict');
  });

  it('counts a day by the goal: net words never below zero, a day with writing, minutes', () => {
    expect(dayValue('words', { words: -300, minutes: 20 })).toBe(0);
    expect(dayValue('words', { words: 800, minutes: 20 })).toBe(800);
    expect(dayValue('days', { words: 0, minutes: 0 })).toBe(0);
    expect(dayValue('days', { words: 1, minutes: 0 })).toBe(1);
    expect(dayValue('days', { words: -20, minutes: 5 })).toBe(1);
    expect(dayValue('minutes', { words: 10, minutes: 45 })).toBe(45);
    const days = [
      { words: 1000, minutes: 30 },
      { words: -200, minutes: 10 },
      { words: 0, minutes: 0 },
    ];
    expect(totalOf('words', days)).toBe(1000);
    expect(totalOf('days', days)).toBe(2);
    expect(totalOf('minutes', days)).toBe(40);
  });

  it('works out the pace needed each remaining day', () => {
    // Day 11 of 30, 15,000 written: 35,000 left over 20 days (today included) = 1,750 a day;
    // by the end of yesterday an even pace had 16,666, so 15,000 is behind.
    const pace = paceOf(NANO, 15_000, '2026-11-11');
    expect(pace).toMatchObject({ status: 'behind', daysLeft: 20, perDay: 1750, remaining: 35_000, percent: 30 });
    expect(paceOf(NANO, 16_666, '2026-11-11').status).toBe('on_track');
    expect(paceOf(NANO, 16_665, '2026-11-11').status).toBe('behind');
    // The first day: nothing was expected by yesterday.
    expect(paceOf(NANO, 0, '2026-11-01')).toMatchObject({ status: 'on_track', daysLeft: 30, perDay: 1667 });
    // The last day: everything left is needed today.
    expect(paceOf(NANO, 48_000, '2026-11-30')).toMatchObject({ daysLeft: 1, perDay: 2000 });
    expect(paceOf(NANO, 0, '2026-10-30')).toMatchObject({ status: 'upcoming', daysLeft: 30, perDay: 1667 });
    expect(paceOf(NANO, 49_999, '2026-12-01')).toMatchObject({ status: 'ended', daysLeft: 0, percent: 99 });
    expect(paceOf(NANO, 50_000, '2026-11-20')).toMatchObject({ status: 'done', percent: 100, perDay: 0, remaining: 0 });
    expect(paceOf(NANO, 60_000, '2026-12-20')).toMatchObject({ status: 'done', percent: 100 });
  });

  it('announces each milestone once, as it is crossed', () => {
    expect(milestonesCrossed(0, 12_500, 50_000)).toEqual([25]);
    expect(milestonesCrossed(12_500, 30_000, 50_000)).toEqual([50]);
    expect(milestonesCrossed(10_000, 50_000, 50_000)).toEqual([25, 50, 75, 100]);
    expect(milestonesCrossed(50_000, 60_000, 50_000)).toEqual([]);
    expect(milestonesCrossed(3, 4, 7)).toEqual([50]);
    expect(milestoneOf(37_499, 50_000)).toBe(50);
    expect(milestoneOf(0, 50_000)).toBe(0);
  });

  it('names goals as a writer reads them', () => {
    expect(goalLabel('words', 50_000)).toBe('50,000 words');
    expect(goalLabel('days', 7)).toBe('7 days with writing');
    expect(goalLabel('minutes', 600)).toBe('10 hours');
    expect(goalLabel('minutes', 90)).toBe('1 h 30 min');
  });
});

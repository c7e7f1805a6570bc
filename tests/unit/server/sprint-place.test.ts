import { describe, expect, it } from 'vitest';
import { placeFor, placeIsDue, placeWith, standingsOf } from '../../../server/features/sprints/sprint-ticker';
import { rank, type WriterRow } from '../../../server/features/sprints/sprint-rules';

// A seeded generator: the same sprints every run.
let seed = 7;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};

describe('a writer’s place after their progress, without re-ranking', () => {
  it('equals ranking the whole sprint again, for random sprints with ties and flags', () => {
    for (let trial = 0; trial < 2000; trial++) {
      const writers: WriterRow[] = Array.from({ length: 1 + rand(40) }, (_, i) => ({ userId: `u${i}`, displayName: `w${rand(30)}`, words: rand(12) * 10, flagged: rand(10) === 0 }));
      const before = standingsOf(rank(writers));
      // Mostly someone already in the standings; sometimes a writer whose first count this is.
      const newcomer = rand(8) === 0;
      const who = newcomer ? { userId: 'new', displayName: `w${rand(30)}`, words: 0, flagged: false } : writers[rand(writers.length)]!;
      const updated: WriterRow = { ...who, words: rand(14) * 10, flagged: rand(20) === 0 };
      const after = newcomer ? [...writers, updated] : writers.map((w) => (w.userId === who.userId ? updated : w));
      const expected = updated.flagged ? { sprintId: 's', me: { ...updated, place: null }, around: [] } : placeFor(standingsOf(rank(after)), who.userId, 's');
      expect(placeWith(before, updated, 's')).toEqual(expected);
    }
  });
});

describe('when a tick also sends a writer their place', () => {
  const tick = 1000;
  it('sends it the first time, and always with the final standings', () => {
    expect(placeIsDue(undefined, () => 'k', 0, tick, false)).toBe(true);
    expect(placeIsDue({ key: 'k', at: 900 }, () => 'k', 1000, tick, true)).toBe(true);
  });
  it('waits a tick and a half after the writer was last told it, even if it moved', () => {
    expect(placeIsDue({ key: 'old', at: 0 }, () => 'new', 1000, tick, false)).toBe(false);
    expect(placeIsDue({ key: 'old', at: 0 }, () => 'new', 1499, tick, false)).toBe(false);
    expect(placeIsDue({ key: 'old', at: 0 }, () => 'new', 1500, tick, false)).toBe(true);
  });
  it('does not work the place out at all while the gap lasts', () => {
    let asked = 0;
    const key = () => (asked++, 'new');
    expect(placeIsDue({ key: 'old', at: 0 }, key, 1000, tick, false)).toBe(false);
    expect(asked).toBe(0);
  });
  it('resends an unchanged place only every five ticks', () => {
    expect(placeIsDue({ key: 'k', at: 0 }, () => 'k', 4999, tick, false)).toBe(false);
    expect(placeIsDue({ key: 'k', at: 0 }, () => 'k', 5000, tick, false)).toBe(true);
  });
  it('scales with the tick interval (tests tick every 100 ms)', () => {
    expect(placeIsDue({ key: 'old', at: 0 }, () => 'new', 150, 100, false)).toBe(true);
    expect(placeIsDue({ key: 'old', at: 0 }, () => 'new', 149, 100, false)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { placeFor, placeWith, standingsOf } from '../../../server/features/sprints/sprint-ticker';
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

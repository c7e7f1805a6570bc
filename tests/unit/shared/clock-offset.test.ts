import { describe, expect, it } from 'vitest';
import { estimateOffset, type ClockSample } from '../../../shared/text/clock-offset';

/** Simulates round trips to a server whose clock is `skew` ms ahead, with one-way delays. */
function sample(start: number, skew: number, up: number, down: number, serverWork = 1): ClockSample {
  const t0 = start;
  const t1 = start + up + skew;
  const t2 = t1 + serverWork;
  const t3 = start + up + serverWork + down;
  return { t0, t1, t2, t3 };
}

describe('estimateOffset', () => {
  it('finds a clock five minutes off within a few ms on symmetric delays', () => {
    const skew = 5 * 60_000;
    const samples = [0, 1, 2, 3, 4].map((i) => sample(1_000_000 + i * 100, skew, 10, 10));
    expect(Math.abs(estimateOffset(samples).offsetMs - skew)).toBeLessThan(1);
  });

  it('prefers short round trips when some samples were delayed', () => {
    const skew = -123_456;
    const samples = [sample(0, skew, 5, 5), sample(100, skew, 400, 5), sample(200, skew, 6, 4), sample(300, skew, 5, 900), sample(400, skew, 5, 6)];
    expect(Math.abs(estimateOffset(samples).offsetMs - skew)).toBeLessThan(5);
  });

  it('answers zero with no samples', () => {
    expect(estimateOffset([]).offsetMs).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffDelay } from '../../../../electron/core/sync/backoff';

describe('outbox backoff', () => {
  it('doubles from the base, stays within 50–150 % of its step, and never passes the cap', () => {
    for (let attempt = 1; attempt <= 20; attempt++) {
      const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
      expect(backoffDelay(attempt, () => 0)).toBe(Math.round(step * 0.5));
      expect(backoffDelay(attempt, () => 0.5)).toBe(step);
      expect(backoffDelay(attempt, () => 0.999)).toBeLessThanOrEqual(BACKOFF_CAP_MS);
    }
    expect(backoffDelay(1, () => 0.5)).toBe(2000);
    expect(backoffDelay(4, () => 0.5)).toBe(16000);
    expect(backoffDelay(30, () => 0.5)).toBe(BACKOFF_CAP_MS);
  });
  it('spreads studios that failed together (jitter)', () => {
    const waits = new Set(Array.from({ length: 50 }, () => backoffDelay(3)));
    expect(waits.size).toBeGreaterThan(10);
  });
});

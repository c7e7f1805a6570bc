/** The first retry waits about this long; each failure doubles it. */
export const BACKOFF_BASE_MS = 2_000;
/** No wait is longer than this (a few minutes): a writer back online is not kept waiting for long. */
export const BACKOFF_CAP_MS = 3 * 60_000;
/** An operation that failed this many times for reasons of the moment is marked failed; Retry and Discard then apply. */
export const MAX_ATTEMPTS = 8;

/**
 * How long to wait after the `attempt`-th failure (1, 2, ...): exponential, capped, with
 * jitter (each wait drawn from 50–150 % of its step), so studios that failed together do not
 * come back together.
 */
export interface BackoffTiming {
  baseMs: number;
  capMs: number;
}
export const DEFAULT_BACKOFF: BackoffTiming = { baseMs: BACKOFF_BASE_MS, capMs: BACKOFF_CAP_MS };

export function backoffDelay(attempt: number, random: () => number = Math.random, timing: BackoffTiming = DEFAULT_BACKOFF): number {
  const step = Math.min(timing.capMs, timing.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.min(timing.capMs, Math.round(step * (0.5 + random())));
}

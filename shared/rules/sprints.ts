import type { SprintStatus } from '../protocol/community-events';
import { refuse, type Refusal } from './rule-error';
import type { CircleStanding } from './critique';

/** Final counts are accepted this long after the end, for writers who were offline at the bell. */
export const GRACE_MS = 2 * 60_000;
/** Faster than this, sustained, is not a person typing: the count is flagged, not trusted. */
export const MAX_WORDS_PER_MINUTE = 200;
/** A burst allowance on top (a pasted paragraph written just before the start). */
export const BURST_WORDS = 150;
/** How long a sprint may run, and how far ahead it may be planned (minutes). */
export const SPRINT_MINUTES = { min: 5, max: 120 } as const;
export const MAX_STARTS_IN_MIN = 24 * 60;
export const MAX_GOAL_WORDS = 20_000;

export function sprintStatus(startsAt: string, endsAt: string, now: number): SprintStatus {
  if (now < Date.parse(startsAt)) return 'upcoming';
  if (now < Date.parse(endsAt)) return 'running';
  if (now < Date.parse(endsAt) + GRACE_MS) return 'grace';
  return 'finished';
}

/** The most words a person could have added between `since` and `now`. */
export function plausibleWords(since: number, now: number): number {
  return Math.ceil((Math.max(0, now - since) / 60_000) * MAX_WORDS_PER_MINUTE) + BURST_WORDS;
}

/** An open sprint is everyone's; a circle's sprint its current members' (the same answer whether it exists or not). */
export function sprintVisibilityRefusal(circleId: string | null, standing: CircleStanding): Refusal {
  return circleId && (!standing || standing === 'banned') ? refuse('forbidden', 'You may not do that.') : null;
}

export const joinRefusal = (status: SprintStatus): Refusal => (status === 'finished' ? refuse('conflict', 'That sprint is over.') : null);

/** Totals are taken from the start to the end of the grace period. */
export function progressRefusal(status: SprintStatus): Refusal {
  if (status === 'upcoming') return refuse('conflict', 'The sprint has not started yet.');
  if (status === 'finished') return refuse('conflict', 'The sprint is over and its results are final.');
  return null;
}

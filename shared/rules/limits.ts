/**
 * How much a person may post, per kind, in a sliding window. Enforced by the server across
 * every node; the studio's outbox waits out a `rate_limited` answer instead of failing.
 * An account's first day gets tighter limits: that is when spam accounts do their damage.
 */
export const postKinds = ['thread', 'reply', 'report', 'comment', 'share', 'suggestion', 'challenge', 'sprint', 'kudos', 'follow'] as const;
export type PostKind = (typeof postKinds)[number];

export interface PostLimit {
  limit: number;
  windowMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const NEW_ACCOUNT_MS = 24 * HOUR;

export const POST_LIMITS: Record<PostKind, { settled: PostLimit; firstDay: PostLimit }> = {
  thread: { settled: { limit: 10, windowMs: HOUR }, firstDay: { limit: 3, windowMs: HOUR } },
  reply: { settled: { limit: 60, windowMs: HOUR }, firstDay: { limit: 20, windowMs: HOUR } },
  report: { settled: { limit: 20, windowMs: HOUR }, firstDay: { limit: 5, windowMs: HOUR } },
  // A critique session leaves many inline comments in a sitting.
  comment: { settled: { limit: 300, windowMs: HOUR }, firstDay: { limit: 100, windowMs: HOUR } },
  share: { settled: { limit: 30, windowMs: HOUR }, firstDay: { limit: 10, windowMs: HOUR } },
  // A prompt suggestion waits for a curator to read it: a handful an hour is plenty, and a first-day
  // account stays under the five one writer may have waiting in a library (shared/rules/prompts.ts).
  suggestion: { settled: { limit: 20, windowMs: HOUR }, firstDay: { limit: 4, windowMs: HOUR } },
  // A challenge is announced to a whole circle (or to everyone, an open one): few are needed.
  challenge: { settled: { limit: 10, windowMs: HOUR }, firstDay: { limit: 2, windowMs: HOUR } },
  // A sprint is announced to its circle's notification centres; an evening may hold several.
  sprint: { settled: { limit: 20, windowMs: HOUR }, firstDay: { limit: 6, windowMs: HOUR } },
  kudos: { settled: { limit: 120, windowMs: HOUR }, firstDay: { limit: 40, windowMs: HOUR } },
  follow: { settled: { limit: 60, windowMs: HOUR }, firstDay: { limit: 20, windowMs: HOUR } },
};

/** The limit that applies to an account made at `createdAt`. */
export function postLimit(kind: PostKind, createdAt: string, now: number): PostLimit {
  const rule = POST_LIMITS[kind];
  return now - Date.parse(createdAt) < NEW_ACCOUNT_MS ? rule.firstDay : rule.settled;
}

/** Milliseconds until the oldest attempt in the window leaves it (what `retryAfterMs` says). */
export function retryAfter(oldestInWindow: number, rule: PostLimit, now: number): number {
  return Math.max(1000, oldestInWindow + rule.windowMs - now);
}

import { z } from 'zod';
import { CHALLENGE_LIMITS, DAY_PATTERN } from '../rules/challenges';

/** Challenges: a goal (words, days with writing, minutes), a start and a deadline, cabins, daily totals. */
const Uuid = z.uuid();
export const ChallengeDay = z.string().regex(DAY_PATTERN, 'A day is written like 2026-11-01.');
export const ChallengeTitle = z.string().trim().min(1, 'A challenge needs a name.').max(CHALLENGE_LIMITS.title);
export const CabinName = z.string().trim().min(1, 'A cabin needs a name.').max(CHALLENGE_LIMITS.cabinName);
/** A page of challenges resumes after the last one seen: its start day and id (keyset). */
export const ChallengeCursor = z.string().regex(/^\d{4}-\d{2}-\d{2}\|[0-9a-f-]{36}$/, 'That is not a challenge cursor.');
/** A page of the leaderboard resumes after the last writer seen: their total and account id (keyset), and their rank. */
export const LeaderboardCursor = z.string().regex(/^\d{1,9}\|[0-9a-f-]{36}\|\d{1,7}$/, 'That is not a leaderboard cursor.');

export const challengesInputs = {
  /** The id is made by the studio; the goal and dates are checked by shared/rules/challenges.ts. */
  'challenge:create': z
    .object({
      challengeId: Uuid,
      title: ChallengeTitle,
      circleId: Uuid.nullable().default(null),
      goalKind: z.enum(['words', 'days', 'minutes']),
      goal: z.number().int().min(1).max(10_000_000),
      startDay: ChallengeDay,
      endDay: ChallengeDay,
      cabins: z.boolean().default(false),
      /** The creator's local day, for the date bounds. */
      today: ChallengeDay,
    })
    .strict(),
  /** Open challenges and those of the reader's circles, latest start first (keyset). */
  'challenge:list': z.object({ after: ChallengeCursor.optional(), limit: z.number().int().min(1).max(100).default(30) }).strict(),
  'challenge:get': z.object({ challengeId: Uuid }).strict(),
  /**
   * Joining is consenting to send one's daily totals for this challenge: `consent` must be true.
   * In a challenge with cabins, join one (`cabinId`) or make one (`newCabin`), or none.
   */
  'challenge:join': z
    .object({
      challengeId: Uuid,
      consent: z.literal(true, 'Joining sends your daily word totals: tick the box to agree.'),
      cabinId: Uuid.optional(),
      newCabin: z.object({ id: Uuid, name: CabinName }).strict().optional(),
    })
    .strict(),
  /** Consent withdrawn: the writer leaves and their totals are removed from the server. */
  'challenge:withdraw': z.object({ challengeId: Uuid }).strict(),
  /** One local day's net words and minutes (a running total for that day: a resend never double counts). */
  'challenge:progress': z
    .object({
      challengeId: Uuid,
      day: ChallengeDay,
      words: z.number().int().min(-CHALLENGE_LIMITS.maxWordsPerDay).max(CHALLENGE_LIMITS.maxWordsPerDay),
      minutes: z.number().int().min(0).max(CHALLENGE_LIMITS.maxMinutesPerDay),
    })
    .strict(),
  /** Highest total first, by keyset (total|accountId); `cabinId` narrows to one cabin. */
  'challenge:leaderboard': z
    .object({ challengeId: Uuid, cabinId: Uuid.optional(), after: LeaderboardCursor.optional(), limit: z.number().int().min(1).max(100).default(25) })
    .strict(),
} as const;

import { z } from 'zod';
import { CabinName, challengesInputs as protocol, ChallengeDay, ChallengeTitle } from '../protocol/challenges-schemas';

// The same as studio.ts's Id; declared here because studio.ts spreads these inputs.
const Id = z.uuid();

/**
 * Challenges from the studio: the studio makes ids and knows the writer's day; joining is
 * consenting to send daily totals (counted here, never typed in); withdrawing stops them and
 * asks the server to remove them (through the outbox, so it works offline too).
 */
export const challengesInputs = {
  'challenges.list': protocol['challenge:list'],
  'challenges.create': z
    .object({
      title: ChallengeTitle,
      circleId: Id.nullable().default(null),
      goalKind: z.enum(['words', 'days', 'minutes']),
      goal: z.number().int().min(1).max(10_000_000),
      startDay: ChallengeDay,
      endDay: ChallengeDay,
      cabins: z.boolean().default(false),
    })
    .strict(),
  'challenges.get': z.object({ challengeId: Id }).strict(),
  'challenges.join': z
    .object({
      challengeId: Id,
      consent: z.literal(true, 'Joining sends your daily word totals: tick the box to agree.'),
      cabinId: Id.optional(),
      newCabinName: CabinName.optional(),
    })
    .strict(),
  'challenges.withdraw': z.object({ challengeId: Id }).strict(),
  'challenges.leaderboard': protocol['challenge:leaderboard'],
} as const;

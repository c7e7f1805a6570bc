import type { ChallengeView } from '../../../shared/protocol/challenges-events';
import { addDays, daysBetween } from '../../../shared/goals/writing-days';
import { CHALLENGE_LIMITS, cabinRefusal, challengeBadge, challengeRefusal, dayRefusal } from '../../../shared/rules/challenges';
import { CommunityError, refuseIf } from '../../socket/community-error';
import type { Handlers } from '../../socket/register-handlers';
import type { ChallengesTable, UsersTable } from '../../store/schema';
import type { CirclesRepo } from '../circles/circles.repo';
import type { PostingGate } from '../moderation/posting-gate';
import type { ChallengesRepo } from './challenges.repo';

export interface ChallengesDeps {
  challenges: ChallengesRepo;
  circles: Pick<CirclesRepo, 'role'>;
  clock: () => number;
  /** A writer reached 25, 50, 75 or 100 % (activity's feed). */
  milestone?(m: { accountId: string; challengeId: string; circleId: string | null; title: string; milestone: number }): Promise<void>;
  /** A finished challenge's badge (profiles'). */
  badges?: { award(accountId: string, key: string, label: string): Promise<unknown> };
  /** Bans, suspensions and rate limits (moderation's posting gate): a new challenge is posted for others to read, like a thread. */
  gate?: Pick<PostingGate, 'check'>;
}

const MEMBER = new Set(['owner', 'moderator', 'member']);
const missing = () => new CommunityError('not_found', 'There is no such challenge.');
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Challenges: create, list, join (with consent to send daily totals, into a cabin or none),
 * withdraw (which removes those totals), daily progress, the leaderboard and cabin standings.
 * A circle's challenge is its members'; to anyone else it is answered as one that does not exist.
 */
export function challengesHandlers({ challenges, circles, clock, milestone, badges, gate }: ChallengesDeps): Pick<
  Handlers,
  'challenge:create' | 'challenge:list' | 'challenge:get' | 'challenge:join' | 'challenge:withdraw' | 'challenge:progress' | 'challenge:leaderboard'
> {
  const visible = async (user: UsersTable, challengeId: string): Promise<ChallengesTable> => {
    const row = await challenges.row(challengeId);
    if (!row) throw missing();
    if (row.circle_id && !MEMBER.has((await circles.role(row.circle_id, user.id)) ?? '')) throw missing();
    return row;
  };
  const view = async (challengeId: string, userId: string): Promise<ChallengeView> => {
    const [challenge, cabins, days] = await Promise.all([challenges.challenge(challengeId, userId), challenges.cabins(challengeId), challenges.days(challengeId, userId)]);
    return { challenge: challenge!, cabins, days };
  };
  const serverToday = () => utcDay(clock());

  return {
    'challenge:create': async ({ user }, input) => {
      // The creator's day is theirs, but no time zone is more than a day from the server's.
      if (Math.abs(daysBetween(serverToday(), input.today)) > 1) throw new CommunityError('invalid_input', 'Your computer’s date looks wrong; check it and try again.');
      refuseIf(challengeRefusal(input, input.today));
      if (input.circleId && !MEMBER.has((await circles.role(input.circleId, user.id)) ?? '')) throw new CommunityError('not_found', 'There is no such circle.');
      const existing = await challenges.row(input.challengeId);
      if (existing) {
        // Sent again after a lost answer: the same challenge, answered as before.
        if (existing.created_by === user.id) return view(existing.id, user.id);
        throw new CommunityError('conflict', 'That id is already used; make a new one.');
      }
      await gate?.check(user, input.circleId, 'challenge');
      await challenges.create({ ...input, id: input.challengeId, createdBy: user.id });
      return view(input.challengeId, user.id);
    },
    'challenge:list': async ({ user }, page) => challenges.list(user.id, page),
    'challenge:get': async ({ user }, { challengeId }) => {
      await visible(user, challengeId);
      return view(challengeId, user.id);
    },
    'challenge:join': async ({ user }, { challengeId, cabinId, newCabin }) => {
      const row = await visible(user, challengeId);
      if (await challenges.participant(challengeId, user.id)) return view(challengeId, user.id);
      if (serverToday() > addDays(row.end_day, 1)) throw new CommunityError('conflict', 'That challenge is over.');
      if ((cabinId || newCabin) && !row.cabins) throw new CommunityError('invalid_input', 'This challenge has no cabins.');
      if (cabinId && newCabin) throw new CommunityError('invalid_input', 'Join a cabin or make one, not both.');
      if (cabinId) {
        const cabin = await challenges.cabin(cabinId);
        if (cabin?.challenge_id !== challengeId) throw new CommunityError('not_found', 'That cabin is not in this challenge.');
        refuseIf(cabinRefusal(Number(cabin.members)));
      }
      if (newCabin && (await challenges.cabin(newCabin.id))) throw new CommunityError('conflict', 'That id is already used; make a new one.');
      const joined = await challenges.join({ challengeId, accountId: user.id, cabinId: cabinId ?? null, newCabin, cabinSize: CHALLENGE_LIMITS.cabinSize });
      // Someone took the last place between the check and the join.
      if (!joined) refuseIf(cabinRefusal(CHALLENGE_LIMITS.cabinSize));
      return view(challengeId, user.id);
    },
    'challenge:withdraw': async ({ user }, { challengeId }) => {
      await visible(user, challengeId);
      await challenges.withdraw(challengeId, user.id);
      return null;
    },
    'challenge:progress': async ({ user }, { challengeId, day, words, minutes }) => {
      const row = await visible(user, challengeId);
      if (!(await challenges.participant(challengeId, user.id))) throw new CommunityError('conflict', 'You are not in this challenge (or withdrew): your totals are not sent.');
      refuseIf(dayRefusal({ startDay: row.start_day, endDay: row.end_day }, day, serverToday()));
      await challenges.putDay({ challengeId, accountId: user.id, day, words, minutes });
      const reached = await challenges.recompute(row, [user.id]);
      for (const r of reached) {
        await milestone?.({ accountId: r.accountId, challengeId, circleId: row.circle_id, title: row.title, milestone: r.milestone });
        if (r.milestone === 100 && badges) {
          const badge = challengeBadge(challengeId, row.title);
          await badges.award(r.accountId, badge.key, badge.label);
        }
      }
      return (await challenges.standing(challengeId, user.id))!;
    },
    'challenge:leaderboard': async ({ user }, { challengeId, ...page }) => {
      await visible(user, challengeId);
      return challenges.leaderboard(challengeId, page);
    },
  };
}

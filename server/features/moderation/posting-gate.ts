import { postLimit, type PostKind } from '../../../shared/rules/limits';
import { postingRefusal, signInRefusal } from '../../../shared/rules/moderation';
import { CommunityError, refuseIf } from '../../socket/community-error';
import type { WindowLimiter } from '../../socket/rate-limit';
import type { UsersTable } from '../../store/schema';
import type { ModerationRepo } from './moderation.repo';

export interface PostingGateDeps {
  moderation: Pick<ModerationRepo, 'active' | 'hasBlocked' | 'blockersAmong'>;
  limiter: WindowLimiter;
  clock: () => number;
  /** Multiplies every limit (tests that are not about limits raise them). */
  scale?: number;
}

/**
 * The one place every posting path asks "may this writer post this, here, now?": a site or
 * circle ban or suspension refuses (shared/rules/moderation.ts), then the rate limit for the
 * kind (shared/rules/limits.ts, tighter in an account's first day), answered `rate_limited`
 * with when to try again. And the blocks: whether a writer shut another out.
 */
export function createPostingGate({ moderation, limiter, clock, scale = 1 }: PostingGateDeps) {
  return {
    async check(user: UsersTable, circleId: string | null, kind: PostKind): Promise<void> {
      refuseIf(postingRefusal(await moderation.active(user.id), circleId, clock()));
      const rule = postLimit(kind, user.created_at, clock());
      const wait = await limiter.take(`${kind}:${user.id}`, { ...rule, limit: rule.limit * scale });
      if (wait > 0) throw new CommunityError('rate_limited', `You have posted a lot in a short time. Try again in ${Math.ceil(wait / 60_000)} min.`, wait);
    },
    /** A site ban refuses sign-in, with its reason. */
    async signInRefusal(userId: string) {
      return signInRefusal(await moderation.active(userId), clock());
    },
    /** Refuses when `ownerId` (whose share, thread, sprint it is) has blocked `user`. */
    async notBlockedBy(ownerId: string, user: UsersTable): Promise<void> {
      if (ownerId !== user.id && (await moderation.hasBlocked(ownerId, user.id))) throw new CommunityError('forbidden', 'This writer has blocked you.');
    },
    /** Drops from `ids` those who blocked `authorId` (their mentions and notifications from them). */
    async without(ids: string[], authorId: string): Promise<string[]> {
      const blockers = await moderation.blockersAmong(ids, authorId);
      return ids.filter((id) => !blockers.has(id));
    },
  };
}
export type PostingGate = ReturnType<typeof createPostingGate>;

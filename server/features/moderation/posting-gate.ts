import { postLimit, type PostKind } from '../../../shared/rules/limits';
import { postingRefusal, signInRefusal } from '../../../shared/rules/moderation';
import { CommunityError, refuseIf } from '../../socket/community-error';
import type { WindowLimiter } from '../../socket/rate-limit';
import type { UsersTable } from '../../store/schema';
import type { ModerationRepo } from './moderation.repo';

export interface PostingGateDeps {
  moderation: Pick<ModerationRepo, 'active' | 'hasBlocked' | 'blockersAmong' | 'blockedBy' | 'blockersOf'>;
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
  const take = async (user: UsersTable, kind: PostKind) => {
    const rule = postLimit(kind, user.created_at, clock());
    return limiter.take(`${kind}:${user.id}`, { ...rule, limit: rule.limit * scale });
  };
  const slowDown = (wait: number) => new CommunityError('rate_limited', `You have posted a lot in a short time. Try again in ${Math.ceil(wait / 60_000)} min.`, wait);

  return {
    async check(user: UsersTable, circleId: string | null, kind: PostKind): Promise<void> {
      refuseIf(postingRefusal(await moderation.active(user.id), circleId, clock()));
      const wait = await take(user, kind);
      if (wait > 0) throw slowDown(wait);
    },
    /**
     * The same checks for a batch of operations applied inside one transaction (critique's
     * sync:push): everything is read and the allowance taken before it opens, so the checks
     * inside are synchronous and never wait on the store the transaction holds (SQLite has one
     * connection). `wanted` counts the batch's operations per kind.
     */
    async forBatch(user: UsersTable, wanted: Partial<Record<PostKind, number>>) {
      const sanctions = await moderation.active(user.id);
      const blockers = await moderation.blockersOf(user.id);
      const allowance = new Map<PostKind, { left: number; wait: number }>();
      for (const [kind, n] of Object.entries(wanted) as [PostKind, number][]) {
        let left = 0;
        let wait = 0;
        for (; left < n; left++) if ((wait = await take(user, kind)) > 0) break;
        allowance.set(kind, { left, wait });
      }
      return {
        check(circleId: string | null, kind: PostKind): void {
          refuseIf(postingRefusal(sanctions, circleId, clock()));
          const a = allowance.get(kind);
          if (!a) return;
          if (a.left <= 0) throw slowDown(a.wait || 60_000);
          a.left -= 1;
        },
        notBlockedBy(ownerId: string): void {
          if (ownerId !== user.id && blockers.has(ownerId)) throw new CommunityError('forbidden', 'This writer has blocked you.');
        },
      };
    },
    /** A site ban refuses sign-in, with its reason. */
    async signInRefusal(userId: string) {
      return signInRefusal(await moderation.active(userId), clock());
    },
    /** Refuses when `ownerId` (whose share, thread, sprint it is) has blocked `user`. */
    async notBlockedBy(ownerId: string, user: UsersTable): Promise<void> {
      if (ownerId !== user.id && (await moderation.hasBlocked(ownerId, user.id))) throw new CommunityError('forbidden', 'This writer has blocked you.');
    },
    /** Those `userId` blocked: their writing is left out of what `userId` pulls. */
    blockedBy: (userId: string) => moderation.blockedBy(userId),
    /** Drops from `ids` those who blocked `authorId` (their mentions and notifications from them). */
    async without(ids: string[], authorId: string): Promise<string[]> {
      const blockers = await moderation.blockersAmong(ids, authorId);
      return ids.filter((id) => !blockers.has(id));
    },
  };
}
export type PostingGate = ReturnType<typeof createPostingGate>;

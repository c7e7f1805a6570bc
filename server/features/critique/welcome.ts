import type { Kysely } from 'kysely';
import type { StoreKind } from '../../store/open-store';
import type { CommunityDatabase } from '../../store/schema';
import { creditsRepo } from './credits.repo';
import { critiqueRepo, lockFeed, type FeedKind } from './critique.repo';

type Db = Kysely<CommunityDatabase>;

/**
 * A writer new to a circle gets their starting credits, and what the whole circle can read:
 * its live shares with their versions, comments and critiques, appended to their feed.
 * Returns their new cursor.
 */
export async function welcomeToCircle(db: Db, kind: StoreKind, circleId: string, userId: string, at: string): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    await lockFeed(trx, kind);
    // A zero award makes the welcome grant (once) and nothing else.
    const welcome = await creditsRepo.award(trx, circleId, userId, 0, 'welcome', circleId, at);
    let seq: number | null = welcome.get(userId) ?? null;
    for (const { id } of await critiqueRepo.openShares(trx, circleId)) {
      const refs: [FeedKind, string][] = [['share', id], ...(await critiqueRepo.discussionOf(trx, id))];
      for (const [feedKind, ref] of refs) seq = (await critiqueRepo.notify(trx, [userId], feedKind, ref, at)).get(userId) ?? seq;
    }
    return seq;
  });
}

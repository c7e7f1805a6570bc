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
    const shares = await trx.selectFrom('shares').select('id').where('circle_id', '=', circleId).where('revoked_at', 'is', null).where('reader_ids', '=', '[]').orderBy('created_at').execute();
    let seq: number | null = welcome.get(userId) ?? null;
    for (const { id } of shares) {
      const refs: [FeedKind, string][] = [['share', id]];
      for (const v of await trx.selectFrom('share_versions').select('id').where('share_id', '=', id).orderBy('number').execute()) refs.push(['version', v.id]);
      for (const c of await trx.selectFrom('comments').select('id').where('share_id', '=', id).orderBy('created_at').execute()) refs.push(['comment', c.id]);
      for (const c of await trx.selectFrom('critiques').select('id').where('share_id', '=', id).orderBy('created_at').execute()) refs.push(['critique', c.id]);
      for (const [feedKind, ref] of refs) seq = (await critiqueRepo.notify(trx, [userId], feedKind, ref, at)).get(userId) ?? seq;
    }
    return seq;
  });
}

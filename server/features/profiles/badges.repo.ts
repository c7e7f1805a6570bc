import type { Kysely } from 'kysely';
import type { CommunityDatabase } from '../../store/schema';

export interface Badge {
  key: string;
  label: string;
  awardedAt: string;
}

/**
 * The generic badge store: any feature (challenges first) awards a badge by a stable key, at
 * most once per writer; profiles list them.
 */
export function createBadgesRepo(db: Kysely<CommunityDatabase>, now: () => Date = () => new Date()) {
  return {
    /** Awards the badge unless the writer has it already; true when it is new. */
    async award(accountId: string, key: string, label: string): Promise<boolean> {
      const result = await db
        .insertInto('badges')
        .values({ account_id: accountId, key, label, awarded_at: now().toISOString() })
        .onConflict((oc) => oc.columns(['account_id', 'key']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    /** The writer's badges, oldest first. */
    async list(accountId: string): Promise<Badge[]> {
      const rows = await db
        .selectFrom('badges')
        .select(['key', 'label', 'awarded_at'])
        .where('account_id', '=', accountId)
        .orderBy('awarded_at')
        .orderBy('key')
        .execute();
      return rows.map((r) => ({ key: r.key, label: r.label, awardedAt: r.awarded_at }));
    },
  };
}

export type BadgesRepo = ReturnType<typeof createBadgesRepo>;

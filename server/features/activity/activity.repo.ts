import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ActivityItem, ActivityPage, Follow } from '../../../shared/protocol/activity-events';
import type { ActivityTable, CommunityDatabase } from '../../store/schema';

export function createActivityRepo(db: Kysely<CommunityDatabase>, now: () => Date = () => new Date()) {
  const kudosOf = async (postId: string, userId: string) => {
    const row = await db
      .selectFrom('kudos')
      .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.sum<string>(eb.case().when('user_id', '=', userId).then(1).else(0).end()).as('mine')])
      .where('target_kind', '=', 'post')
      .where('target_id', '=', postId)
      .executeTakeFirstOrThrow();
    return { targetId: postId, count: Number(row.n), mine: Number(row.mine ?? 0) > 0 };
  };
  return {
    /** The post with its thread and circle, for kudos. */
    async post(postId: string) {
      return db
        .selectFrom('discussion_posts as p')
        .innerJoin('discussion_threads as t', 't.id', 'p.thread_id')
        .select(['p.id', 'p.author_id', 't.id as thread_id', 't.title', 't.circle_id'])
        .where('p.id', '=', postId)
        .executeTakeFirst();
    },
    kudosOf,
    /** Gives or takes back kudos; answers whether anything changed. */
    async setKudos(userId: string, postId: string, given: boolean): Promise<boolean> {
      if (given) {
        const result = await db
          .insertInto('kudos')
          .values({ user_id: userId, target_kind: 'post', target_id: postId, created_at: now().toISOString() })
          .onConflict((oc) => oc.columns(['target_kind', 'target_id', 'user_id']).doNothing())
          .executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
      }
      const result = await db.deleteFrom('kudos').where('target_kind', '=', 'post').where('target_id', '=', postId).where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async record(row: Omit<ActivityTable, 'id' | 'created_at'>): Promise<void> {
      await db.insertInto('activity').values({ id: randomUUID(), created_at: now().toISOString(), ...row }).execute();
    },
    async setFollow(userId: string, kind: 'writer' | 'circle', id: string, following: boolean): Promise<void> {
      if (following) {
        await db
          .insertInto('follows')
          .values({ user_id: userId, followee_kind: kind, followee_id: id, created_at: now().toISOString() })
          .onConflict((oc) => oc.columns(['user_id', 'followee_kind', 'followee_id']).doNothing())
          .execute();
      } else await db.deleteFrom('follows').where('user_id', '=', userId).where('followee_kind', '=', kind).where('followee_id', '=', id).execute();
    },
    async follows(userId: string): Promise<Follow[]> {
      const rows = await db
        .selectFrom('follows as f')
        .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'f.followee_id').on('f.followee_kind', '=', 'writer'))
        .leftJoin('circles as c', (j) => j.onRef('c.id', '=', 'f.followee_id').on('f.followee_kind', '=', 'circle'))
        .select(['f.followee_kind', 'f.followee_id', 'f.created_at', 'u.display_name', 'c.name'])
        .where('f.user_id', '=', userId)
        .orderBy('f.created_at')
        .execute();
      return rows.map((r) => ({ kind: r.followee_kind, id: r.followee_id, name: r.display_name ?? r.name ?? '', since: r.created_at }));
    },
    async writerExists(id: string) {
      return !!(await db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst());
    },
    async circleVisibility(id: string) {
      return (await db.selectFrom('circles').select('visibility').where('id', '=', id).executeTakeFirst())?.visibility;
    },
    /**
     * What the writers and circles `userId` follows did, newest first, by keyset (created_at|id):
     * only in circles the reader is in or that are public, never their own, never from writers they blocked.
     */
    async feed(userId: string, q: { before?: string; limit: number }): Promise<ActivityPage> {
      let query = db
        .selectFrom('activity as a')
        .innerJoin('users as u', 'u.id', 'a.actor_id')
        .leftJoin('circles as c', 'c.id', 'a.circle_id')
        .select(['a.id', 'a.kind', 'a.actor_id', 'u.display_name', 'a.circle_id', 'c.name', 'a.ref_id', 'a.title', 'a.created_at'])
        .where((eb) =>
          eb.or([
            eb('a.actor_id', 'in', eb.selectFrom('follows').select('followee_id').where('user_id', '=', userId).where('followee_kind', '=', 'writer')),
            eb('a.circle_id', 'in', eb.selectFrom('follows').select('followee_id').where('user_id', '=', userId).where('followee_kind', '=', 'circle')),
          ]),
        )
        .where((eb) =>
          eb.or([
            eb('a.circle_id', 'is', null),
            eb('c.visibility', '=', 'public'),
            eb('a.circle_id', 'in', eb.selectFrom('circle_members').select('circle_id').where('user_id', '=', userId).where('role', '!=', 'banned')),
          ]),
        )
        .where('a.actor_id', '!=', userId)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('blocks').select('blocks.blocked_id').where('blocks.user_id', '=', userId).whereRef('blocks.blocked_id', '=', 'a.actor_id'))));
      if (q.before) {
        const [at, id] = q.before.split('|') as [string, string];
        query = query.where((eb) => eb.or([eb('a.created_at', '<', at), eb.and([eb('a.created_at', '=', at), eb('a.id', '<', id)])]));
      }
      const rows = await query.orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').limit(q.limit + 1).execute();
      const page = rows.slice(0, q.limit);
      const items: ActivityItem[] = page.map((r) => ({
        id: r.id,
        kind: r.kind,
        actorId: r.actor_id,
        actorName: r.display_name,
        circleId: r.circle_id,
        circleName: r.name,
        refId: r.ref_id,
        title: r.title,
        createdAt: r.created_at,
      }));
      const last = page.at(-1);
      return { items, next: rows.length > q.limit && last ? `${last.created_at}|${last.id}` : null };
    },
  };
}
export type ActivityRepo = ReturnType<typeof createActivityRepo>;

import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { ActivityItem, ActivityNotice, ActivityPage, Follow, KudosCount, SprintResultKudos } from '../../../shared/protocol/activity-events';
import { FIRST_NOTICE_KINDS } from '../../../shared/protocol/activity-schemas';
import type { KudosTargetKind } from '../../../shared/rules/kudos';
import { GRACE_MS } from '../../../shared/rules/sprints';
import type { ActivityNoticesTable, ActivityTable, CommunityDatabase } from '../../store/schema';

type Db = Kysely<CommunityDatabase>;

/**
 * One row of the activity feed. Also called inside other features' transactions (a share
 * opened to a circle is recorded with the share itself), hence the `db` it is handed.
 */
export async function recordActivity(db: Db, row: Omit<ActivityTable, 'id' | 'created_at'>, at: string): Promise<string> {
  const id = randomUUID();
  await db.insertInto('activity').values({ id, created_at: at, ...row }).execute();
  return id;
}

/** A kudos target as the rule in shared/rules/kudos.ts judges it, with what a notice says of it. */
export interface KudosTarget {
  ownerId: string;
  circleId: string | null;
  /** The thread of a post, the share of a critique, the sprint or challenge of a feed item. */
  refId: string;
  title: string;
  shareAuthorId?: string;
}

/** Sprints ended this long ago or less are looked at for results (older ones were, or never will be). */
const RESULTS_WINDOW_MS = 24 * 60 * 60 * 1000;

export function createActivityRepo(db: Db, now: () => Date = () => new Date()) {
  /** Kudos of each target, and whether `userId` gave one: one grouped read for a page. */
  const kudosMany = async (kind: KudosTargetKind, ids: string[], userId: string): Promise<KudosCount[]> => {
    if (ids.length === 0) return [];
    const rows = await db
      .selectFrom('kudos')
      .select((eb) => ['target_id', eb.fn.countAll<string>().as('n'), eb.fn.sum<string>(eb.case().when('user_id', '=', userId).then(1).else(0).end()).as('mine')])
      .where('target_kind', '=', kind)
      .where('target_id', 'in', [...new Set(ids)])
      .groupBy('target_id')
      .execute();
    const found = new Map(rows.map((r) => [r.target_id, r]));
    return ids.map((id) => ({ targetId: id, count: Number(found.get(id)?.n ?? 0), mine: Number(found.get(id)?.mine ?? 0) > 0 }));
  };
  /** The post with its thread and circle, for kudos. */
  const post = (postId: string) =>
    db
      .selectFrom('discussion_posts as p')
      .innerJoin('discussion_threads as t', 't.id', 'p.thread_id')
      .select(['p.id', 'p.author_id', 't.id as thread_id', 't.title', 't.circle_id'])
      .where('p.id', '=', postId)
      .executeTakeFirst();
  const kudosOf = async (kind: KudosTargetKind, id: string, userId: string): Promise<KudosCount> => (await kudosMany(kind, [id], userId))[0]!;
  // Told of each notice written (the handlers pass it on to the writer's sockets).
  const noticeListeners = new Set<(userId: string, seq: number) => void>();
  const notice = async (rows: Omit<Insertable<ActivityNoticesTable>, 'seq' | 'created_at'>[]) => {
    if (rows.length === 0) return;
    const at = now().toISOString();
    const inserted = await db
      .insertInto('activity_notices')
      .values(rows.map((r) => ({ ...r, created_at: at })))
      .returning(['seq', 'user_id'])
      .execute();
    for (const r of inserted) for (const listener of noticeListeners) listener(r.user_id, Number(r.seq));
  };
  /** Followers of `writerId` who may see what they do in `circleId` (null: no circle). */
  const followersSeeing = async (writerId: string, circleId: string | null) => {
    let q = db.selectFrom('follows as f').select('f.user_id').where('f.followee_kind', '=', 'writer').where('f.followee_id', '=', writerId);
    if (circleId) {
      const visibility = (await db.selectFrom('circles').select('visibility').where('id', '=', circleId).executeTakeFirst())?.visibility;
      if (visibility !== 'public')
        q = q.where('f.user_id', 'in', (eb) => eb.selectFrom('circle_members').select('user_id').where('circle_id', '=', circleId).where('role', '!=', 'banned'));
    }
    return (await q.execute()).map((r) => r.user_id);
  };
  const record = async (row: Omit<ActivityTable, 'id' | 'created_at'>): Promise<void> => {
    const id = await recordActivity(db, row, now().toISOString());
    // A followed writer's milestone is news for those who follow them.
    if (row.kind === 'challenge_milestone') {
      const followers = await followersSeeing(row.actor_id, row.circle_id);
      await notice(followers.map((user_id) => ({ user_id, kind: 'milestone', actor_id: row.actor_id, target_kind: 'challenge_milestone', ref_id: id, title: row.title })));
    }
  };
  return {
    post,
    /** Any kudos target: who it belongs to and where, or undefined when there is no such thing. */
    async target(kind: KudosTargetKind, id: string): Promise<KudosTarget | undefined> {
      if (kind === 'post') {
        const p = await post(id);
        return p && { ownerId: p.author_id, circleId: p.circle_id, refId: p.thread_id, title: p.title };
      }
      if (kind === 'critique') {
        const c = await db
          .selectFrom('critiques as c')
          .innerJoin('shares as s', 's.id', 'c.share_id')
          .select(['c.author_id', 's.id as share_id', 's.author_id as share_author', 's.circle_id', 's.title'])
          .where('c.id', '=', id)
          .where('s.revoked_at', 'is', null)
          .executeTakeFirst();
        return c && { ownerId: c.author_id, circleId: c.circle_id, refId: c.share_id, title: c.title, shareAuthorId: c.share_author };
      }
      const a = await db.selectFrom('activity').select(['actor_id', 'circle_id', 'ref_id', 'title']).where('id', '=', id).where('kind', '=', kind).executeTakeFirst();
      return a && { ownerId: a.actor_id, circleId: a.circle_id, refId: a.ref_id, title: a.title };
    },
    /**
     * Many targets of one kind at once (`activity:kudosOf`), each as `target` answers it, with
     * the reader's role in and the visibility of its circle: one read for the targets, one for
     * their circles, however many there are. Missing ones are absent from the map.
     */
    async targetsSeen(kind: KudosTargetKind, ids: string[], userId: string): Promise<Map<string, KudosTarget & { role: string | null; visibility: string | null }>> {
      const unique = [...new Set(ids)];
      const found = new Map<string, KudosTarget>();
      if (unique.length === 0) return new Map();
      if (kind === 'post') {
        const rows = await db
          .selectFrom('discussion_posts as p')
          .innerJoin('discussion_threads as t', 't.id', 'p.thread_id')
          .select(['p.id', 'p.author_id', 't.id as thread_id', 't.title', 't.circle_id'])
          .where('p.id', 'in', unique)
          .execute();
        for (const p of rows) found.set(p.id, { ownerId: p.author_id, circleId: p.circle_id, refId: p.thread_id, title: p.title });
      } else if (kind === 'critique') {
        const rows = await db
          .selectFrom('critiques as c')
          .innerJoin('shares as s', 's.id', 'c.share_id')
          .select(['c.id', 'c.author_id', 's.id as share_id', 's.author_id as share_author', 's.circle_id', 's.title'])
          .where('c.id', 'in', unique)
          .where('s.revoked_at', 'is', null)
          .execute();
        for (const c of rows) found.set(c.id, { ownerId: c.author_id, circleId: c.circle_id, refId: c.share_id, title: c.title, shareAuthorId: c.share_author });
      } else {
        const rows = await db.selectFrom('activity').select(['id', 'actor_id', 'circle_id', 'ref_id', 'title']).where('id', 'in', unique).where('kind', '=', kind).execute();
        for (const a of rows) found.set(a.id, { ownerId: a.actor_id, circleId: a.circle_id, refId: a.ref_id, title: a.title });
      }
      const circleIds = [...new Set([...found.values()].map((t) => t.circleId).filter((c): c is string => !!c))];
      const circles = circleIds.length
        ? await db
            .selectFrom('circles as c')
            .leftJoin('circle_members as m', (j) => j.onRef('m.circle_id', '=', 'c.id').on('m.user_id', '=', userId))
            .select(['c.id', 'c.visibility', 'm.role'])
            .where('c.id', 'in', circleIds)
            .execute()
        : [];
      const byCircle = new Map(circles.map((c) => [c.id, c]));
      return new Map(
        [...found].map(([id, t]) => {
          const c = t.circleId ? byCircle.get(t.circleId) : undefined;
          return [id, { ...t, role: c?.role ?? null, visibility: c?.visibility ?? null }];
        }),
      );
    },
    kudosOf,
    kudosMany,
    /** Gives or takes back kudos; answers whether anything changed. */
    async setKudos(userId: string, kind: KudosTargetKind, targetId: string, given: boolean): Promise<boolean> {
      if (given) {
        const result = await db
          .insertInto('kudos')
          .values({ user_id: userId, target_kind: kind, target_id: targetId, created_at: now().toISOString() })
          .onConflict((oc) => oc.columns(['target_kind', 'target_id', 'user_id']).doNothing())
          .executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
      }
      const result = await db.deleteFrom('kudos').where('target_kind', '=', kind).where('target_id', '=', targetId).where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    record,
    notice,
    /** Listens to notices written; answers its disposer. */
    onNotice(listener: (userId: string, seq: number) => void) {
      noticeListeners.add(listener);
      return () => noticeListeners.delete(listener);
    },
    /** What happened to `userId` after their cursor, oldest first, with the actors' names. */
    async notices(userId: string, after: number, limit: number, kinds: readonly ActivityNotice['kind'][] = FIRST_NOTICE_KINDS): Promise<{ notices: ActivityNotice[]; last: number }> {
      const rows = await db
        .selectFrom('activity_notices as n')
        .innerJoin('users as u', 'u.id', 'n.actor_id')
        .select(['n.seq', 'n.kind', 'n.actor_id', 'u.display_name', 'n.target_kind', 'n.ref_id', 'n.title', 'n.created_at', 'n.circle_id', 'n.body'])
        .where('n.user_id', '=', userId)
        .where('n.seq', '>', after)
        .where('n.kind', 'in', [...kinds])
        // Nothing from writers they blocked.
        .where((eb) => eb.not(eb.exists(eb.selectFrom('blocks').select('blocks.blocked_id').where('blocks.user_id', '=', userId).whereRef('blocks.blocked_id', '=', 'n.actor_id'))))
        .orderBy('n.seq')
        .limit(limit)
        .execute();
      const notices = rows.map((r) => ({
        seq: Number(r.seq),
        kind: r.kind,
        actorId: r.actor_id,
        actorName: r.display_name,
        targetKind: r.target_kind as KudosTargetKind | null,
        refId: r.ref_id,
        title: r.title,
        createdAt: r.created_at,
        circleId: r.circle_id,
        body: r.body,
      }));
      // The cursor moves past blocked writers' notices too (they are never shown), but not past kinds the studio
      // does not know yet: they wait for it.
      const lastSeen = await db
        .selectFrom('activity_notices')
        .select((eb) => eb.fn.max('seq').as('m'))
        .where('user_id', '=', userId)
        .where('seq', '>', after)
        .where('kind', 'in', [...kinds])
        .executeTakeFirst();
      const last = notices.length === limit ? notices.at(-1)!.seq : Math.max(after, Number(lastSeen?.m ?? after));
      return { notices, last };
    },
    /** Answers whether the follow is new (or newly gone). */
    async setFollow(userId: string, kind: 'writer' | 'circle', id: string, following: boolean): Promise<boolean> {
      if (following) {
        const result = await db
          .insertInto('follows')
          .values({ user_id: userId, followee_kind: kind, followee_id: id, created_at: now().toISOString() })
          .onConflict((oc) => oc.columns(['user_id', 'followee_kind', 'followee_id']).doNothing())
          .executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
      }
      const result = await db.deleteFrom('follows').where('user_id', '=', userId).where('followee_kind', '=', kind).where('followee_id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    /**
     * Puts the results of sprints that ended (grace period over) in the feed: one item per
     * writer who wrote, "N words". Each sprint once, whichever node gets there first (its row in
     * sprint_results is written in the same transaction). Answers how many sprints it recorded.
     */
    async recordSprintResults(): Promise<number> {
      const at = now();
      const until = new Date(at.getTime() - GRACE_MS).toISOString();
      const since = new Date(at.getTime() - GRACE_MS - RESULTS_WINDOW_MS).toISOString();
      const ended = await db
        .selectFrom('sprints as s')
        .select(['s.id', 's.circle_id', 's.title'])
        .where('s.ends_at', '<=', until)
        .where('s.ends_at', '>', since)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('sprint_results as r').select('r.sprint_id').whereRef('r.sprint_id', '=', 's.id'))))
        .limit(100)
        .execute();
      let recorded = 0;
      for (const sprint of ended) {
        const done = await db.transaction().execute(async (trx) => {
          const mark = await trx
            .insertInto('sprint_results')
            .values({ sprint_id: sprint.id, recorded_at: at.toISOString() })
            .onConflict((oc) => oc.column('sprint_id').doNothing())
            .executeTakeFirst();
          if (Number(mark.numInsertedOrUpdatedRows ?? 0) === 0) return false;
          const writers = await trx.selectFrom('sprint_writers').select(['user_id', 'words']).where('sprint_id', '=', sprint.id).where('words', '>', 0).where('flagged', '=', 0).execute();
          for (const w of writers) {
            const words = `${w.words.toLocaleString('en-US')} ${w.words === 1 ? 'word' : 'words'}`;
            await recordActivity(trx, { actor_id: w.user_id, circle_id: sprint.circle_id, kind: 'sprint_result', ref_id: sprint.id, title: `${words} in “${sprint.title}”` }, at.toISOString());
          }
          return true;
        });
        if (done) recorded++;
      }
      return recorded;
    },
    /** A finished sprint's result items, with each writer's words, for its results view. */
    async sprintResults(sprintId: string, userId: string): Promise<SprintResultKudos[]> {
      const rows = await db
        .selectFrom('activity as a')
        .innerJoin('sprint_writers as w', (j) => j.onRef('w.sprint_id', '=', 'a.ref_id').onRef('w.user_id', '=', 'a.actor_id'))
        .select(['a.id', 'a.actor_id', 'w.words'])
        .where('a.kind', '=', 'sprint_result')
        .where('a.ref_id', '=', sprintId)
        .execute();
      const counts = await kudosMany('sprint_result', rows.map((r) => r.id), userId);
      return rows.map((r, i) => ({ ...counts[i]!, writerId: r.actor_id, words: r.words }));
    },
    async sprintCircle(sprintId: string) {
      return db.selectFrom('sprints').select(['id', 'circle_id']).where('id', '=', sprintId).executeTakeFirst();
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
            // A draft asking for critique in a circle the reader belongs to, followed or not.
            eb.and([eb('a.kind', '=', 'share'), eb('a.circle_id', 'in', eb.selectFrom('circle_members').select('circle_id').where('user_id', '=', userId).where('role', '!=', 'banned'))]),
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
      // Kudos on the items that take them, in one read per kind for the page.
      const kudos = new Map<string, KudosCount>();
      for (const kind of ['sprint_result', 'challenge_milestone'] as const) {
        for (const k of await kudosMany(kind, page.filter((r) => r.kind === kind).map((r) => r.id), userId)) kudos.set(k.targetId, k);
      }
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
        kudos: kudos.get(r.id)?.count ?? 0,
        kudosMine: kudos.get(r.id)?.mine ?? false,
      }));
      const last = page.at(-1);
      return { items, next: rows.length > q.limit && last ? `${last.created_at}|${last.id}` : null };
    },
  };
}
export type ActivityRepo = ReturnType<typeof createActivityRepo>;

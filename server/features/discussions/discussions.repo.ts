import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DiscussionCategory, DiscussionPost, ThreadPage, ThreadSummary } from '../../../shared/protocol/discussions-events';
import type { CommunityDatabase } from '../../store/schema';

type Db = Kysely<CommunityDatabase>;

export interface NewThread {
  threadId: string;
  postId: string;
  circleId: string;
  categoryId: string | null;
  authorId: string;
  title: string;
  body: string;
}

export function createDiscussionsRepo(db: Db, now: () => Date = () => new Date()) {
  /** Thread rows with their author's name and the reader's last read, for `userId`. */
  const summaries = (userId: string) =>
    db
      .selectFrom('discussion_threads as t')
      .innerJoin('users as u', 'u.id', 't.author_id')
      .leftJoin('discussion_reads as r', (join) => join.onRef('r.thread_id', '=', 't.id').on('r.user_id', '=', userId))
      // Whether the reader muted it: their studios show it so after a restart or on another computer.
      .leftJoin('thread_mutes as m', (join) => join.onRef('m.thread_id', '=', 't.id').on('m.user_id', '=', userId))
      .select(['t.id', 't.circle_id', 't.category_id', 't.author_id', 'u.display_name', 't.title', 't.pinned', 't.locked', 't.post_count', 't.created_at', 't.last_post_at', 'r.read_at', 'm.user_id as muted_by']);
  type Row = Awaited<ReturnType<ReturnType<typeof summaries>['execute']>>[number];
  const summary = (r: Row): ThreadSummary => ({
    id: r.id,
    circleId: r.circle_id,
    categoryId: r.category_id,
    authorId: r.author_id,
    authorName: r.display_name,
    title: r.title,
    pinned: !!r.pinned,
    locked: !!r.locked,
    postCount: Number(r.post_count),
    createdAt: r.created_at,
    lastPostAt: r.last_post_at,
    unread: !r.read_at || r.read_at < r.last_post_at,
    muted: r.muted_by !== null,
  });
  const markRead = async (trx: Db, threadId: string, userId: string, at: string) => {
    await trx
      .insertInto('discussion_reads')
      .values({ thread_id: threadId, user_id: userId, read_at: at })
      .onConflict((oc) => oc.columns(['thread_id', 'user_id']).doUpdateSet({ read_at: at }))
      .execute();
  };

  const repo = {
    async categories(circleId: string): Promise<DiscussionCategory[]> {
      const rows = await db.selectFrom('discussion_categories').select(['id', 'circle_id', 'name']).where('circle_id', '=', circleId).orderBy('position').execute();
      return rows.map((r) => ({ id: r.id, circleId: r.circle_id, name: r.name }));
    },
    /** Sets the categories in order: a name kept keeps its id; a name dropped leaves its threads uncategorised. */
    async setCategories(circleId: string, names: string[]): Promise<void> {
      const unique = [...new Map(names.map((n) => [n.toLowerCase(), n])).values()];
      await db.transaction().execute(async (trx) => {
        const existing = await trx.selectFrom('discussion_categories').select(['id', 'name']).where('circle_id', '=', circleId).execute();
        const byName = new Map(existing.map((c) => [c.name.toLowerCase(), c.id]));
        const kept = new Set<string>();
        for (const [position, name] of unique.entries()) {
          const id = byName.get(name.toLowerCase());
          if (id) {
            kept.add(id);
            await trx.updateTable('discussion_categories').set({ name, position }).where('id', '=', id).execute();
          } else await trx.insertInto('discussion_categories').values({ id: randomUUID(), circle_id: circleId, name, position }).execute();
        }
        const dropped = existing.filter((c) => !kept.has(c.id)).map((c) => c.id);
        if (dropped.length) {
          await trx.updateTable('discussion_threads').set({ category_id: null }).where('category_id', 'in', dropped).execute();
          await trx.deleteFrom('discussion_categories').where('id', 'in', dropped).execute();
        }
      });
    },
    async category(categoryId: string) {
      return db.selectFrom('discussion_categories').select(['id', 'circle_id']).where('id', '=', categoryId).executeTakeFirst();
    },

    /** A page of a circle's threads: pinned first, then the most recently active, by keyset (pinned|last_post_at|id). */
    async threads(circleId: string, userId: string, q: { categoryId?: string; after?: string; limit: number }): Promise<ThreadPage> {
      // Threads started by writers the reader blocked are not listed for them.
      let query = summaries(userId)
        .where('t.circle_id', '=', circleId)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('blocks').select('blocks.blocked_id').where('blocks.user_id', '=', userId).whereRef('blocks.blocked_id', '=', 't.author_id'))));
      if (q.categoryId) query = query.where('t.category_id', '=', q.categoryId);
      if (q.after) {
        const [pinned, at, id] = q.after.split('|') as [string, string, string];
        const p = Number(pinned);
        query = query.where((eb) =>
          eb.or([eb('t.pinned', '<', p), eb.and([eb('t.pinned', '=', p), eb.or([eb('t.last_post_at', '<', at), eb.and([eb('t.last_post_at', '=', at), eb('t.id', '<', id)])])])]),
        );
      }
      const rows = await query.orderBy('t.pinned', 'desc').orderBy('t.last_post_at', 'desc').orderBy('t.id', 'desc').limit(q.limit + 1).execute();
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return { threads: page.map(summary), next: rows.length > q.limit && last ? `${last.pinned ? 1 : 0}|${last.last_post_at}|${last.id}` : null };
    },
    async thread(threadId: string, userId: string): Promise<ThreadSummary | undefined> {
      const row = await summaries(userId).where('t.id', '=', threadId).executeTakeFirst();
      return row && summary(row);
    },
    /** A thread's posts as `viewerId` sees them: none by writers they blocked; a hidden post's text withheld. */
    async posts(threadId: string, viewerId: string): Promise<DiscussionPost[]> {
      const rows = await db
        .selectFrom('discussion_posts as p')
        .innerJoin('users as u', 'u.id', 'p.author_id')
        .select(['p.id', 'p.thread_id', 'p.author_id', 'u.display_name', 'p.body', 'p.created_at', 'p.hidden_at'])
        .select((eb) => [
          eb.selectFrom('kudos').select(eb.fn.countAll<string>().as('n')).where('kudos.target_kind', '=', 'post').whereRef('kudos.target_id', '=', 'p.id').as('kudos'),
          eb.selectFrom('kudos').select('kudos.user_id').where('kudos.target_kind', '=', 'post').whereRef('kudos.target_id', '=', 'p.id').where('kudos.user_id', '=', viewerId).as('kudos_mine'),
        ])
        .where('p.thread_id', '=', threadId)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('blocks').select('blocks.blocked_id').where('blocks.user_id', '=', viewerId).whereRef('blocks.blocked_id', '=', 'p.author_id'))))
        .orderBy('p.created_at')
        .orderBy('p.id')
        .execute();
      return rows.map((r) => ({ id: r.id, threadId: r.thread_id, authorId: r.author_id, authorName: r.display_name, body: r.hidden_at ? '' : r.body, hidden: !!r.hidden_at, kudos: Number(r.kudos ?? 0), kudosMine: !!r.kudos_mine, createdAt: r.created_at }));
    },
    async post(postId: string) {
      return db.selectFrom('discussion_posts').select(['id', 'thread_id', 'author_id']).where('id', '=', postId).executeTakeFirst();
    },
    markRead: (threadId: string, userId: string) => markRead(db, threadId, userId, now().toISOString()),

    /** A thread and its opening post, read by its author from the start. */
    async start(t: NewThread): Promise<void> {
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('discussion_threads')
          .values({ id: t.threadId, circle_id: t.circleId, category_id: t.categoryId, author_id: t.authorId, title: t.title, pinned: 0, locked: 0, post_count: 1, created_at: at, last_post_at: at })
          .execute();
        await trx.insertInto('discussion_posts').values({ id: t.postId, thread_id: t.threadId, author_id: t.authorId, body: t.body, created_at: at }).execute();
        await markRead(trx, t.threadId, t.authorId, at);
      });
    },
    async reply(postId: string, threadId: string, authorId: string, body: string): Promise<void> {
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('discussion_posts').values({ id: postId, thread_id: threadId, author_id: authorId, body, created_at: at }).execute();
        await trx
          .updateTable('discussion_threads')
          .set({ post_count: sql`post_count + 1`, last_post_at: at })
          .where('id', '=', threadId)
          .execute();
        await markRead(trx, threadId, authorId, at);
      });
    },
    async moderate(threadId: string, patch: { pinned?: boolean; locked?: boolean }): Promise<void> {
      const set: { pinned?: number; locked?: number } = {};
      if (patch.pinned !== undefined) set.pinned = patch.pinned ? 1 : 0;
      if (patch.locked !== undefined) set.locked = patch.locked ? 1 : 0;
      if (Object.keys(set).length) await db.updateTable('discussion_threads').set(set).where('id', '=', threadId).execute();
    },
    async threadCircle(threadId: string) {
      return db.selectFrom('discussion_threads').select(['id', 'circle_id', 'author_id', 'locked', 'title']).where('id', '=', threadId).executeTakeFirst();
    },
    /** Members of the circle among these usernames (for @mentions by `byId`). */
    async membersNamed(circleId: string, usernames: string[], byId: string) {
      if (usernames.length === 0) return [];
      return db
        .selectFrom('circle_members')
        .innerJoin('users', 'users.id', 'circle_members.user_id')
        .select(['users.id'])
        .where('circle_members.circle_id', '=', circleId)
        .where('circle_members.role', '!=', 'banned')
        .where('users.username', 'in', usernames)
        // Someone who blocked the writer is not told they were mentioned by them.
        .where((eb) => eb.not(eb.exists(eb.selectFrom('blocks').select('blocks.user_id').whereRef('blocks.user_id', '=', 'users.id').where('blocks.blocked_id', '=', byId))))
        .execute();
    },
  };
  return repo;
}
export type DiscussionsRepo = ReturnType<typeof createDiscussionsRepo>;

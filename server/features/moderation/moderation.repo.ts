import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { BlockedWriter, ModerationEntry, QueuedReport, Report, ReportReason } from '../../../shared/protocol/moderation-events';
import type { CommunityDatabase, ReportsTable } from '../../store/schema';

const report = (r: ReportsTable): Report => ({
  id: r.id,
  circleId: r.circle_id,
  targetKind: r.target_kind,
  targetId: r.target_id,
  reason: r.reason as ReportReason,
  note: r.note,
  status: r.status,
  createdAt: r.created_at,
});

export function createModerationRepo(db: Kysely<CommunityDatabase>, now: () => Date = () => new Date()) {
  const log = async (circleId: string): Promise<ModerationEntry[]> => {
    const rows = await db
      .selectFrom('moderation_log as l')
      .innerJoin('users as u', 'u.id', 'l.actor_id')
      .selectAll('l')
      .select('u.display_name')
      .where('l.circle_id', '=', circleId)
      .orderBy('l.created_at', 'desc')
      .orderBy('l.id')
      .limit(200)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      circleId: r.circle_id,
      actorId: r.actor_id,
      actorName: r.display_name,
      action: r.action,
      targetKind: r.target_kind,
      targetId: r.target_id,
      reportId: r.report_id,
      reason: r.reason,
      createdAt: r.created_at,
    }));
  };

  return {
    log,
    /** The post with its thread's circle, for deciding who may report and moderate it. */
    async post(postId: string) {
      return db
        .selectFrom('discussion_posts as p')
        .innerJoin('discussion_threads as t', 't.id', 'p.thread_id')
        .select(['p.id', 'p.author_id', 'p.thread_id', 't.circle_id'])
        .where('p.id', '=', postId)
        .executeTakeFirst();
    },
    async report(id: string): Promise<(Report & { reporterId: string }) | undefined> {
      const row = await db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
      return row && { ...report(row), reporterId: row.reporter_id };
    },
    async file(r: { id: string; circleId: string; targetId: string; reporterId: string; reason: ReportReason; note: string }): Promise<void> {
      await db
        .insertInto('reports')
        .values({ id: r.id, circle_id: r.circleId, target_kind: 'post', target_id: r.targetId, reporter_id: r.reporterId, reason: r.reason, note: r.note, status: 'open', created_at: now().toISOString(), decided_by: null, decided_at: null })
        .execute();
    },
    /** Open reports of a circle, oldest first, with the post as the moderator must judge it. */
    async queue(circleId: string): Promise<QueuedReport[]> {
      const rows = await db
        .selectFrom('reports as r')
        .innerJoin('users as reporter', 'reporter.id', 'r.reporter_id')
        .innerJoin('discussion_posts as p', 'p.id', 'r.target_id')
        .innerJoin('users as author', 'author.id', 'p.author_id')
        .innerJoin('discussion_threads as t', 't.id', 'p.thread_id')
        .selectAll('r')
        .select(['reporter.display_name as reporter_name', 'author.id as author_id', 'author.display_name as author_name', 't.id as thread_id', 't.title as thread_title', 'p.body'])
        .where('r.circle_id', '=', circleId)
        .where('r.status', '=', 'open')
        .orderBy('r.created_at')
        .execute();
      return rows.map((r) => ({
        ...report(r),
        reporterName: r.reporter_name,
        authorId: r.author_id,
        authorName: r.author_name,
        threadId: r.thread_id,
        threadTitle: r.thread_title,
        excerpt: r.body.slice(0, 500),
      }));
    },
    /**
     * Decides a report: a hide settles every open report of the post; a dismissal, this one.
     * Logged with who, what, why and when; answers the entry and the reports it settled.
     */
    async decide(r: Report, actorId: string, action: 'hide' | 'dismiss', reason: string): Promise<{ entry: ModerationEntry; settled: { id: string; reporterId: string }[] }> {
      const at = now().toISOString();
      const id = randomUUID();
      const settled = await db.transaction().execute(async (trx) => {
        let open = trx.selectFrom('reports').select(['id', 'reporter_id']).where('status', '=', 'open');
        open = action === 'hide' ? open.where('target_id', '=', r.targetId) : open.where('id', '=', r.id);
        const rows = await open.execute();
        if (action === 'hide') await trx.updateTable('discussion_posts').set({ hidden_at: at }).where('id', '=', r.targetId).execute();
        if (rows.length) {
          await trx
            .updateTable('reports')
            .set({ status: action === 'hide' ? 'hidden' : 'dismissed', decided_by: actorId, decided_at: at })
            .where('id', 'in', rows.map((row) => row.id))
            .execute();
        }
        await trx
          .insertInto('moderation_log')
          .values({ id, circle_id: r.circleId, actor_id: actorId, action, target_kind: r.targetKind, target_id: r.targetId, report_id: r.id, reason, created_at: at })
          .execute();
        return rows.map((row) => ({ id: row.id, reporterId: row.reporter_id }));
      });
      return { entry: (await log(r.circleId)).find((e) => e.id === id)!, settled };
    },
    async setBlocked(userId: string, blockedId: string, blocked: boolean): Promise<void> {
      if (blocked) {
        await db
          .insertInto('blocks')
          .values({ user_id: userId, blocked_id: blockedId, created_at: now().toISOString() })
          .onConflict((oc) => oc.columns(['user_id', 'blocked_id']).doNothing())
          .execute();
      } else await db.deleteFrom('blocks').where('user_id', '=', userId).where('blocked_id', '=', blockedId).execute();
    },
    async blocks(userId: string): Promise<BlockedWriter[]> {
      const rows = await db
        .selectFrom('blocks')
        .innerJoin('users', 'users.id', 'blocks.blocked_id')
        .select(['users.id', 'users.display_name', 'blocks.created_at'])
        .where('blocks.user_id', '=', userId)
        .orderBy('blocks.created_at')
        .execute();
      return rows.map((r) => ({ userId: r.id, displayName: r.display_name, since: r.created_at }));
    },
    async userExists(userId: string) {
      return !!(await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst());
    },
  };
}
export type ModerationRepo = ReturnType<typeof createModerationRepo>;

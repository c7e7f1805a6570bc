import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { BlockedWriter, ModerationEntry, QueuedReport, Report, ReportReason, Sanction } from '../../../shared/protocol/moderation-events';
import { inForce, type ActiveSanction, type ModerationAction, type ReportTargetKind, type SanctionKind } from '../../../shared/rules/moderation';
import type { CommunityDatabase, ModerationLogTable, ReportsTable } from '../../store/schema';

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

/** What was reported: where it lives (its circle; none for a profile), who wrote it, and the text to judge. */
export interface Target {
  circleId: string | null;
  authorId: string;
  authorName: string;
  threadId: string | null;
  /** The thread's or share's title, or the writer's name. */
  context: string;
  excerpt: string;
}

const EXCERPT = 500;

export function createModerationRepo(db: Kysely<CommunityDatabase>, now: () => Date = () => new Date()) {
  const entry = (r: ModerationLogTable & { display_name: string }): ModerationEntry => ({
    id: r.id,
    circleId: r.circle_id,
    actorId: r.actor_id,
    actorName: r.display_name,
    action: r.action as ModerationEntry['action'],
    targetKind: r.target_kind,
    targetId: r.target_id,
    subjectId: r.subject_id,
    reportId: r.report_id,
    reason: r.reason,
    createdAt: r.created_at,
  });
  const logQuery = () => db.selectFrom('moderation_log as l').innerJoin('users as u', 'u.id', 'l.actor_id').selectAll('l').select('u.display_name');

  /** Newest first. A circle's log; the site's (circleId null) holds everything. */
  const log = async (circleId: string | null): Promise<ModerationEntry[]> => {
    let q = logQuery();
    if (circleId) q = q.where('l.circle_id', '=', circleId);
    const rows = await q.orderBy('l.created_at', 'desc').orderBy('l.id').limit(200).execute();
    return rows.map(entry);
  };
  const logged = async (id: string) => entry(await logQuery().where('l.id', '=', id).executeTakeFirstOrThrow());

  /** Finds what a report points at, whatever its kind. */
  async function target(kind: ReportTargetKind, id: string): Promise<Target | undefined> {
    switch (kind) {
      case 'post': {
        const r = await db
          .selectFrom('discussion_posts as p')
          .innerJoin('discussion_threads as t', 't.id', 'p.thread_id')
          .innerJoin('users as u', 'u.id', 'p.author_id')
          .select(['t.circle_id', 'p.author_id', 'u.display_name', 'p.thread_id', 't.title', 'p.body'])
          .where('p.id', '=', id)
          .executeTakeFirst();
        return r && { circleId: r.circle_id, authorId: r.author_id, authorName: r.display_name, threadId: r.thread_id, context: r.title, excerpt: r.body.slice(0, EXCERPT) };
      }
      case 'comment': {
        const r = await db
          .selectFrom('comments as c')
          .innerJoin('shares as s', 's.id', 'c.share_id')
          .innerJoin('users as u', 'u.id', 'c.author_id')
          .select(['s.circle_id', 'c.author_id', 'u.display_name', 's.title', 'c.body'])
          .where('c.id', '=', id)
          .executeTakeFirst();
        return r && { circleId: r.circle_id, authorId: r.author_id, authorName: r.display_name, threadId: null, context: r.title, excerpt: r.body.slice(0, EXCERPT) };
      }
      case 'critique': {
        const r = await db
          .selectFrom('critiques as c')
          .innerJoin('shares as s', 's.id', 'c.share_id')
          .innerJoin('users as u', 'u.id', 'c.author_id')
          .select(['s.circle_id', 'c.author_id', 'u.display_name', 's.title', 'c.worked', 'c.didnt', 'c.suggestions'])
          .where('c.id', '=', id)
          .executeTakeFirst();
        const text = r && [r.worked, r.didnt, r.suggestions].filter(Boolean).join('\n\n');
        return r && { circleId: r.circle_id, authorId: r.author_id, authorName: r.display_name, threadId: null, context: r.title, excerpt: text!.slice(0, EXCERPT) };
      }
      case 'share': {
        const r = await db
          .selectFrom('shares as s')
          .innerJoin('users as u', 'u.id', 's.author_id')
          .select(['s.circle_id', 's.author_id', 'u.display_name', 's.title', 's.note'])
          .where('s.id', '=', id)
          .executeTakeFirst();
        return r && { circleId: r.circle_id, authorId: r.author_id, authorName: r.display_name, threadId: null, context: r.title, excerpt: (r.note || r.title).slice(0, EXCERPT) };
      }
      case 'profile': {
        const r = await db.selectFrom('users').select(['id', 'display_name', 'username']).where('id', '=', id).executeTakeFirst();
        return r && { circleId: null, authorId: r.id, authorName: r.display_name, threadId: null, context: r.display_name, excerpt: `@${r.username}` };
      }
    }
  }

  /** Puts a warning, suspension or ban on a writer (inside the caller's transaction). A circle ban also bans them from its membership. */
  async function sanctionIn(
    trx: Kysely<CommunityDatabase>,
    s: { userId: string; circleId: string | null; kind: SanctionKind; reason: string; days?: number; actorId: string; at: string },
  ): Promise<Sanction> {
    const until = s.kind === 'suspend' ? new Date(Date.parse(s.at) + (s.days ?? 1) * 86_400_000).toISOString() : null;
    const row = { id: randomUUID(), user_id: s.userId, circle_id: s.circleId, kind: s.kind, reason: s.reason, until, actor_id: s.actorId, created_at: s.at };
    await trx.insertInto('sanctions').values(row).execute();
    if (s.kind === 'ban' && s.circleId) {
      await trx.updateTable('circle_members').set({ role: 'banned' }).where('circle_id', '=', s.circleId).where('user_id', '=', s.userId).where('role', '!=', 'owner').execute();
    }
    // A site ban ends every session: the studio must sign in again, and sign-in refuses.
    if (s.kind === 'ban' && !s.circleId) await trx.deleteFrom('sessions').where('user_id', '=', s.userId).execute();
    return { id: row.id, kind: s.kind, circleId: s.circleId, reason: s.reason, until, createdAt: s.at };
  }

  /** Hides what was reported from everyone but its writer and the moderators' log. */
  const HIDE_TABLE = { post: 'discussion_posts', comment: 'comments', critique: 'critiques', share: 'shares' } as const;

  return {
    log,
    target,
    /** The post with its thread's circle (kept for the discussions' own checks). */
    async post(postId: string) {
      return db
        .selectFrom('discussion_posts as p')
        .innerJoin('discussion_threads as t', 't.id', 'p.thread_id')
        .select(['p.id', 'p.author_id', 'p.thread_id', 't.circle_id'])
        .where('p.id', '=', postId)
        .executeTakeFirst();
    },
    async report(id: string): Promise<(Report & { reporterId: string; authorId: string | null }) | undefined> {
      const row = await db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
      return row && { ...report(row), reporterId: row.reporter_id, authorId: row.author_id };
    },
    async file(r: { id: string; circleId: string | null; targetKind: ReportTargetKind; targetId: string; authorId: string; reporterId: string; reason: ReportReason; note: string }): Promise<void> {
      await db
        .insertInto('reports')
        .values({
          id: r.id,
          circle_id: r.circleId,
          target_kind: r.targetKind,
          target_id: r.targetId,
          author_id: r.authorId,
          reporter_id: r.reporterId,
          reason: r.reason,
          note: r.note,
          status: 'open',
          created_at: now().toISOString(),
          decided_by: null,
          decided_at: null,
        })
        .execute();
    },
    /** Open reports, oldest first: a circle's, or (null) every one on the site. */
    async queue(circleId: string | null): Promise<QueuedReport[]> {
      let q = db.selectFrom('reports as r').innerJoin('users as reporter', 'reporter.id', 'r.reporter_id').selectAll('r').select('reporter.display_name as reporter_name').where('r.status', '=', 'open');
      if (circleId) q = q.where('r.circle_id', '=', circleId);
      const rows = await q.orderBy('r.created_at').orderBy('r.id').limit(200).execute();
      const out: QueuedReport[] = [];
      for (const r of rows) {
        const t = await target(r.target_kind, r.target_id);
        out.push({
          ...report(r),
          reporterName: r.reporter_name,
          authorId: t?.authorId ?? r.author_id,
          authorName: t?.authorName ?? 'deleted',
          threadId: t?.threadId ?? null,
          threadTitle: t?.context ?? '(deleted)',
          excerpt: t?.excerpt ?? '',
        });
      }
      return out;
    },
    /**
     * Decides a report. Hide, warn, suspend and ban settle every open report of the target (one
     * decision for what several reported); dismiss, this one. A sanction falls on the writer of
     * what was reported, in `scope` (a circle, or null for the site). Logged: who, what, why, when.
     */
    async decide(
      r: Report & { authorId: string | null },
      actorId: string,
      action: ModerationAction,
      reason: string,
      scope: string | null,
      days?: number,
    ): Promise<{ entry: ModerationEntry; settled: { id: string; reporterId: string }[]; sanction: Sanction | null }> {
      const at = now().toISOString();
      const id = randomUUID();
      let sanction: Sanction | null = null;
      const settled = await db.transaction().execute(async (trx) => {
        let open = trx.selectFrom('reports').select(['id', 'reporter_id']).where('status', '=', 'open');
        open = action === 'dismiss' ? open.where('id', '=', r.id) : open.where('target_id', '=', r.targetId);
        const rows = await open.execute();
        if (action === 'hide' && r.targetKind !== 'profile') await trx.updateTable(HIDE_TABLE[r.targetKind]).set({ hidden_at: at }).where('id', '=', r.targetId).execute();
        if ((action === 'warn' || action === 'suspend' || action === 'ban') && r.authorId) {
          sanction = await sanctionIn(trx, { userId: r.authorId, circleId: scope, kind: action, reason, days, actorId, at });
        }
        if (rows.length) {
          await trx
            .updateTable('reports')
            .set({ status: action === 'hide' ? 'hidden' : action === 'dismiss' ? 'dismissed' : 'actioned', decided_by: actorId, decided_at: at })
            .where('id', 'in', rows.map((row) => row.id))
            .execute();
        }
        await trx
          .insertInto('moderation_log')
          .values({ id, circle_id: scope ?? r.circleId, actor_id: actorId, action, target_kind: r.targetKind, target_id: r.targetId, subject_id: r.authorId, report_id: r.id, reason, created_at: at })
          .execute();
        return rows.map((row) => ({ id: row.id, reporterId: row.reporter_id }));
      });
      return { entry: await logged(id), settled, sanction };
    },
    /** A sanction without a report, logged like any decision. */
    async sanction(s: { userId: string; circleId: string | null; kind: SanctionKind; reason: string; days?: number; actorId: string }): Promise<{ entry: ModerationEntry; sanction: Sanction }> {
      const at = now().toISOString();
      const id = randomUUID();
      const sanction = await db.transaction().execute(async (trx) => {
        const made = await sanctionIn(trx, { ...s, at });
        await trx
          .insertInto('moderation_log')
          .values({ id, circle_id: s.circleId, actor_id: s.actorId, action: s.kind, target_kind: 'writer', target_id: s.userId, subject_id: s.userId, report_id: null, reason: s.reason, created_at: at })
          .execute();
        return made;
      });
      return { entry: await logged(id), sanction };
    },
    /** Logs a site role granted or taken back. */
    async roleChanged(actorId: string, userId: string, granted: boolean, reason: string): Promise<ModerationEntry> {
      const id = randomUUID();
      await db
        .insertInto('moderation_log')
        .values({ id, circle_id: null, actor_id: actorId, action: granted ? 'grant' : 'revoke', target_kind: 'writer', target_id: userId, subject_id: userId, report_id: null, reason, created_at: now().toISOString() })
        .execute();
      return logged(id);
    },
    /** A writer's warnings (all) and suspensions and bans (in force), newest first. */
    async sanctionsOf(userId: string): Promise<Sanction[]> {
      const rows = await db.selectFrom('sanctions').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').limit(100).execute();
      const t = now().getTime();
      return rows.filter((r) => r.kind === 'warn' || inForce(r, t)).map((r) => ({ id: r.id, kind: r.kind, circleId: r.circle_id, reason: r.reason, until: r.until, createdAt: r.created_at }));
    },
    /** Suspensions and bans in force for a writer: what every posting path checks. */
    async active(userId: string): Promise<ActiveSanction[]> {
      const rows = await db
        .selectFrom('sanctions')
        .select(['kind', 'circle_id', 'until', 'reason'])
        .where('user_id', '=', userId)
        .where('kind', 'in', ['suspend', 'ban'])
        .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', now().toISOString())]))
        .execute();
      return rows.map((r) => ({ kind: r.kind as 'suspend' | 'ban', circleId: r.circle_id, until: r.until, reason: r.reason }));
    },
    async setBlocked(userId: string, blockedId: string, blocked: boolean): Promise<void> {
      if (blocked) {
        await db.transaction().execute(async (tx) => {
          await tx
            .insertInto('blocks')
            .values({ user_id: userId, blocked_id: blockedId, created_at: now().toISOString() })
            .onConflict((oc) => oc.columns(['user_id', 'blocked_id']).doNothing())
            .execute();
          // A block ends following both ways: the blocked writer's feed stops showing the blocker's
          // doings, and the blocker's stops showing theirs (a new follow is refused while it lasts).
          await tx
            .deleteFrom('follows')
            .where('followee_kind', '=', 'writer')
            .where((eb) => eb.or([eb.and([eb('user_id', '=', blockedId), eb('followee_id', '=', userId)]), eb.and([eb('user_id', '=', userId), eb('followee_id', '=', blockedId)])]))
            .execute();
        });
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
    /** Those `userId` blocked. */
    async blockedBy(userId: string): Promise<Set<string>> {
      const rows = await db.selectFrom('blocks').select('blocked_id').where('user_id', '=', userId).execute();
      return new Set(rows.map((r) => r.blocked_id));
    },
    /** Those who blocked `userId`. */
    async blockersOf(userId: string): Promise<Set<string>> {
      const rows = await db.selectFrom('blocks').select('user_id').where('blocked_id', '=', userId).execute();
      return new Set(rows.map((r) => r.user_id));
    },
    /** Has `writerId` blocked `otherId`? Read from the store each time, so every node sees a block at once. */
    async hasBlocked(writerId: string, otherId: string): Promise<boolean> {
      return !!(await db.selectFrom('blocks').select('user_id').where('user_id', '=', writerId).where('blocked_id', '=', otherId).executeTakeFirst());
    },
    /** Of these writers, those who blocked `otherId` (mentions from a blocked writer are dropped). */
    async blockersAmong(writerIds: string[], otherId: string): Promise<Set<string>> {
      if (writerIds.length === 0) return new Set();
      const rows = await db.selectFrom('blocks').select('user_id').where('user_id', 'in', writerIds).where('blocked_id', '=', otherId).execute();
      return new Set(rows.map((r) => r.user_id));
    },
    /** Site moderators and admins (a handful): told of every report, for the site queue. */
    async staffIds(): Promise<string[]> {
      const rows = await db
        .selectFrom('users')
        .select('id')
        .where((eb) => eb.or([eb('roles', 'like', '%"admin"%'), eb('roles', 'like', '%"moderator"%')]))
        .execute();
      return rows.map((r) => r.id);
    },
    async userExists(userId: string) {
      return !!(await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst());
    },
    async threadCircle(threadId: string) {
      return db.selectFrom('discussion_threads').select(['id', 'circle_id', 'author_id']).where('id', '=', threadId).executeTakeFirst();
    },
    async setMuted(userId: string, threadId: string, muted: boolean): Promise<void> {
      if (muted) {
        await db
          .insertInto('thread_mutes')
          .values({ user_id: userId, thread_id: threadId, created_at: now().toISOString() })
          .onConflict((oc) => oc.columns(['user_id', 'thread_id']).doNothing())
          .execute();
      } else await db.deleteFrom('thread_mutes').where('user_id', '=', userId).where('thread_id', '=', threadId).execute();
    },
    /** Of these writers, those who muted the thread. */
    async mutedAmong(threadId: string, userIds: string[]): Promise<Set<string>> {
      if (userIds.length === 0) return new Set();
      const rows = await db.selectFrom('thread_mutes').select('user_id').where('thread_id', '=', threadId).where('user_id', 'in', userIds).execute();
      return new Set(rows.map((r) => r.user_id));
    },
  };
}
export type ModerationRepo = ReturnType<typeof createModerationRepo>;

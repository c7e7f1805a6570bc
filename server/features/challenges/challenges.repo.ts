import { sql, type Kysely } from 'kysely';
import type { Cabin, Challenge, ChallengePage, LeaderboardPage } from '../../../shared/protocol/challenges-events';
import { MILESTONES, type ChallengeGoalKind } from '../../../shared/rules/challenges';
import type { ChallengesTable, CommunityDatabase } from '../../store/schema';

type Db = Kysely<CommunityDatabase>;

export interface NewChallenge {
  id: string;
  title: string;
  circleId: string | null;
  createdBy: string;
  goalKind: ChallengeGoalKind;
  goal: number;
  startDay: string;
  endDay: string;
  cabins: boolean;
}

/** A writer whose progress reached a new milestone in a recount. */
export interface MilestoneReached {
  accountId: string;
  milestone: number;
  total: number;
}

/** The least whole total that reaches milestone `m` of `goal` (total * 100 >= m * goal, as shared/rules/challenges.ts says). */
const totalFor = (m: number, goal: number) => Math.ceil((m * goal) / 100);
/** A progress row's milestone from its total, as one SQL expression: the same steps. */
const milestoneSql = (goal: number) =>
  sql<number>`CASE ${sql.join(
    [...MILESTONES].reverse().map((m) => sql`WHEN total >= ${totalFor(m, goal)} THEN ${m}`),
    sql` `,
  )} ELSE 0 END`;
/** Up to this many writers passing milestones in one recount are updated by key; more, by a scan of the challenge. */
const NAMED_MOVERS = 500;

export function createChallengesRepo(db: Db, now: () => Date = () => new Date()) {
  /** Challenge rows with their circle's and creator's names and the reader's standing. */
  const listed = (userId: string) =>
    db
      .selectFrom('challenges as c')
      .innerJoin('users as u', 'u.id', 'c.created_by')
      .leftJoin('circles as ci', 'ci.id', 'c.circle_id')
      .leftJoin('challenge_progress as p', (j) => j.onRef('p.challenge_id', '=', 'c.id').on('p.account_id', '=', userId))
      .leftJoin('challenge_cabins as cb', 'cb.id', 'p.cabin_id')
      .select([
        'c.id',
        'c.title',
        'c.circle_id',
        'ci.name as circle_name',
        'c.created_by',
        'u.display_name',
        'c.goal_kind',
        'c.goal',
        'c.start_day',
        'c.end_day',
        'c.cabins',
        'c.participants',
        'c.created_at',
        'p.account_id as joined',
        'p.total',
        'p.days_written',
        'p.cabin_id',
        'cb.name as cabin_name',
        'p.milestone',
        'p.completed_at',
      ]);
  type Row = Awaited<ReturnType<ReturnType<typeof listed>['execute']>>[number];
  const challenge = (r: Row): Challenge => ({
    id: r.id,
    title: r.title,
    circleId: r.circle_id,
    circleName: r.circle_name,
    createdBy: r.created_by,
    creatorName: r.display_name,
    goalKind: r.goal_kind,
    goal: Number(r.goal),
    startDay: r.start_day,
    endDay: r.end_day,
    cabins: !!r.cabins,
    participants: Number(r.participants),
    createdAt: r.created_at,
    mine: r.joined
      ? {
          total: Number(r.total ?? 0),
          daysWritten: Number(r.days_written ?? 0),
          cabinId: r.cabin_id,
          cabinName: r.cabin_name,
          milestone: Number(r.milestone ?? 0),
          completedAt: r.completed_at,
        }
      : null,
  });
  const repo = {
    async create(c: NewChallenge): Promise<void> {
      await db
        .insertInto('challenges')
        .values({
          id: c.id,
          title: c.title,
          circle_id: c.circleId,
          created_by: c.createdBy,
          goal_kind: c.goalKind,
          goal: c.goal,
          start_day: c.startDay,
          end_day: c.endDay,
          cabins: c.cabins ? 1 : 0,
          participants: 0,
          created_at: now().toISOString(),
        })
        .execute();
    },
    async row(challengeId: string): Promise<ChallengesTable | undefined> {
      return db.selectFrom('challenges').selectAll().where('id', '=', challengeId).executeTakeFirst();
    },
    async challenge(challengeId: string, userId: string): Promise<Challenge | undefined> {
      const row = await listed(userId).where('c.id', '=', challengeId).executeTakeFirst();
      return row && challenge(row);
    },
    /** Latest start first, by keyset (start_day|id). */
    async list(userId: string, q: { after?: string; limit: number }): Promise<ChallengePage> {
      // Open challenges and those of circles the reader belongs to (not banned from).
      let query = listed(userId).where((eb) =>
        eb.or([
          eb('c.circle_id', 'is', null),
          eb('c.circle_id', 'in', eb.selectFrom('circle_members').select('circle_id').where('user_id', '=', userId).where('role', '!=', 'banned')),
        ]),
      );
      if (q.after) {
        const [day, id] = q.after.split('|') as [string, string];
        query = query.where((eb) => eb.or([eb('c.start_day', '<', day), eb.and([eb('c.start_day', '=', day), eb('c.id', '<', id)])]));
      }
      const rows = await query.orderBy('c.start_day', 'desc').orderBy('c.id', 'desc').limit(q.limit + 1).execute();
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return { challenges: page.map(challenge), next: rows.length > q.limit && last ? `${last.start_day}|${last.id}` : null };
    },
    async cabins(challengeId: string): Promise<Cabin[]> {
      const rows = await db
        .selectFrom('challenge_cabins as cb')
        .select(['cb.id', 'cb.name', 'cb.members'])
        .select((eb) =>
          eb
            .selectFrom('challenge_progress as p')
            .select(sql<string>`coalesce(sum(p.total), 0)`.as('t'))
            .whereRef('p.cabin_id', '=', 'cb.id')
            .where('p.challenge_id', '=', challengeId)
            .as('total'),
        )
        .where('cb.challenge_id', '=', challengeId)
        .execute();
      return rows
        .map((r) => ({ id: r.id, name: r.name, members: Number(r.members), total: Number(r.total ?? 0) }))
        .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
    },
    async cabin(cabinId: string) {
      return db.selectFrom('challenge_cabins').select(['id', 'challenge_id', 'members']).where('id', '=', cabinId).executeTakeFirst();
    },
    async participant(challengeId: string, accountId: string) {
      return db.selectFrom('challenge_participants').selectAll().where('challenge_id', '=', challengeId).where('account_id', '=', accountId).executeTakeFirst();
    },
    /**
     * Joins (with consent) and, in one transaction, takes a place in a cabin: the cabin's count
     * goes up only while it has room (`cabinSize`), so two writers racing for the twelfth place
     * cannot both have it. Answers false when the cabin filled first.
     */
    async join(j: { challengeId: string; accountId: string; cabinId: string | null; newCabin?: { id: string; name: string }; cabinSize: number }): Promise<boolean> {
      const at = now().toISOString();
      return db.transaction().execute(async (trx) => {
        if (j.newCabin) {
          await trx.insertInto('challenge_cabins').values({ id: j.newCabin.id, challenge_id: j.challengeId, name: j.newCabin.name, created_by: j.accountId, members: 0, created_at: at }).execute();
        }
        const cabinId = j.newCabin?.id ?? j.cabinId;
        if (cabinId) {
          const taken = await trx
            .updateTable('challenge_cabins')
            .set({ members: sql`members + 1` })
            .where('id', '=', cabinId)
            .where('members', '<', j.cabinSize)
            .executeTakeFirst();
          if (Number(taken.numUpdatedRows) === 0) return false;
        }
        await trx.insertInto('challenge_participants').values({ challenge_id: j.challengeId, account_id: j.accountId, cabin_id: cabinId, consented_at: at }).execute();
        await trx.insertInto('challenge_progress').values({ challenge_id: j.challengeId, account_id: j.accountId, cabin_id: cabinId, total: 0, words: 0, minutes: 0, days_written: 0, milestone: 0, completed_at: null, updated_at: at }).execute();
        await trx.updateTable('challenges').set({ participants: sql`participants + 1` }).where('id', '=', j.challengeId).execute();
        return true;
      });
    },
    /** Consent withdrawn: the writer leaves, and every total they sent goes with them. */
    async withdraw(challengeId: string, accountId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('challenge_participants').select('cabin_id').where('challenge_id', '=', challengeId).where('account_id', '=', accountId).executeTakeFirst();
        if (!row) return;
        await trx.deleteFrom('challenge_days').where('challenge_id', '=', challengeId).where('account_id', '=', accountId).execute();
        await trx.deleteFrom('challenge_progress').where('challenge_id', '=', challengeId).where('account_id', '=', accountId).execute();
        await trx.deleteFrom('challenge_participants').where('challenge_id', '=', challengeId).where('account_id', '=', accountId).execute();
        if (row.cabin_id) await trx.updateTable('challenge_cabins').set({ members: sql`members - 1` }).where('id', '=', row.cabin_id).execute();
        await trx.updateTable('challenges').set({ participants: sql`participants - 1` }).where('id', '=', challengeId).execute();
      });
    },
    /** One writer's total for one local day: the newest replaces what was there (a resend changes nothing). */
    async putDay(d: { challengeId: string; accountId: string; day: string; words: number; minutes: number }): Promise<void> {
      const at = now().toISOString();
      await db
        .insertInto('challenge_days')
        .values({ challenge_id: d.challengeId, account_id: d.accountId, day: d.day, words: d.words, minutes: d.minutes, updated_at: at })
        .onConflict((oc) => oc.columns(['challenge_id', 'account_id', 'day']).doUpdateSet({ words: d.words, minutes: d.minutes, updated_at: at }))
        .execute();
    },
    /** Many writers' totals for a day at once (the bench's day of 10,000 writers; an import). */
    async putDays(rows: { challengeId: string; accountId: string; day: string; words: number; minutes: number }[]): Promise<void> {
      const at = now().toISOString();
      for (let i = 0; i < rows.length; i += 1000) {
        await db
          .insertInto('challenge_days')
          .values(rows.slice(i, i + 1000).map((d) => ({ challenge_id: d.challengeId, account_id: d.accountId, day: d.day, words: d.words, minutes: d.minutes, updated_at: at })))
          .onConflict((oc) => oc.columns(['challenge_id', 'account_id', 'day']).doUpdateSet((eb) => ({ words: eb.ref('excluded.words'), minutes: eb.ref('excluded.minutes'), updated_at: at })))
          .execute();
      }
    },
    async days(challengeId: string, accountId: string) {
      const rows = await db.selectFrom('challenge_days').select(['day', 'words', 'minutes']).where('challenge_id', '=', challengeId).where('account_id', '=', accountId).orderBy('day').execute();
      return rows.map((r) => ({ day: r.day, words: Number(r.words), minutes: Number(r.minutes) }));
    },
    /**
     * Works progress out again from the day totals: one set-based statement for every writer in
     * the challenge (or those named), then one that moves milestones on and answers who reached
     * a new one. A day counts as shared/rules/challenges.ts `dayValue` says: net words never
     * below zero, a day with any writing, its minutes.
     */
    async recompute(c: Pick<ChallengesTable, 'id' | 'goal_kind' | 'goal'>, accountIds?: string[]): Promise<MilestoneReached[]> {
      const at = now().toISOString();
      // Each writer's sums in one pass over their days, joined to their progress row (UPDATE ... FROM,
      // on SQLite and PostgreSQL): correlated subqueries per column cost four index probes a writer.
      // A writer keeps their days while they take part (withdrawing deletes both), so each has a sum.
      let sums = db
        .selectFrom('challenge_days as d')
        .select([
          'd.account_id',
          sql<number>`sum(CASE WHEN d.words > 0 THEN d.words ELSE 0 END)`.as('words'),
          sql<number>`sum(CASE WHEN d.minutes > 0 THEN d.minutes ELSE 0 END)`.as('minutes'),
          sql<number>`sum(CASE WHEN d.words > 0 OR d.minutes > 0 THEN 1 ELSE 0 END)`.as('days'),
        ])
        .where('d.challenge_id', '=', c.id)
        .groupBy('d.account_id');
      if (accountIds) sums = sums.where('d.account_id', 'in', accountIds);
      const total = c.goal_kind === 'days' ? 'a.days' : c.goal_kind === 'words' ? 'a.words' : 'a.minutes';
      await db
        .updateTable('challenge_progress')
        .from(sums.as('a'))
        .set((eb) => ({ words: eb.ref('a.words'), minutes: eb.ref('a.minutes'), days_written: eb.ref('a.days'), total: eb.ref(total), updated_at: at }))
        .whereRef('challenge_progress.account_id', '=', 'a.account_id')
        .where('challenge_progress.challenge_id', '=', c.id)
        .execute();
      // Who has a milestone to pass, in one read (most recounts: nobody)...
      let due = db
        .selectFrom('challenge_progress')
        .select('account_id')
        .where('challenge_id', '=', c.id)
        .where((eb) => eb('milestone', '<', milestoneSql(c.goal)));
      if (accountIds) due = due.where('account_id', 'in', accountIds);
      const movers = (await due.execute()).map((r) => r.account_id);
      if (movers.length === 0) return [];
      // ...then one statement per milestone, lowest first: a writer who crossed several at once (a big
      // paste, an import) is answered once for each, and a row moves past a milestone in one statement
      // only, so two recounts at the same time never announce the same milestone twice. The writers
      // due are named when they are few (their rows by key); many, and the challenge's rows are scanned.
      const reached: MilestoneReached[] = [];
      for (const m of MILESTONES) {
        let moved = db
          .updateTable('challenge_progress')
          .set(m === 100 ? { milestone: m, completed_at: sql`coalesce(completed_at, ${at})` } : { milestone: m })
          .where('challenge_id', '=', c.id)
          .where('milestone', '<', m)
          .where('total', '>=', totalFor(m, c.goal));
        if (movers.length <= NAMED_MOVERS) moved = moved.where('account_id', 'in', movers);
        else if (accountIds) moved = moved.where('account_id', 'in', accountIds);
        for (const r of await moved.returning(['account_id', 'total']).execute()) reached.push({ accountId: r.account_id, milestone: m, total: Number(r.total) });
      }
      return reached;
    },
    async standing(challengeId: string, accountId: string) {
      const r = await db.selectFrom('challenge_progress').select(['total', 'milestone', 'completed_at']).where('challenge_id', '=', challengeId).where('account_id', '=', accountId).executeTakeFirst();
      return r && { total: Number(r.total), milestone: Number(r.milestone), completed: !!r.completed_at };
    },
    /**
     * A page of the leaderboard, highest total first, by keyset over the index (challenge_id,
     * total desc, account_id); ranks follow on from the cursor (the position of its last row).
     */
    async leaderboard(challengeId: string, q: { cabinId?: string; after?: string; limit: number }): Promise<LeaderboardPage> {
      let query = db
        .selectFrom('challenge_progress as p')
        .innerJoin('users as u', 'u.id', 'p.account_id')
        .leftJoin('challenge_cabins as cb', 'cb.id', 'p.cabin_id')
        .select(['p.account_id', 'u.display_name', 'cb.name as cabin_name', 'p.total', 'p.completed_at'])
        .where('p.challenge_id', '=', challengeId);
      if (q.cabinId) query = query.where('p.cabin_id', '=', q.cabinId);
      // The cursor carries the rank reached so far: a deep page counts nothing before it.
      let ahead = 0;
      if (q.after) {
        const [totalText, id, rank] = q.after.split('|') as [string, string, string];
        const total = Number(totalText);
        query = query.where((eb) => eb.or([eb('p.total', '<', total), eb.and([eb('p.total', '=', total), eb('p.account_id', '>', id)])]));
        ahead = Number(rank);
      }
      const rows = await query.orderBy('p.total', 'desc').orderBy('p.account_id').limit(q.limit + 1).execute();
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return {
        rows: page.map((r, i) => ({ rank: ahead + i + 1, accountId: r.account_id, displayName: r.display_name, cabinName: r.cabin_name, total: Number(r.total), completed: !!r.completed_at })),
        next: rows.length > q.limit && last ? `${Number(last.total)}|${last.account_id}|${ahead + page.length}` : null,
      };
    },
  };
  return repo;
}
export type ChallengesRepo = ReturnType<typeof createChallengesRepo>;

import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { groupCommit } from '../../store/group-commit';
import type { Sprint, SprintResult } from '../../../shared/protocol/community-events';
import type { CommunityDatabase, SprintsTable, SprintWritersTable } from '../../store/schema';
import { GRACE_MS, plausibleWords, sprintStatus } from '../../../shared/rules/sprints';
import { rank, type WriterRow } from './sprint-rules';

interface ProgressRow {
  sprintId: string;
  userId: string;
  words: number;
  updatedAt: string;
  flagged: 0 | 1;
}

export function createSprintsRepo(db: Kysely<CommunityDatabase>, now: () => Date = () => new Date()) {
  const toSprint = async (row: SprintsTable, userId: string): Promise<Sprint> => {
    const writers = await db.selectFrom('sprint_writers').select(['user_id', 'left_at']).where('sprint_id', '=', row.id).execute();
    return {
      id: row.id,
      circleId: row.circle_id,
      title: row.title,
      createdBy: row.created_by,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      durationMin: row.duration_min,
      goalWords: row.goal_words,
      status: sprintStatus(row.starts_at, row.ends_at, now().getTime()),
      writers: writers.filter((w) => !w.left_at).length,
      joined: writers.some((w) => w.user_id === userId && !w.left_at),
    };
  };

  // A sprint's row never changes after it is created: keep the recent ones in memory.
  const sprintCache = new Map<string, SprintsTable>();
  // Who is writing in a sprint changes only on join and leave; progress reads it for every update.
  const writerCache = new Map<string, { row: SprintWritersTable | undefined; at: number }>();
  const WRITER_CACHE_MS = 5000;

  // A 2,000-writer sprint sends a thousand totals a second: they are stored in batches, one
  // statement each (see groupCommit), and a writer's answer waits until theirs is stored.
  const writeProgress = groupCommit<ProgressRow>(async (items) => {
    // The latest total per writer wins; a batch never names one row twice.
    const rows = [...new Map(items.map((r) => [`${r.sprintId}/${r.userId}`, r])).values()];
    if (rows.length === 1) {
      // Alone (most writes, unless the store is busy): the plain statement, prepared once; a batch's text varies with its size.
      const [r] = rows as [ProgressRow];
      await db.updateTable('sprint_writers').set({ words: r.words, updated_at: r.updatedAt, flagged: r.flagged }).where('sprint_id', '=', r.sprintId).where('user_id', '=', r.userId).execute();
      return;
    }
    const values = rows.map((r) => sql`(${r.sprintId}, ${r.userId}, CAST(${r.words} AS INTEGER), ${r.updatedAt}, CAST(${r.flagged} AS INTEGER))`);
    // UPDATE … FROM a VALUES list: the same text on SQLite (3.33+) and PostgreSQL.
    await sql`WITH v(sprint_id, user_id, words, updated_at, flagged) AS (VALUES ${sql.join(values)})
      UPDATE sprint_writers SET words = v.words, updated_at = v.updated_at, flagged = v.flagged
      FROM v WHERE sprint_writers.sprint_id = v.sprint_id AND sprint_writers.user_id = v.user_id`.execute(db);
  });

  const repo = {
    async get(id: string): Promise<SprintsTable | undefined> {
      const hit = sprintCache.get(id);
      if (hit) return hit;
      const row = await db.selectFrom('sprints').selectAll().where('id', '=', id).executeTakeFirst();
      if (row) {
        if (sprintCache.size > 10_000) sprintCache.clear();
        sprintCache.set(id, row);
      }
      return row;
    },
    toSprint,

    async create(input: { circleId: string | null; title: string; durationMin: number; startsInMin: number; goalWords: number | null }, userId: string): Promise<SprintsTable> {
      const start = now().getTime() + input.startsInMin * 60_000;
      const row: SprintsTable = {
        id: randomUUID(),
        circle_id: input.circleId,
        created_by: userId,
        title: input.title,
        starts_at: new Date(start).toISOString(),
        ends_at: new Date(start + input.durationMin * 60_000).toISOString(),
        duration_min: input.durationMin,
        goal_words: input.goalWords,
        created_at: now().toISOString(),
      };
      await db.insertInto('sprints').values(row).execute();
      return row;
    },

    /** Open sprints and those of the user's circles that have not finished. */
    async visible(circleIds: string[]): Promise<SprintsTable[]> {
      const since = new Date(now().getTime() - GRACE_MS).toISOString();
      let query = db.selectFrom('sprints').selectAll().where('ends_at', '>', since);
      query = query.where((eb) => (circleIds.length > 0 ? eb.or([eb('circle_id', 'is', null), eb('circle_id', 'in', circleIds)]) : eb('circle_id', 'is', null)));
      const rows = await query.orderBy('starts_at').limit(100).execute();
      return rows;
    },

    async join(sprintId: string, userId: string): Promise<void> {
      writerCache.delete(`${sprintId}:${userId}`);
      const at = now().toISOString();
      await db
        .insertInto('sprint_writers')
        .values({ sprint_id: sprintId, user_id: userId, joined_at: at, words: 0, updated_at: at, flagged: 0, left_at: null })
        .onConflict((oc) => oc.columns(['sprint_id', 'user_id']).doUpdateSet({ left_at: null })) // rejoining keeps the words
        .execute();
    },
    async leave(sprintId: string, userId: string): Promise<void> {
      writerCache.delete(`${sprintId}:${userId}`);
      await db.updateTable('sprint_writers').set({ left_at: now().toISOString() }).where('sprint_id', '=', sprintId).where('user_id', '=', userId).execute();
    },
    async writer(sprintId: string, userId: string): Promise<SprintWritersTable | undefined> {
      const key = `${sprintId}:${userId}`;
      const hit = writerCache.get(key);
      if (hit && performance.now() - hit.at < WRITER_CACHE_MS) return hit.row;
      const row = await db.selectFrom('sprint_writers').selectAll().where('sprint_id', '=', sprintId).where('user_id', '=', userId).executeTakeFirst();
      if (writerCache.size > 100_000) writerCache.clear();
      writerCache.set(key, { row, at: performance.now() });
      return row;
    },

    /** Stores the running total; flags it when more than a person could have typed. */
    async progress(sprint: SprintsTable, userId: string, words: number, joinedAt: string): Promise<{ words: number; flagged: boolean }> {
      const t = now().getTime();
      const since = Math.max(Date.parse(sprint.starts_at), Date.parse(joinedAt) - 60_000);
      const flagged = words > plausibleWords(since, Math.min(t, Date.parse(sprint.ends_at)));
      await writeProgress({ sprintId: sprint.id, userId, words, updatedAt: new Date(t).toISOString(), flagged: flagged ? 1 : 0 });
      return { words, flagged };
    },

    /** Everyone in the sprint (who has not left), as the leaderboard ranks them. */
    async writers(sprintId: string): Promise<WriterRow[]> {
      const rows = await db
        .selectFrom('sprint_writers')
        .innerJoin('users', 'users.id', 'sprint_writers.user_id')
        .select(['users.id', 'users.display_name', 'sprint_writers.words', 'sprint_writers.flagged'])
        .where('sprint_writers.sprint_id', '=', sprintId)
        .where('sprint_writers.left_at', 'is', null)
        .execute();
      return rows.map((r) => ({ userId: r.id, displayName: r.display_name, words: Number(r.words), flagged: Number(r.flagged) === 1 }));
    },

    /**
     * Active sprints (not finished) a user is writing in and may still see: a reconnecting
     * socket rejoins them, but never a sprint of a circle they left or were banned from.
     */
    async activeFor(userId: string): Promise<string[]> {
      const since = new Date(now().getTime() - GRACE_MS).toISOString();
      const rows = await db
        .selectFrom('sprint_writers')
        .innerJoin('sprints', 'sprints.id', 'sprint_writers.sprint_id')
        .leftJoin('circle_members', (join) => join.onRef('circle_members.circle_id', '=', 'sprints.circle_id').on('circle_members.user_id', '=', userId))
        .select('sprints.id')
        .where('sprint_writers.user_id', '=', userId)
        .where('sprint_writers.left_at', 'is', null)
        .where('sprints.ends_at', '>', since)
        .where((eb) => eb.or([eb('sprints.circle_id', 'is', null), eb('circle_members.role', 'in', ['owner', 'moderator', 'member'])]))
        .execute();
      return rows.map((r) => r.id);
    },
    /** A circle's sprints that have not finished: someone leaving the circle leaves their rooms too. */
    async activeInCircle(circleId: string): Promise<string[]> {
      const since = new Date(now().getTime() - GRACE_MS).toISOString();
      const rows = await db.selectFrom('sprints').select('id').where('circle_id', '=', circleId).where('ends_at', '>', since).execute();
      return rows.map((r) => r.id);
    },

    async result(sprint: SprintsTable, userId: string): Promise<SprintResult | undefined> {
      const rows = rank(await repo.writers(sprint.id));
      const mine = rows.find((r) => r.userId === userId);
      if (!mine) return undefined;
      const previousBest = await db
        .selectFrom('sprint_writers')
        .innerJoin('sprints', 'sprints.id', 'sprint_writers.sprint_id')
        .select((eb) => eb.fn.max('sprint_writers.words').as('best'))
        .where('sprint_writers.user_id', '=', userId)
        .where('sprint_writers.flagged', '=', 0)
        .where('sprints.ends_at', '<', sprint.ends_at)
        .executeTakeFirst();
      return {
        sprintId: sprint.id,
        title: sprint.title,
        durationMin: sprint.duration_min,
        endedAt: sprint.ends_at,
        words: mine.words,
        wpm: Math.round((mine.words / sprint.duration_min) * 10) / 10,
        place: mine.place,
        writers: rows.length,
        personalBest: !mine.flagged && mine.words > 0 && mine.words > Number(previousBest?.best ?? 0),
        flagged: mine.flagged,
        final: sprintStatus(sprint.starts_at, sprint.ends_at, now().getTime()) === 'finished',
      };
    },

    async history(userId: string): Promise<SprintResult[]> {
      const rows = await db
        .selectFrom('sprint_writers')
        .innerJoin('sprints', 'sprints.id', 'sprint_writers.sprint_id')
        .selectAll('sprints')
        .where('sprint_writers.user_id', '=', userId)
        .where('sprints.ends_at', '<', now().toISOString())
        .orderBy('sprints.ends_at', 'desc')
        .limit(50)
        .execute();
      const results = await Promise.all(rows.map((row) => repo.result(row, userId)));
      return results.filter((r): r is SprintResult => !!r);
    },
  };
  return repo;
}
export type SprintsRepo = ReturnType<typeof createSprintsRepo>;

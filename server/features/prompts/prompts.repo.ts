import type { Kysely } from 'kysely';
import type { Prompt, PromptPage, PromptStatus } from '../../../shared/protocol/prompts-events';
import { PROMPT_LIMITS, scopeOf, type LibraryPrompt } from '../../../shared/rules/prompts';
import type { CommunityDatabase } from '../../store/schema';

type Db = Kysely<CommunityDatabase>;

export function createPromptsRepo(db: Db, now: () => Date = () => new Date()) {
  const rows = () =>
    db
      .selectFrom('prompts as p')
      .innerJoin('users as u', 'u.id', 'p.author_id')
      .select(['p.id', 'p.circle_id', 'p.text', 'p.status', 'p.author_id', 'u.display_name', 'p.thread_id', 'p.created_at', 'p.updated_at']);
  type Row = Awaited<ReturnType<ReturnType<typeof rows>['execute']>>[number];
  const prompt = (r: Row): Prompt => ({
    id: r.id,
    circleId: r.circle_id,
    text: r.text,
    status: r.status,
    authorId: r.author_id,
    authorName: r.display_name,
    threadId: r.thread_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });

  const repo = {
    async get(promptId: string): Promise<Prompt | undefined> {
      const row = await rows().where('p.id', '=', promptId).executeTakeFirst();
      return row && prompt(row);
    },
    /** A page of one library's prompts in one status, oldest first, by keyset (created_at|id). */
    async library(circleId: string | null, status: PromptStatus, q: { after?: string; limit: number }): Promise<PromptPage> {
      let query = rows().where('p.scope', '=', scopeOf(circleId)).where('p.status', '=', status);
      if (q.after) {
        const [at, id] = q.after.split('|') as [string, string];
        query = query.where((eb) => eb.or([eb('p.created_at', '>', at), eb.and([eb('p.created_at', '=', at), eb('p.id', '>', id)])]));
      }
      const found = await query.orderBy('p.created_at').orderBy('p.id').limit(q.limit + 1).execute();
      const page = found.slice(0, q.limit);
      const last = page.at(-1);
      return { prompts: page.map(prompt), next: found.length > q.limit && last ? `${last.created_at}|${last.id}` : null };
    },
    async insert(p: { id: string; circleId: string | null; text: string; status: PromptStatus; authorId: string }): Promise<void> {
      const at = now().toISOString();
      await db
        .insertInto('prompts')
        .values({ id: p.id, circle_id: p.circleId, scope: scopeOf(p.circleId), text: p.text, status: p.status, author_id: p.authorId, decided_by: null, thread_id: null, created_at: at, updated_at: at })
        .execute();
    },
    async update(promptId: string, patch: { text?: string; status?: PromptStatus; decidedBy?: string }): Promise<void> {
      await db
        .updateTable('prompts')
        .set({ ...(patch.text !== undefined ? { text: patch.text } : {}), ...(patch.status ? { status: patch.status } : {}), ...(patch.decidedBy ? { decided_by: patch.decidedBy } : {}), updated_at: now().toISOString() })
        .where('id', '=', promptId)
        .execute();
    },
    /** Suggestions by this writer in this library still waiting for a decision. */
    async waiting(authorId: string, circleId: string | null): Promise<number> {
      const row = await db
        .selectFrom('prompts')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('author_id', '=', authorId)
        .where('scope', '=', scopeOf(circleId))
        .where('status', '=', 'suggested')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    /** The library's prompts in use, for the daily pick (ids and ages only). */
    async active(circleId: string | null): Promise<LibraryPrompt[]> {
      const found = await db.selectFrom('prompts').select(['id', 'created_at']).where('scope', '=', scopeOf(circleId)).where('status', '=', 'active').execute();
      return found.map((r) => ({ id: r.id, createdAt: r.created_at }));
    },
    /** The prompt picked for a day, if one was. */
    async picked(circleId: string | null, day: string): Promise<string | undefined> {
      const row = await db.selectFrom('prompt_days').select('prompt_id').where('scope', '=', scopeOf(circleId)).where('day', '=', day).executeTakeFirst();
      return row?.prompt_id;
    },
    /** The prompts picked before `day`, oldest first (the rule's history). */
    async history(circleId: string | null, day: string): Promise<string[]> {
      const found = await db
        .selectFrom('prompt_days')
        .select(['prompt_id', 'day'])
        .where('scope', '=', scopeOf(circleId))
        .where('day', '<', day)
        .orderBy('day', 'desc')
        .limit(PROMPT_LIMITS.historyDays)
        .execute();
      return found.reverse().map((r) => r.prompt_id);
    },
    /** Records a day's pick; a pick another request (or node) stored first wins. Answers the day's prompt id. */
    async pick(circleId: string | null, day: string, promptId: string): Promise<string> {
      await db
        .insertInto('prompt_days')
        .values({ scope: scopeOf(circleId), day, prompt_id: promptId })
        .onConflict((oc) => oc.columns(['scope', 'day']).doNothing())
        .execute();
      return (await repo.picked(circleId, day))!;
    },
    /** Sets the prompt's thread unless it has one already; answers the thread it has. */
    async setThread(promptId: string, threadId: string): Promise<string> {
      await db.updateTable('prompts').set({ thread_id: threadId }).where('id', '=', promptId).where('thread_id', 'is', null).execute();
      const row = await db.selectFrom('prompts').select('thread_id').where('id', '=', promptId).executeTakeFirstOrThrow();
      return row.thread_id!;
    },
    async circleTimeZone(circleId: string): Promise<string | null> {
      const row = await db.selectFrom('circles').select('time_zone').where('id', '=', circleId).executeTakeFirst();
      return row?.time_zone ?? null;
    },
  };
  return repo;
}
export type PromptsRepo = ReturnType<typeof createPromptsRepo>;

import type { Database } from 'better-sqlite3';
import type { LocalPrompt, PromptLink } from '../../../shared/api/prompts';
import type { SyncState } from '../../../shared/api/studio-api';
import type { Prompt, PromptStatus } from '../../../shared/protocol/prompts-events';
import { scopeOf } from '../../../shared/rules/prompts';

interface PromptRow {
  id: string;
  circle_id: string | null;
  text: string;
  status: PromptStatus;
  author_id: string;
  author_name: string;
  thread_id: string | null;
  created_at: string;
  updated_at: string;
  sync_state: SyncState;
  sync_error: string | null;
}
interface LinkRow {
  document_id: string;
  prompt_id: string;
  circle_id: string | null;
  text: string;
  day: string | null;
  thread_id: string | null;
  linked_at: string;
}

const prompt = (r: PromptRow): LocalPrompt => ({
  id: r.id,
  circleId: r.circle_id,
  text: r.text,
  status: r.status,
  authorId: r.author_id,
  authorName: r.author_name,
  threadId: r.thread_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  syncState: r.sync_state,
  syncError: r.sync_error,
});
const link = (r: LinkRow): PromptLink => ({ documentId: r.document_id, promptId: r.prompt_id, circleId: r.circle_id, text: r.text, day: r.day, threadId: r.thread_id, linkedAt: r.linked_at });

/** This studio's copy of prompts (one account's rows, `owner`, at a time) and the documents written to them. */
export function createPromptsStore(db: Database) {
  const q = {
    put: db.prepare(`INSERT INTO prompts (owner, id, circle_id, scope, text, status, author_id, author_name, thread_id, created_at, updated_at, sync_state, sync_error)
      VALUES (@owner, @id, @circle_id, @scope, @text, @status, @author_id, @author_name, @thread_id, @created_at, @updated_at, @sync_state, NULL)
      ON CONFLICT (owner, id) DO UPDATE SET text = excluded.text, status = excluded.status, author_name = excluded.author_name, thread_id = excluded.thread_id,
        updated_at = excluded.updated_at, sync_state = excluded.sync_state, sync_error = NULL`),
    get: db.prepare<[string, string]>('SELECT * FROM prompts WHERE owner = ? AND id = ?'),
    list: db.prepare<[string, string, string]>('SELECT * FROM prompts WHERE owner = ? AND scope = ? AND status = ? ORDER BY created_at, id'),
    mine: db.prepare<[string, string, string]>("SELECT * FROM prompts WHERE owner = ? AND scope = ? AND author_id = ? AND sync_state != 'synced' ORDER BY created_at, id"),
    forgetSynced: db.prepare<[string, string, string]>("DELETE FROM prompts WHERE owner = ? AND scope = ? AND status = ? AND sync_state = 'synced'"),
    forget: db.prepare<[string, string]>('DELETE FROM prompts WHERE owner = ? AND id = ?'),
    setState: db.prepare<[SyncState, string | null, string, string]>('UPDATE prompts SET sync_state = ?, sync_error = ? WHERE owner = ? AND id = ?'),
    putDay: db.prepare<[string, string, string, string]>('INSERT INTO prompt_days (owner, scope, day, prompt_id) VALUES (?, ?, ?, ?) ON CONFLICT (owner, scope, day) DO UPDATE SET prompt_id = excluded.prompt_id'),
    lastDay: db.prepare<[string, string]>('SELECT day, prompt_id FROM prompt_days WHERE owner = ? AND scope = ? ORDER BY day DESC LIMIT 1'),
    putLink: db.prepare('INSERT INTO document_prompts (document_id, prompt_id, circle_id, text, day, thread_id, linked_at) VALUES (@document_id, @prompt_id, @circle_id, @text, @day, @thread_id, @linked_at)'),
    link: db.prepare<[string]>('SELECT * FROM document_prompts WHERE document_id = ?'),
    setLinkThread: db.prepare<[string, string]>('UPDATE document_prompts SET thread_id = ? WHERE document_id = ?'),
  };
  const put = (owner: string, p: Prompt, state: SyncState) =>
    q.put.run({
      owner,
      id: p.id,
      circle_id: p.circleId,
      scope: scopeOf(p.circleId),
      text: p.text,
      status: p.status,
      author_id: p.authorId,
      author_name: p.authorName,
      thread_id: p.threadId,
      created_at: p.createdAt,
      updated_at: p.updatedAt,
      sync_state: state,
    });
  const get = (owner: string, id: string) => {
    const row = q.get.get(owner, id) as PromptRow | undefined;
    return row && prompt(row);
  };

  return {
    put,
    get,
    /** A library's prompts in one status as last read, with the writer's own suggestions not yet sent. */
    list(owner: string, circleId: string | null, status: PromptStatus): LocalPrompt[] {
      return (q.list.all(owner, scopeOf(circleId), status) as PromptRow[]).map(prompt);
    },
    waiting(owner: string, circleId: string | null): LocalPrompt[] {
      return (q.mine.all(owner, scopeOf(circleId), owner) as PromptRow[]).map(prompt);
    },
    /** The server's page replaces what was kept for that library and status (the writer's unsent suggestions stay). */
    replace(owner: string, circleId: string | null, status: PromptStatus, prompts: Prompt[]) {
      db.transaction(() => {
        q.forgetSynced.run(owner, scopeOf(circleId), status);
        for (const p of prompts) put(owner, p, 'synced');
      })();
    },
    forget: (owner: string, id: string) => void q.forget.run(owner, id),
    setState: (owner: string, id: string, state: SyncState, error: string | null) => void q.setState.run(state, error, owner, id),
    putDay: (owner: string, circleId: string | null, day: string, promptId: string) => void q.putDay.run(owner, scopeOf(circleId), day, promptId),
    /** The last day's prompt read for a library (offline, today's may not be known yet). */
    lastDay(owner: string, circleId: string | null): { day: string; prompt: LocalPrompt | null } | null {
      const row = q.lastDay.get(owner, scopeOf(circleId)) as { day: string; prompt_id: string } | undefined;
      return row ? { day: row.day, prompt: get(owner, row.prompt_id) ?? null } : null;
    },
    putLink: (l: PromptLink) =>
      void q.putLink.run({ document_id: l.documentId, prompt_id: l.promptId, circle_id: l.circleId, text: l.text, day: l.day, thread_id: l.threadId, linked_at: l.linkedAt }),
    link(documentId: string): PromptLink | null {
      const row = q.link.get(documentId) as LinkRow | undefined;
      return row ? link(row) : null;
    },
    setLinkThread: (documentId: string, threadId: string) => void q.setLinkThread.run(threadId, documentId),
  };
}
export type PromptsStore = ReturnType<typeof createPromptsStore>;

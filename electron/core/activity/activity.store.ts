import type { Database } from 'better-sqlite3';
import type { KudosCount } from '../../../shared/api/activity';
import type { KudosTargetKind } from '../../../shared/rules/kudos';

/** Kudos counts as last read from the server, and this account's own kudos as given here (sent or not yet). */
export function createActivityStore(db: Database) {
  const q = {
    get: db.prepare<[string, string, string], { count: number; mine: number }>('SELECT count, mine FROM activity_kudos WHERE owner = ? AND target_kind = ? AND target_id = ?'),
    put: db.prepare(
      `INSERT INTO activity_kudos (owner, target_kind, target_id, count, mine) VALUES (@owner, @kind, @targetId, @count, @mine)
       ON CONFLICT (owner, target_kind, target_id) DO UPDATE SET count = excluded.count, mine = excluded.mine`,
    ),
    // A post's kudos live with the studio's copy of the post (discussions' table): read there, and
    // kept there when given here, so the thread shows them offline too.
    post: db.prepare<[string, string], { count: number; mine: number }>('SELECT kudos AS count, kudos_mine AS mine FROM discussion_posts WHERE owner = ? AND id = ?'),
    putPost: db.prepare('UPDATE discussion_posts SET kudos = @count, kudos_mine = @mine WHERE owner = @owner AND id = @targetId'),
  };
  return {
    kudos(owner: string, kind: KudosTargetKind, targetId: string): KudosCount | null {
      const row = (kind === 'post' ? q.post.get(owner, targetId) : undefined) ?? q.get.get(owner, kind, targetId);
      return row ? { targetId, count: row.count, mine: row.mine === 1 } : null;
    },
    putKudos(owner: string, kind: KudosTargetKind, k: KudosCount) {
      const row = { owner, kind, targetId: k.targetId, count: Math.max(0, k.count), mine: k.mine ? 1 : 0 };
      q.put.run(row);
      if (kind === 'post') q.putPost.run(row);
    },
  };
}
export type ActivityStore = ReturnType<typeof createActivityStore>;

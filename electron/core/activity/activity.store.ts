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
  };
  return {
    kudos(owner: string, kind: KudosTargetKind, targetId: string): KudosCount | null {
      const row = q.get.get(owner, kind, targetId);
      return row ? { targetId, count: row.count, mine: row.mine === 1 } : null;
    },
    putKudos(owner: string, kind: KudosTargetKind, k: KudosCount) {
      q.put.run({ owner, kind, targetId: k.targetId, count: Math.max(0, k.count), mine: k.mine ? 1 : 0 });
    },
  };
}
export type ActivityStore = ReturnType<typeof createActivityStore>;

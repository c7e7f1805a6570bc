import type { Database } from 'better-sqlite3';
import { StudioError } from '../../../shared/api/result';
import type { OpKinds } from './op-kinds';
import type { Outbox } from './outbox';

/**
 * Discards what the community refused for one entity (a comment, a critique, a share...), at the
 * writer's request: the refused operations leave the outbox and each kind undoes its local
 * effect, so the studio agrees with the server again. Nothing else is ever dropped: an operation
 * that is only waiting cannot be discarded, and nothing is discarded without being asked.
 * Answers the kind of the entity's first refused operation (for settling what is left).
 */
export function discardRefused(db: Database, outbox: Outbox, kinds: OpKinds, owner: string, entityId: string): string {
  const refused = outbox.failedFor(owner, entityId);
  if (refused.length === 0) throw new StudioError('conflict', 'Only something the community refused can be discarded.');
  db.transaction(() => {
    // Newest first, as undoing goes: two refused versions put back what was there before the first.
    for (const row of [...refused].reverse()) {
      outbox.drop(row.op_id);
      const kind = kinds.get(row.kind);
      const alsoGone = kind.discard?.(JSON.parse(row.payload) as never, row.undo ? JSON.parse(row.undo) : {}) ?? [];
      // What depended on something that never reached the server cannot reach it either.
      for (const id of alsoGone) outbox.dropEntity(owner, id);
    }
    const { state, error } = outbox.stateOf(owner, entityId);
    kinds.get(refused[0]!.kind).settle?.(entityId, state, error);
  })();
  return refused[0]!.kind;
}

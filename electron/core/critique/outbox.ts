import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { SyncEnvelope, SyncOp } from '../../../shared/protocol/critique-schemas';
import type { Clock } from '../clock';

export interface OutboxRow {
  seq: number;
  op_id: string;
  kind: string;
  entity_id: string;
  payload: string;
  state: 'pending' | 'failed';
  error: string | null;
  /** JSON of what the operation replaced locally (see discard.ts); null when there is nothing to put back. */
  undo: string | null;
}

/**
 * The transactional outbox (DESIGN.md: Offline first). `enqueue` is called inside the same
 * transaction that writes the thing itself, so either both are kept or neither; a row
 * leaves only when the server has acknowledged it.
 */
export function createOutbox(db: Database, clock: Clock) {
  const insert = db.prepare('INSERT INTO outbox (op_id, kind, entity_id, payload, created_at, undo) VALUES (?, ?, ?, ?, ?, ?)');
  const pending = db.prepare<[number], OutboxRow>("SELECT * FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?");
  const remove = db.prepare('DELETE FROM outbox WHERE op_id = ?');
  const markFailed = db.prepare("UPDATE outbox SET state = 'failed', error = ? WHERE op_id = ?");
  const countPending = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM outbox WHERE state = 'pending'");
  const failed = db.prepare<[], OutboxRow>("SELECT * FROM outbox WHERE state = 'failed' ORDER BY seq");
  const forEntity = db.prepare<[string], { state: string; error: string | null }>('SELECT state, error FROM outbox WHERE entity_id = ? ORDER BY seq');
  const retry = db.prepare("UPDATE outbox SET state = 'pending', error = NULL WHERE state = 'failed'");
  const failedForEntity = db.prepare<[string], OutboxRow>("SELECT * FROM outbox WHERE entity_id = ? AND state = 'failed' ORDER BY seq");
  const removeEntity = db.prepare('DELETE FROM outbox WHERE entity_id = ?');

  return {
    enqueue(entityId: string, op: SyncOp, undo?: object): string {
      if (!db.inTransaction) throw new Error('outbox.enqueue must run inside the transaction that writes the change');
      const opId = randomUUID();
      insert.run(opId, op.kind, entityId, JSON.stringify(op), clock().toISOString(), undo ? JSON.stringify(undo) : null);
      return opId;
    },
    /** The next operations in order, at most `maxOps` and about `maxBytes` (always at least one). */
    nextBatch(maxOps: number, maxBytes: number): { rows: OutboxRow[]; envelopes: SyncEnvelope[] } {
      const rows: OutboxRow[] = [];
      let bytes = 0;
      for (const row of pending.all(maxOps)) {
        if (rows.length > 0 && bytes + row.payload.length > maxBytes) break;
        rows.push(row);
        bytes += row.payload.length;
      }
      return { rows, envelopes: rows.map((r) => ({ opId: r.op_id, op: JSON.parse(r.payload) as SyncOp })) };
    },
    acknowledged: (opId: string) => remove.run(opId),
    refused: (opId: string, message: string) => markFailed.run(message, opId),
    pendingCount: () => countPending.get()!.n,
    failed: () => failed.all(),
    retryFailed: () => retry.run(),
    failedFor: (entityId: string) => failedForEntity.all(entityId),
    /** Only when the writer discards what was refused (see discard.ts). */
    drop: (opId: string) => remove.run(opId),
    dropEntity: (entityId: string) => removeEntity.run(entityId),
    /** How an entity stands: failed (with why) if any of its operations was refused, pending while any waits. */
    stateOf(entityId: string): { state: 'pending' | 'synced' | 'failed'; error: string | null } {
      const rows = forEntity.all(entityId);
      const refused = rows.find((r) => r.state === 'failed');
      if (refused) return { state: 'failed', error: refused.error };
      return { state: rows.length > 0 ? 'pending' : 'synced', error: null };
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;

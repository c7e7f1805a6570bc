import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Clock } from '../clock';
import type { OpKinds } from './op-kinds';

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
  /** The account (id made by its server) this operation belongs to: only that account's session sends it. */
  owner: string;
  attempts: number;
  /** Not to be tried before this time (ms since epoch): the backoff after a failure of the moment. */
  next_at: number;
  /** JSON array of entity ids it needs on the server first. */
  depends_on: string;
}

/** What the sync engine looks at to choose a batch: never the payload, which may be a 1.2 MB draft. */
export type OutboxHead = Pick<OutboxRow, 'seq' | 'op_id' | 'kind' | 'entity_id' | 'attempts' | 'next_at' | 'depends_on'> & { bytes: number };

/**
 * The transactional outbox (DESIGN.md: Offline first). `enqueue` is called inside the same
 * transaction that writes the thing itself, so either both are kept or neither; a row
 * leaves only when the server has acknowledged it (or the writer discards a refusal).
 */
export function createOutbox(db: Database, clock: Clock, kinds: OpKinds) {
  const q = {
    insert: db.prepare(
      'INSERT INTO outbox (op_id, kind, entity_id, payload, created_at, undo, owner, depends_on) VALUES (@opId, @kind, @entityId, @payload, @createdAt, @undo, @owner, @dependsOn)',
    ),
    supersede: db.prepare("DELETE FROM outbox WHERE owner = ? AND kind = ? AND entity_id = ? AND state = 'pending'"),
    heads: db.prepare<[string], OutboxHead>(
      "SELECT seq, op_id, kind, entity_id, attempts, next_at, depends_on, length(payload) AS bytes FROM outbox WHERE owner = ? AND state = 'pending' ORDER BY seq",
    ),
    payload: db.prepare<[string], { payload: string }>('SELECT payload FROM outbox WHERE op_id = ?'),
    row: db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE op_id = ?'),
    remove: db.prepare('DELETE FROM outbox WHERE op_id = ?'),
    markFailed: db.prepare("UPDATE outbox SET state = 'failed', error = ? WHERE op_id = ?"),
    defer: db.prepare('UPDATE outbox SET attempts = ?, next_at = ?, error = ? WHERE op_id = ?'),
    countPending: db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM outbox WHERE owner = ? AND state = 'pending'"),
    failed: db.prepare<[string], OutboxRow>("SELECT * FROM outbox WHERE owner = ? AND state = 'failed' ORDER BY seq"),
    others: db.prepare<[string], { owner: string; pending: number; failed: number }>(
      "SELECT owner, sum(state = 'pending') AS pending, sum(state = 'failed') AS failed FROM outbox WHERE owner != ? GROUP BY owner",
    ),
    forEntity: db.prepare<[string, string], { state: string; error: string | null }>('SELECT state, error FROM outbox WHERE owner = ? AND entity_id = ? ORDER BY seq'),
    failedForEntity: db.prepare<[string, string], OutboxRow>("SELECT * FROM outbox WHERE owner = ? AND entity_id = ? AND state = 'failed' ORDER BY seq"),
    retry: db.prepare("UPDATE outbox SET state = 'pending', error = NULL, attempts = 0, next_at = 0, payload = @payload WHERE op_id = @opId"),
    removeEntity: db.prepare('DELETE FROM outbox WHERE owner = ? AND entity_id = ?'),
    earliest: db.prepare<[string], { at: number | null }>("SELECT min(next_at) AS at FROM outbox WHERE owner = ? AND state = 'pending'"),
  };

  return {
    /** Queues `op` for `owner`; must run inside the transaction that writes the change itself. */
    enqueue<P extends { kind: string }>(owner: string, entityId: string, op: P, undo?: object): string {
      if (!db.inTransaction) throw new Error('outbox.enqueue must run inside the transaction that writes the change');
      const kind = kinds.get(op.kind);
      if (kind.coalesce) q.supersede.run(owner, op.kind, entityId);
      const opId = randomUUID();
      q.insert.run({
        opId,
        kind: op.kind,
        entityId,
        payload: JSON.stringify(op),
        createdAt: clock().toISOString(),
        undo: undo ? JSON.stringify(undo) : null,
        owner,
        dependsOn: JSON.stringify(kind.dependsOn(op as never)),
      });
      return opId;
    },
    /** Every waiting operation of `owner`, in order, without payloads. */
    heads: (owner: string) => q.heads.all(owner),
    payload: (opId: string) => JSON.parse(q.payload.get(opId)!.payload) as { kind: string },
    row: (opId: string) => q.row.get(opId),
    acknowledged: (opId: string) => q.remove.run(opId),
    refused: (opId: string, message: string) => q.markFailed.run(message, opId),
    /**
     * A failure of the moment: tried again after `nextAt`. `reason`: why it waits, when the
     * server said "not yet" in words the writer should read (a posting limit); shown beside it.
     */
    deferred: (opId: string, attempts: number, nextAt: number, reason: string | null = null) => q.defer.run(attempts, nextAt, reason, opId),
    /** When the next waiting operation of `owner` may be tried (ms since epoch), or null if none waits. */
    earliest: (owner: string) => q.earliest.get(owner)?.at ?? null,
    pendingCount: (owner: string) => q.countPending.get(owner)!.n,
    failed: (owner: string) => q.failed.all(owner),
    /** What waits for accounts other than `owner` (signed out, or on another server). */
    others: (owner: string) => q.others.all(owner),
    /** Sends the refused operations again, each through its kind's `beforeRetry`. */
    retryFailed(owner: string): OutboxRow[] {
      const rows = q.failed.all(owner);
      for (const row of rows) {
        const kind = kinds.get(row.kind);
        const payload = kind.beforeRetry ? JSON.stringify(kind.beforeRetry(JSON.parse(row.payload) as never)) : row.payload;
        q.retry.run({ opId: row.op_id, payload });
      }
      return rows;
    },
    failedFor: (owner: string, entityId: string) => q.failedForEntity.all(owner, entityId),
    /** Only when the writer discards what was refused (see discard.ts). */
    drop: (opId: string) => q.remove.run(opId),
    dropEntity: (owner: string, entityId: string) => q.removeEntity.run(owner, entityId),
    /**
     * How an entity stands: failed (with why) if any of its operations was refused; pending while
     * any waits, with why it waits if the server said so; else synced.
     */
    stateOf(owner: string, entityId: string): { state: 'pending' | 'synced' | 'failed'; error: string | null } {
      const rows = q.forEntity.all(owner, entityId);
      const refused = rows.find((r) => r.state === 'failed');
      if (refused) return { state: 'failed', error: refused.error };
      if (rows.length === 0) return { state: 'synced', error: null };
      return { state: 'pending', error: rows.find((r) => r.error)?.error ?? null };
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;

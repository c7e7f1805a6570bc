import type { Database } from 'better-sqlite3';
import type { ApiError } from '../../../shared/api/result';
import type { OutboxStatus } from '../../../shared/api/studio-api';
import type { CommunityClient } from '../community/community-client';
import { serially } from '../../../shared/async/serially';
import { backoffDelay, DEFAULT_BACKOFF, MAX_ATTEMPTS, type BackoffTiming } from './backoff';
import type { OpKinds } from './op-kinds';
import type { Outbox, OutboxHead } from './outbox';
import type { SyncAccounts } from './sync-accounts';

/** Operations per push and about how many bytes: big enough to flush 10,000 in seconds, small enough for one frame. */
export const BATCH_OPS = 500;
const BATCH_BYTES = 700_000;
/** Operations sent by their own request (running totals) per round. */
const REQUESTS_PER_ROUND = 20;
/** Refusals that are about the moment, not the operation: tried again later, up to MAX_ATTEMPTS times. */
const TRANSIENT = new Set(['unavailable', 'rate_limited', 'internal', 'database_locked']);
/** The least time between two outbox reports to the renderer. */
const REPORT_MS = 100;

export interface SyncEngineOptions {
  db: Database;
  outbox: Outbox;
  kinds: OpKinds;
  accounts: SyncAccounts;
  community: CommunityClient;
  onOutbox: (status: OutboxStatus) => void;
  /** After each acknowledged batch and each pulled page, once its changes are written. */
  onBatchDone: () => void;
  now?: () => number;
  random?: () => number;
  /** How long failures wait (tests shorten it). */
  backoff?: BackoffTiming;
}

/**
 * Sends the signed-in account's outbox in order and pulls its feed by cursor. Every step is safe
 * to repeat: a push whose acknowledgement was lost is sent again and answered from the server's
 * memory of operation ids; a feed item seen twice is written twice to the same row.
 *
 * Nothing stalls the outbox: an operation that fails for a reason of the moment waits with
 * exponential backoff and jitter and, after MAX_ATTEMPTS, is marked failed (Retry and Discard
 * then apply); only the operations on the same entity or depending on it wait behind it. A batch
 * the server refuses as a whole is split until the one operation it refuses is found.
 */
export function createSyncEngine(options: SyncEngineOptions) {
  const { db, outbox, kinds, accounts, community } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const timing = options.backoff ?? DEFAULT_BACKOFF;
  const delay = (attempt: number) => backoffDelay(attempt, random, timing);
  let sending: OutboxStatus['sending'] = null;
  /** A pull asked for while sending waits until the outbox is through: sending comes first. */
  let pullAfterFlush = false;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let wakeAt: number | null = null;
  /** Halved while the server refuses whole batches or does not answer them; doubles back after each good one. */
  let batchLimit = BATCH_OPS;
  /** Whole requests that went unanswered in a row (a request-level backoff, beside each operation's own). */
  let requestFailures = 0;
  const meta = {
    get: db.prepare<[string], { value: string }>('SELECT value FROM sync_meta WHERE key = ?'),
    set: db.prepare('INSERT INTO sync_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
  };

  const viewer = () => community.account?.id ?? accounts.current()?.id ?? '';
  /**
   * What waits for other accounts: it changes only when the writer changes (their rows are never
   * sent meanwhile) or something is discarded or retried, so it is counted then, not on every report.
   */
  let others: { viewer: string; list: OutboxStatus['others'] } | null = null;
  const othersOf = (me: string) => {
    if (others?.viewer !== me) others = { viewer: me, list: outbox.others(me).map((o) => ({ ...accounts.describe(o.owner), pending: o.pending, failed: o.failed })) };
    return others.list;
  };
  const status = (): OutboxStatus => {
    const me = viewer();
    return {
      pending: outbox.pendingCount(me),
      failed: outbox.failed(me).map((r) => ({ opId: r.op_id, kind: r.kind, entityId: r.entity_id, error: r.error ?? '' })),
      sending,
      retryAt: wakeAt,
      others: othersOf(me),
    };
  };
  // The status bar is told at most every REPORT_MS (first at once, then the latest): a writer
  // queueing many actions, or a flush of thousands, should not count the outbox each time.
  let reportTimer: NodeJS.Timeout | null = null;
  let reportedAt = 0;
  const reportNow = () => {
    reportTimer = null;
    reportedAt = now();
    if (!closed && db.open) options.onOutbox(status());
  };
  const report = () => {
    if (closed || reportTimer) return;
    const wait = reportedAt + REPORT_MS - now();
    if (wait <= 0) reportNow();
    else {
      reportTimer = setTimeout(reportNow, wait);
      reportTimer.unref?.();
    }
  };
  const cursorKey = (account: string) => `cursor:${account}`;
  const ready = () => !closed && community.status.state === 'online' && community.account !== null;

  const wake = (at: number | null) => {
    if (timer) clearTimeout(timer);
    timer = null;
    wakeAt = at;
    if (at === null || closed) return;
    timer = setTimeout(() => {
      timer = null;
      wakeAt = null;
      void engine.flush();
    }, Math.max(50, at - now()));
    timer.unref?.();
  };

  const settleEntity = (owner: string, kind: string, entityId: string) => {
    const { state, error } = outbox.stateOf(owner, entityId);
    kinds.get(kind).settle?.(entityId, state, error);
  };
  /** A failure of the moment: tried again after a backoff, or marked failed once it has failed too often. */
  const defer = (head: OutboxHead, error: ApiError) => {
    const attempts = head.attempts + 1;
    // Posting too fast is never a failure: wait at least as long as the server says, however often,
    // and keep its words (a posting limit, suggestions waiting for a curator) to show beside the item.
    if (error.code === 'rate_limited') return outbox.deferred(head.op_id, Math.min(attempts, MAX_ATTEMPTS - 1), now() + Math.max(delay(attempts), error.retryAfterMs ?? 0), error.message);
    if (attempts >= MAX_ATTEMPTS) outbox.refused(head.op_id, `${error.message} (tried ${attempts} times; Retry to try again)`);
    else outbox.deferred(head.op_id, attempts, now() + delay(attempts));
  };
  const refuse = (head: OutboxHead, error: ApiError) => {
    if (kinds.get(head.kind).dropWhenRefused) outbox.acknowledged(head.op_id);
    else outbox.refused(head.op_id, error.message);
  };

  /** The next operations that may go now, in order; an entity whose operation waits keeps the rest of its operations waiting. */
  const choose = (owner: string) => {
    const t = now();
    const blocked = new Set<string>();
    const push: OutboxHead[] = [];
    const requests: OutboxHead[] = [];
    let bytes = 0;
    let earliest: number | null = null;
    for (const head of outbox.heads(owner)) {
      const waiting = head.next_at > t;
      if (waiting) earliest = Math.min(earliest ?? Infinity, head.next_at);
      const deps = JSON.parse(head.depends_on) as string[];
      if (waiting || blocked.has(head.entity_id) || deps.some((d) => blocked.has(d))) {
        blocked.add(head.entity_id);
        continue;
      }
      if (kinds.get(head.kind).send === 'push') {
        if (push.length >= batchLimit || (push.length > 0 && bytes + head.bytes > BATCH_BYTES)) {
          blocked.add(head.entity_id); // it goes in a later batch, and so does whatever follows it on that entity
          continue;
        }
        push.push(head);
        bytes += head.bytes;
      } else if (requests.length < REQUESTS_PER_ROUND) requests.push(head);
      else blocked.add(head.entity_id);
    }
    return { push, requests, earliest };
  };

  /** Sends one batch; answers whether to go on with the next one now. */
  const sendPush = async (owner: string, heads: OutboxHead[]): Promise<boolean> => {
    const envelopes = heads.map((h) => ({ opId: h.op_id, op: outbox.payload(h.op_id) }));
    const answer = await community.request('sync:push', { ops: envelopes } as never);
    if (closed) return false; // the studio closed while the answer was on its way; it is sent again next time
    if (!answer.ok) {
      if (answer.error.code === 'invalid_input') {
        // The server refused the batch as a whole: one operation in it is malformed. Find it by halves.
        if (heads.length === 1) {
          db.transaction(() => {
            refuse(heads[0]!, answer.error);
            settleEntity(owner, heads[0]!.kind, heads[0]!.entity_id);
          })();
          options.onBatchDone();
        } else batchLimit = Math.ceil(heads.length / 2);
        return true;
      }
      if (community.status.state !== 'online') return false; // offline again: sent after reconnecting, nothing counted
      // Connected but unanswered (a timeout, the server busy): every operation in it waits its backoff, and smaller
      // batches follow, so an operation that kills whole requests ends up alone and is marked failed.
      db.transaction(() => heads.forEach((h) => defer(h, answer.error)))();
      batchLimit = Math.max(1, Math.ceil(heads.length / 2));
      requestFailures += 1;
      return false;
    }
    requestFailures = 0;
    db.transaction(() => {
      const results = answer.data.results;
      heads.forEach((head, i) => {
        const result = results[i];
        if (!result || result.opId !== head.op_id) defer(head, { code: 'unavailable', message: 'The server did not answer for this operation.' });
        else if (result.ok) {
          outbox.acknowledged(head.op_id);
          kinds.get(head.kind).acknowledged?.(envelopes[i]!.op as never, undefined);
        } else if (TRANSIENT.has(result.error.code)) defer(head, result.error);
        else refuse(head, result.error);
        settleEntity(owner, head.kind, head.entity_id);
      });
    })();
    batchLimit = Math.min(BATCH_OPS, batchLimit * 2);
    options.onBatchDone();
    return true;
  };

  /** Sends an operation that goes by its own request (a running total). */
  const sendRequest = async (owner: string, head: OutboxHead): Promise<boolean> => {
    const kind = kinds.get(head.kind);
    const payload = outbox.payload(head.op_id);
    const answer = await (kind.send as (p: unknown) => ReturnType<CommunityClient['request']>)(payload);
    if (closed || !db.open) return false;
    if (!answer.ok && answer.error.code === 'unavailable' && community.status.state !== 'online') return false;
    // A newer total may have replaced this one meanwhile: then only the newer one counts.
    if (!outbox.row(head.op_id)) return true;
    db.transaction(() => {
      if (answer.ok) {
        outbox.acknowledged(head.op_id);
        kind.acknowledged?.(payload as never, answer.data);
      } else if (TRANSIENT.has(answer.error.code)) defer(head, answer.error);
      else refuse(head, answer.error);
      settleEntity(owner, head.kind, head.entity_id);
    })();
    return true;
  };

  const flushOnce = async () => {
    if (!ready()) return;
    const owner = community.account!.id;
    const total = outbox.pendingCount(owner);
    let done = 0;
    let next: number | null = null;
    while (ready() && community.account?.id === owner) {
      const { push, requests, earliest } = choose(owner);
      next = earliest;
      if (push.length === 0 && requests.length === 0) break;
      sending = { done, total: Math.max(total, done + push.length + requests.length) };
      report();
      let goOn = true;
      if (push.length > 0) goOn = await sendPush(owner, push);
      for (const head of requests) if (goOn) goOn = await sendRequest(owner, head);
      done += push.length + requests.length;
      if (!goOn) {
        if (requestFailures > 0) next = now() + delay(requestFailures);
        else next = ready() ? outbox.earliest(owner) : null;
        break;
      }
    }
    sending = null;
    if (!closed && db.open) {
      wake(ready() ? next : null);
      report();
    }
  };

  const pullOnce = async () => {
    for (let page = 0; page < 10_000 && ready(); page++) {
      const me = community.account!.id;
      const key = cursorKey(me);
      const after = Number(meta.get.get(key)?.value ?? 0);
      const answer = await community.request('sync:pull', { after, limit: 500 });
      if (closed || community.account?.id !== me) return;
      if (!answer.ok) {
        if (ready()) wake(now() + delay(1));
        return;
      }
      if (answer.data.items.length === 0 && answer.data.cursor === after) return;
      db.transaction(() => {
        for (const item of answer.data.items) kinds.feedHandler(item.kind)?.(item, me);
        meta.set.run(key, String(answer.data.cursor));
      })();
      options.onBatchDone();
      if (!answer.data.more) return;
    }
  };

  const engine = {
    status,
    /** Sends what waits and may go now; resolves when nothing more can go or the connection is gone. */
    flush: serially(flushOnce, ready, () => {
      if (!pullAfterFlush) return;
      pullAfterFlush = false;
      void engine.pull();
    }),
    /** Pulls the feed from the stored cursor until it is drained. */
    pull: serially(pullOnce, ready),
    /** Everything: what waits here goes out, then what is new there comes in. */
    async sync() {
      await engine.flush();
      await engine.pull();
    },
    report,
    /** Something of another account's may have changed (a discard, a retry): counted again at the next report. */
    recount() {
      others = null;
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      if (reportTimer) clearTimeout(reportTimer);
    },
  };
  community.onSignedIn(() => {
    others = null;
    requestFailures = 0;
    batchLimit = BATCH_OPS;
    void engine.sync();
  });
  community.onServer('feed:changed', ({ seq }) => {
    const me = community.account?.id;
    if (!me || seq <= Number(meta.get.get(cursorKey(me))?.value ?? 0)) return;
    if (engine.flush.running) pullAfterFlush = true;
    else void engine.pull();
  });
  return engine;
}
export type SyncEngine = ReturnType<typeof createSyncEngine>;

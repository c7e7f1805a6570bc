import type { Database } from 'better-sqlite3';
import type { OutboxStatus } from '../../../shared/api/studio-api';
import type { FeedItem } from '../../../shared/protocol/community-events';
import { mapPlainText, parseLexicalState } from '../../../shared/schemas/lexical';
import { countWords } from '../../../shared/text/word-count';
import type { CommunityClient } from '../community/community-client';
import type { CritiqueStore } from './critique.store';
import type { Outbox } from './outbox';

/** Operations per push and about how many bytes: big enough to flush 10,000 in seconds, small enough for one frame. */
const BATCH_OPS = 500;
const BATCH_BYTES = 700_000;
/** Refusals that are about this moment, not the operation: it stays pending and is sent again. */
const TRANSIENT = new Set(['unavailable', 'rate_limited', 'internal', 'database_locked']);
const RETRY_MS = 5000;

const TABLE_OF: Record<string, 'shares' | 'comments' | 'critiques' | null> = {
  'share.publish': 'shares',
  'share.revoke': 'shares',
  'comment.add': 'comments',
  'critique.submit': 'critiques',
  'flag.set': null, // its entity is a comment or a critique: both tables are tried
};

/** Writes where an entity stands (pending, synced, refused with why) from its outbox rows, on the row of its table. */
export function settle(store: CritiqueStore, outbox: Outbox, entityId: string, kind: string): void {
  const { state, error } = outbox.stateOf(entityId);
  const table = TABLE_OF[kind];
  for (const t of table ? [table] : (['comments', 'critiques'] as const)) store.setState(t, entityId, state, error);
}

export interface SyncEngineOptions {
  db: Database;
  store: CritiqueStore;
  outbox: Outbox;
  community: CommunityClient;
  onOutbox: (status: OutboxStatus) => void;
  onChanged: () => void;
  /** Told of each clock value received, so this studio's clock never runs behind what it has seen. */
  observeHlc: (hlc: string) => void;
}

/**
 * One run at a time: a call while it runs makes it run once more afterwards (something new
 * arrived meanwhile), and every caller gets the promise of the run in progress.
 */
function serially(work: () => Promise<void>, stillUseful: () => boolean, after?: () => void) {
  let running: Promise<void> | null = null;
  let again = false;
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await work();
        } while (again && stillUseful());
      } finally {
        running = null;
        after?.();
      }
    })();
    return running;
  };
  return Object.defineProperty(run, 'running', { get: () => running !== null }) as typeof run & { readonly running: boolean };
}

/**
 * Sends the outbox in order and pulls the feed by cursor. Every step is safe to repeat: a
 * push whose acknowledgement was lost is sent again and answered from the server's memory
 * of operation ids; a feed item seen twice is written twice to the same row.
 */
export function createSyncEngine(options: SyncEngineOptions) {
  const { db, store, outbox, community } = options;
  let sending: OutboxStatus['sending'] = null;
  /** A pull asked for while sending waits until the outbox is through: sending comes first. */
  let pullAfterFlush = false;
  let closed = false;
  let retryTimer: NodeJS.Timeout | null = null;

  const status = (): OutboxStatus => ({
    pending: outbox.pendingCount(),
    failed: outbox.failed().map((r) => ({ opId: r.op_id, kind: r.kind, entityId: r.entity_id, error: r.error ?? '' })),
    sending,
  });
  const report = () => {
    if (!closed) options.onOutbox(status());
  };
  const cursorKey = () => (community.account ? `cursor:${community.url}|${community.account.id}` : null);
  const ready = () => !closed && community.status.state === 'online' && community.account !== null;

  const scheduleRetry = () => {
    if (retryTimer || closed) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void engine.flush();
    }, RETRY_MS);
    retryTimer.unref?.();
  };

  const flushOnce = async () => {
    if (!ready()) return;
    const total = outbox.pendingCount();
    let done = 0;
    while (ready()) {
      const { rows, envelopes } = outbox.nextBatch(BATCH_OPS, BATCH_BYTES);
      if (rows.length === 0) break;
      sending = { done, total: Math.max(total, done + rows.length) };
      report();
      const answer = await community.request('sync:push', { ops: envelopes });
      if (closed) return; // the studio closed while the answer was on its way; it is sent again next time
      if (!answer.ok) {
        scheduleRetry(); // offline again, or a timeout: everything stays pending
        break;
      }
      let transient = false;
      db.transaction(() => {
        for (const [i, result] of answer.data.results.entries()) {
          const row = rows[i];
          if (!row || row.op_id !== result.opId) break; // answers are in order; anything else is not ours
          if (result.ok) outbox.acknowledged(row.op_id);
          else if (TRANSIENT.has(result.error.code)) {
            transient = true;
            break;
          } else outbox.refused(row.op_id, result.error.message);
          settle(store, outbox, row.entity_id, row.kind);
        }
      })();
      done += answer.data.results.length;
      options.onChanged();
      if (transient || answer.data.results.length < rows.length) {
        scheduleRetry();
        break;
      }
    }
    sending = null;
    report();
  };

  const applyItem = (item: FeedItem, me: string) => {
    switch (item.kind) {
      case 'share': {
        const mine = item.share.authorId === me;
        store.putShare(item.share, mine ? 'author' : 'reader', [], mine ? outbox.stateOf(item.share.id).state : 'synced');
        return;
      }
      case 'version': {
        const v = item.version;
        if (!store.shareRow(v.shareId)) return;
        // Another person's draft: validated here again before any editor sees it.
        let plain = '';
        let invalid: string | null = null;
        try {
          plain = mapPlainText(parseLexicalState(v.content)).text;
        } catch (error) {
          invalid = error instanceof Error ? error.message : 'The draft is not valid editor content.';
        }
        store.putVersion({
          id: v.id,
          share_id: v.shareId,
          number: v.number,
          content: invalid ? null : v.content,
          invalid_reason: invalid,
          plain_text: plain,
          word_count: invalid ? 0 : countWords(plain),
          created_at: v.createdAt,
        });
        return;
      }
      case 'comment':
        for (const hlc of [item.comment.resolvedHlc, item.comment.helpfulHlc]) if (hlc) options.observeHlc(hlc);
        store.putComment(item.comment, outbox.stateOf(item.comment.id).state);
        return;
      case 'critique':
        if (item.critique.helpfulHlc) options.observeHlc(item.critique.helpfulHlc);
        store.putCritique(item.critique, outbox.stateOf(item.critique.id).state);
        return;
      case 'credit':
        store.putCredit(item.entry);
        return;
    }
  };

  const pullOnce = async () => {
    for (let page = 0; page < 10_000 && ready(); page++) {
      const key = cursorKey();
      const me = community.account?.id;
      if (!key || !me) return;
      const after = Number(store.meta.get(key) ?? 0);
      const answer = await community.request('sync:pull', { after, limit: 500 });
      if (closed) return;
      if (!answer.ok) return scheduleRetry();
      if (answer.data.items.length === 0 && answer.data.cursor === after) return;
      db.transaction(() => {
        for (const item of answer.data.items) applyItem(item, me);
        store.meta.set(key, String(answer.data.cursor));
      })();
      options.onChanged();
      if (!answer.data.more) return;
    }
  };

  const engine = {
    status,
    /** Sends what waits; resolves when the outbox is empty or the connection is gone. */
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
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
    },
  };
  community.onSignedIn(() => void engine.sync());
  community.onServer('feed:changed', ({ seq }) => {
    const key = cursorKey();
    if (!key || seq <= Number(store.meta.get(key) ?? 0)) return;
    if (engine.flush.running) pullAfterFlush = true;
    else void engine.pull();
  });
  return engine;
}
export type SyncEngine = ReturnType<typeof createSyncEngine>;

import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { StudioError } from '../../../shared/api/result';
import type { OutboxStatus } from '../../../shared/api/studio-api';
import { createHlc } from '../../../shared/sync/hlc';
import type { Clock } from '../clock';
import type { CommunityClient } from '../community/community-client';
import type { BackoffTiming } from './backoff';
import { discardRefused } from './discard';
import { createOpKinds } from './op-kinds';
import { createOutbox } from './outbox';
import { createSyncAccounts, type Owner } from './sync-accounts';
import { createSyncEngine } from './sync-engine';

export interface SyncOptions {
  db: Database;
  clock: Clock;
  community: CommunityClient;
  onOutbox: (status: OutboxStatus) => void;
  /** The backoff's timing and randomness, for tests. */
  backoff?: BackoffTiming;
  random?: () => number;
}

/**
 * The one outbox and change feed every community feature plugs into (DESIGN.md: Offline first):
 * a feature registers its operation kinds and feed handlers on `kinds`, writes its rows and
 * `outbox.enqueue(owner, ...)` in one transaction, and calls `changed()`. Everything belongs to
 * the account writing (`requireOwner`); only that account's rows go out, under its session.
 */
export function createSync(options: SyncOptions) {
  const { db, clock, community } = options;
  const kinds = createOpKinds();
  const outbox = createOutbox(db, clock, kinds);
  const accounts = createSyncAccounts(db, clock);
  const batchListeners = new Set<() => void>();
  const engine = createSyncEngine({
    db,
    outbox,
    kinds,
    accounts,
    community,
    onOutbox: options.onOutbox,
    onBatchDone: () => batchListeners.forEach((listener) => listener()),
    // Backoff is about real time passing, whatever the core's clock says (tests freeze theirs).
    random: options.random,
    backoff: options.backoff,
  });
  // Remembered before the engine's own sign-in listener runs, so the account is known when it sends.
  community.onSignedIn(() => {
    if (community.account && community.url) accounts.signedIn(community.account, community.url);
  });

  const deviceRow = db.prepare<[], { value: string }>("SELECT value FROM sync_meta WHERE key = 'device'");
  const device = deviceRow.get()?.value ?? (db.prepare("INSERT INTO sync_meta (key, value) VALUES ('device', ?)").run(randomUUID().slice(0, 8)), deviceRow.get()!.value);
  /** Last-writer-wins stamps on the server-corrected clock: a machine set a year ahead does not win every flag. */
  const hlc = createHlc(device, () => Math.round(clock().getTime() + community.offsetMs));

  const sync = {
    kinds,
    outbox,
    accounts,
    engine,
    hlc,
    /** Who is writing (signed in, or signed in last), or null before any sign-in. */
    owner: (): Owner | null => (community.account ? { id: community.account.id, displayName: community.account.displayName } : accounts.current()),
    requireOwner(): Owner {
      const who = sync.owner();
      if (!who) throw new StudioError('forbidden', 'Sign in to a community server once to share drafts and comment; after that it works offline too.');
      return who;
    },
    /** Called by a feature after it queued something: the status bar counts it, and it goes if it can. */
    changed() {
      engine.report();
      void engine.flush();
    },
    /** Told after each batch sent or page pulled, once its changes are written; answers the disposer. */
    onBatchDone(listener: () => void): () => void {
      batchListeners.add(listener);
      return () => batchListeners.delete(listener);
    },
    handlers: {
      'sync.outbox': (): OutboxStatus => engine.status(),
      'sync.discard': ({ entityId }: { entityId: string }): OutboxStatus => {
        discardRefused(db, outbox, kinds, sync.requireOwner().id, entityId);
        engine.recount();
        batchListeners.forEach((listener) => listener());
        sync.changed();
        return engine.status();
      },
      'sync.retryFailed': (): OutboxStatus => {
        const owner = sync.requireOwner().id;
        db.transaction(() => {
          for (const row of outbox.retryFailed(owner)) {
            const { state, error } = outbox.stateOf(owner, row.entity_id);
            kinds.get(row.kind).settle?.(row.entity_id, state, error);
          }
        })();
        engine.recount();
        batchListeners.forEach((listener) => listener());
        sync.changed();
        return engine.status();
      },
    },
    close: () => engine.close(),
  };
  return sync;
}
export type Sync = ReturnType<typeof createSync>;

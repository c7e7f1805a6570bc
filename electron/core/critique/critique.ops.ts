import type { SyncState } from '../../../shared/api/studio-api';
import type { CritiqueRecord } from '../../../shared/protocol/community-events';
import type { SyncOp } from '../../../shared/protocol/critique-schemas';
import type { OpKinds } from '../sync/op-kinds';
import type { CritiqueStore, ShareSettings } from './critique.store';

type Op<K extends SyncOp['kind']> = Extract<SyncOp, { kind: K }>;

/** What an operation replaced locally (written with it by critique.service.ts), for Discard. */
export interface CritiqueUndo {
  share?: ShareSettings;
  flag?: { value: boolean; hlc: string | null };
  /** A revised critique: the one the server already had. */
  critique?: CritiqueRecord;
}

export interface CritiqueOpsOptions {
  store: CritiqueStore;
  /** A fresh stamp for a flag tried again (the old one may be the reason it was refused). */
  stamp: () => string;
  /** Told which share an entity's change belongs to, so views refresh only what changed. */
  touched: (shareId: string | null) => void;
}

/**
 * Critique's operation kinds in the one outbox: how each waits on others, where its state shows,
 * and what Discard undoes. They all go to the server in `sync:push` batches.
 */
export function registerCritiqueOps(kinds: OpKinds, { store, stamp, touched }: CritiqueOpsOptions): () => void {
  const shareOfComment = (id: string) => store.comment(id)?.shareId ?? null;
  const shareOfItem = (id: string) => shareOfComment(id) ?? store.critique(id)?.shareId ?? null;
  const settleIn = (table: 'shares' | 'comments' | 'critiques', shareOf: (id: string) => string | null) => (id: string, state: SyncState, error: string | null) => {
    store.setState(table, id, state, error);
    touched(shareOf(id));
  };
  const disposers = [
    kinds.register<Op<'share.publish'>>({
      kind: 'share.publish',
      send: 'push',
      dependsOn: () => [],
      settle: settleIn('shares', (id) => id),
      discard(op, undo: CritiqueUndo) {
        // A share whose only version was refused never existed on the server; an older one gets its settings back.
        if (store.forgetVersion(op.shareId, op.versionId)) return [op.shareId];
        if (undo.share) store.restoreShareSettings(op.shareId, undo.share);
        return [];
      },
    }),
    kinds.register<Op<'share.revoke'>>({
      kind: 'share.revoke',
      send: 'push',
      dependsOn: () => [],
      settle: settleIn('shares', (id) => id),
      discard(op) {
        store.unrevoke(op.shareId);
        return [];
      },
    }),
    kinds.register<Op<'comment.add'>>({
      kind: 'comment.add',
      send: 'push',
      dependsOn: (op) => [op.shareId, ...(op.parentId ? [op.parentId] : [])],
      settle: settleIn('comments', shareOfComment),
      // Replies to a comment the server never took cannot be taken either: they go with it.
      discard: (op) => store.forgetComment(op.commentId),
    }),
    kinds.register<Op<'critique.submit'>>({
      kind: 'critique.submit',
      send: 'push',
      dependsOn: (op) => [op.shareId],
      settle: settleIn('critiques', (id) => store.critique(id)?.shareId ?? null),
      discard(op, undo: CritiqueUndo) {
        // A refused revision puts back the critique the server already has; a refused first one goes.
        if (undo.critique) store.putCritique(undo.critique, 'synced');
        else store.forgetCritique(op.critiqueId);
        return [];
      },
    }),
    kinds.register<Op<'flag.set'>>({
      kind: 'flag.set',
      send: 'push',
      dependsOn: (op) => [op.id],
      // Its entity is a comment or a critique.
      settle: (id, state, error) => {
        store.setState(store.comment(id) ? 'comments' : 'critiques', id, state, error);
        touched(shareOfItem(id));
      },
      discard(op, undo: CritiqueUndo) {
        // Back to what it was; without a record of that, the opposite, stamped so that the server's value wins.
        if (undo.flag) store.setFlag(op.target, op.id, op.flag, undo.flag.value, undo.flag.hlc);
        else store.setFlag(op.target, op.id, op.flag, !op.value, null);
        return [];
      },
      beforeRetry: (op) => {
        const hlc = stamp();
        store.setFlag(op.target, op.id, op.flag, op.value, hlc);
        return { ...op, hlc };
      },
    }),
  ];
  return () => disposers.forEach((dispose) => dispose());
}

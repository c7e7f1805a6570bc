import type { Database } from 'better-sqlite3';
import { StudioError } from '../../../shared/api/result';
import type { SyncOp } from '../../../shared/protocol/critique-schemas';
import type { CritiqueStore, ShareSettings } from './critique.store';
import type { Outbox } from './outbox';
import { settle } from './sync-engine';

/** What an operation replaced locally (written with it by critique.service.ts). */
interface Undo {
  share?: ShareSettings;
  flag?: { value: boolean; hlc: string | null };
}

/**
 * Discards what the community refused for one item (a comment, critique or share), at the
 * writer's request: the refused operations leave the outbox and their local effect is undone,
 * so the studio agrees with the server again. Nothing else is ever dropped: an operation that
 * is only waiting cannot be discarded, and nothing is discarded without being asked.
 */
export function discardRefused(db: Database, store: CritiqueStore, outbox: Outbox, entityId: string): void {
  const refused = outbox.failedFor(entityId);
  if (refused.length === 0) throw new StudioError('conflict', 'Only something the community refused can be discarded.');
  db.transaction(() => {
    // Newest first, as undoing goes: two refused versions put back what was there before the first.
    for (const row of [...refused].reverse()) {
      outbox.drop(row.op_id);
      const op = JSON.parse(row.payload) as SyncOp;
      const undo = (row.undo ? JSON.parse(row.undo) : {}) as Undo;
      switch (op.kind) {
        case 'comment.add':
          // Replies to a comment the server never took cannot be taken either.
          for (const id of store.forgetComment(op.commentId)) outbox.dropEntity(id);
          break;
        case 'critique.submit':
          store.forgetCritique(op.critiqueId);
          break;
        case 'share.publish':
          // A share whose only version was refused never existed on the server; an older one gets its settings back.
          if (store.forgetVersion(op.shareId, op.versionId)) outbox.dropEntity(op.shareId);
          else if (undo.share) store.restoreShareSettings(op.shareId, undo.share);
          break;
        case 'share.revoke':
          store.unrevoke(op.shareId);
          break;
        case 'flag.set':
          // Back to what it was; without a record of that, the opposite, stamped so that the server's value wins.
          if (undo.flag) store.setFlag(op.target, op.id, op.flag, undo.flag.value, undo.flag.hlc);
          else store.setFlag(op.target, op.id, op.flag, !op.value, null);
          break;
      }
    }
    // What is left of the item stands as its remaining operations say.
    settle(store, outbox, entityId, refused[0]!.kind);
  })();
}

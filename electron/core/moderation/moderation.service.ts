import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { StudioError, type Result } from '../../../shared/api/result';
import type { ModerationChange, ModerationStudioOutputs } from '../../../shared/api/moderation';
import type { ReportReason } from '../../../shared/protocol/moderation-events';
import type { ReportTargetKind } from '../../../shared/rules/moderation';
import type { StudioParsedInput } from '../../../shared/schemas/studio';
import type { CommunityClient } from '../community/community-client';
import type { Sync } from '../sync/sync';

type Method = keyof ModerationStudioOutputs;
type Handlers = { [M in Method]: (input: StudioParsedInput<M>) => Promise<ModerationStudioOutputs[M]> | ModerationStudioOutputs[M] };

interface ReportOp {
  kind: 'moderation.report';
  reportId: string;
  /** Absent in reports queued before any kind but posts could be reported. */
  targetKind?: ReportTargetKind;
  targetId?: string;
  /** Reports queued before then named the post here. */
  postId?: string;
  reason: ReportReason;
  note: string;
}

interface MuteOp {
  kind: 'moderation.mute';
  threadId: string;
  muted: boolean;
}
/** A thread's mute, as the outbox knows it (one entity per thread, apart from the thread itself). */
const muteEntity = (threadId: string) => `mute:${threadId}`;

export interface ModerationDeps {
  db: Database;
  community: Pick<CommunityClient, 'request' | 'onServer'>;
  sync: Pick<Sync, 'kinds' | 'outbox' | 'owner' | 'requireOwner' | 'changed'>;
  onChanged(change: ModerationChange): void;
  /** A writer was blocked: their threads, posts, comments and critiques leave this studio's copy too (discussions and critique are told). */
  onBlocked(shareIds: string[]): void;
  /** A thread was muted or unmuted here (or a mute discarded): discussions show it again. */
  onMuted?(threadId: string): void;
}

const orThrow = <T>(result: Result<T>): T => {
  if (!result.ok) throw new StudioError(result.error.code, result.error.message);
  return result.data;
};
const targetOf = (op: ReportOp) => op.targetId ?? op.postId!;

/**
 * Moderation in the studio. A report (of a post, comment, critique, share or profile) is queued
 * in the one outbox (written offline, sent when the studio is back); the queues, decisions, the
 * log, sanctions and blocks are asked of the server. A block also takes the blocked writer's
 * posts out of this studio's copy of discussions.
 */
export function createModeration({ db, community, sync, onChanged, onBlocked, onMuted }: ModerationDeps) {
  const dispose = sync.kinds.register<ReportOp>({
    kind: 'moderation.report',
    send: (op) => community.request('moderation:report', { reportId: op.reportId, targetKind: op.targetKind ?? 'post', targetId: targetOf(op), reason: op.reason, note: op.note }),
    dependsOn: (op) => [targetOf(op)],
  });
  // A mute is kept on this studio's copy of the thread (so it shows offline and after a restart)
  // and reaches the server through the outbox; the thread must be there first.
  const mutes = {
    get: db.prepare<[string, string], { muted: number }>('SELECT muted FROM discussion_threads WHERE owner = ? AND id = ?'),
    set: db.prepare<[number, string, string]>('UPDATE discussion_threads SET muted = ? WHERE owner = ? AND id = ?'),
  };
  const disposeMute = sync.kinds.register<MuteOp>({
    kind: 'moderation.mute',
    send: (op) => community.request('moderation:mute', { threadId: op.threadId, muted: op.muted }),
    dependsOn: (op) => [op.threadId],
    discard(op, undo) {
      const owner = sync.owner()?.id;
      const before = (undo as { muted?: boolean } | null)?.muted;
      if (owner && before !== undefined) mutes.set.run(before ? 1 : 0, owner, op.threadId);
      onMuted?.(op.threadId);
      return [];
    },
  });
  community.onServer('moderation:reported', ({ circleId }) => onChanged({ at: Date.now(), kind: 'reported', circleId }));
  community.onServer('moderation:outcome', (outcome) => onChanged({ at: Date.now(), kind: 'outcome', ...outcome }));
  community.onServer('moderation:sanctioned', (sanction) => onChanged({ at: Date.now(), kind: 'sanctioned', sanction }));
  const forget = {
    posts: db.prepare<[string, string]>('DELETE FROM discussion_posts WHERE owner = ? AND author_id = ?'),
    threads: db.prepare<[string, string]>('DELETE FROM discussion_threads WHERE owner = ? AND author_id = ?'),
    // Their comments on the writer's shares go, with the replies under them (threads are one level deep).
    comments: db.prepare<[string, string, string, string]>('DELETE FROM comments WHERE owner = ? AND (author_id = ? OR parent_id IN (SELECT id FROM comments WHERE owner = ? AND author_id = ?))'),
    critiques: db.prepare<[string, string]>('DELETE FROM critiques WHERE owner = ? AND author_id = ?'),
    shares: db.prepare<[string, string, string, string], { share_id: string }>(
      'SELECT share_id FROM comments WHERE owner = ? AND author_id = ? UNION SELECT share_id FROM critiques WHERE owner = ? AND author_id = ?',
    ),
  };

  const handlers: Handlers = {
    'moderation.report': ({ targetKind, targetId, reason, note }) => {
      const who = sync.requireOwner();
      const reportId = randomUUID();
      db.transaction(() => sync.outbox.enqueue(who.id, reportId, { kind: 'moderation.report', reportId, targetKind, targetId, reason, note } satisfies ReportOp))();
      sync.changed();
      return { id: reportId, targetKind, targetId, reason, note };
    },
    'moderation.queue': async (input) => orThrow(await community.request('moderation:queue', input)),
    'moderation.decide': async (input) => orThrow(await community.request('moderation:decide', input)),
    'moderation.log': async (input) => orThrow(await community.request('moderation:log', input)),
    'moderation.block': async (input) => {
      const blocks = orThrow(await community.request('moderation:block', input));
      let shareIds: string[] = [];
      if (input.blocked) {
        const owner = sync.requireOwner().id;
        db.transaction(() => {
          shareIds = forget.shares.all(owner, input.userId, owner, input.userId).map((r) => r.share_id);
          forget.posts.run(owner, input.userId);
          forget.threads.run(owner, input.userId);
          forget.comments.run(owner, input.userId, owner, input.userId);
          forget.critiques.run(owner, input.userId);
        })();
      }
      onBlocked(shareIds);
      return blocks;
    },
    'moderation.blocks': async () => orThrow(await community.request('moderation:blocks', {})),
    'moderation.sanction': async (input) => orThrow(await community.request('moderation:sanction', input)),
    'moderation.sanctions': async () => orThrow(await community.request('moderation:sanctions', {})),
    'moderation.setSiteModerator': async (input) => orThrow(await community.request('moderation:setSiteModerator', input)),
    'moderation.mute': ({ threadId, muted }) => {
      const who = sync.requireOwner();
      const before = mutes.get.get(who.id, threadId);
      if (!before) throw new StudioError('not_found', 'Open the thread first: it has not been read on this computer.');
      db.transaction(() => {
        mutes.set.run(muted ? 1 : 0, who.id, threadId);
        sync.outbox.enqueue(who.id, muteEntity(threadId), { kind: 'moderation.mute', threadId, muted } satisfies MuteOp, { muted: before.muted === 1 });
      })();
      sync.changed();
      onMuted?.(threadId);
      return { threadId, muted };
    },
  };
  return {
    handlers,
    close: () => {
      dispose();
      disposeMute();
    },
  };
}

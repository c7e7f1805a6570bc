import type { DiscussionPost, ThreadView } from '../../../shared/protocol/discussions-events';
import type { CommunityClient } from '../community/community-client';
import type { OpKinds } from '../sync/op-kinds';
import type { DiscussionsStore } from './discussions.store';

export interface StartOp {
  kind: 'discussion.start';
  threadId: string;
  postId: string;
  circleId: string;
  categoryId: string | null;
  title: string;
  body: string;
}
export interface ReplyOp {
  kind: 'discussion.reply';
  postId: string;
  threadId: string;
  body: string;
}

export interface DiscussionsOpsOptions {
  store: DiscussionsStore;
  community: Pick<CommunityClient, 'request'>;
  /** Whose rows these are (the outbox sends only the signed-in account's). */
  owner: () => string | null;
  touched: (circleId: string | null, threadId: string) => void;
}

/**
 * Discussions' operation kinds in the one outbox. Each goes by its own request (the server
 * answers a resend with what it answered before, as ids are made here); a reply waits for its
 * thread. Discarding a refused thread drops the replies written to it here.
 */
export function registerDiscussionsOps(kinds: OpKinds, { store, community, owner, touched }: DiscussionsOpsOptions): () => void {
  const circleOf = (threadId: string) => {
    const me = owner();
    return me ? (store.thread(me, threadId)?.circleId ?? null) : null;
  };
  const disposers = [
    kinds.register<StartOp>({
      kind: 'discussion.start',
      send: ({ kind: _, ...input }) => community.request('discussion:start', input),
      dependsOn: () => [],
      settle(threadId, state, error) {
        const me = owner();
        if (!me) return;
        store.setThreadState(me, threadId, state, error);
        touched(circleOf(threadId), threadId);
      },
      acknowledged(op, data) {
        const me = owner();
        const view = data as ThreadView;
        if (me && view?.thread) store.putView(me, view.thread, view.posts);
        touched(op.circleId, op.threadId);
      },
      discard(op) {
        const me = owner();
        const dropped = me ? store.forgetThread(me, op.threadId) : [];
        touched(op.circleId, op.threadId);
        return dropped;
      },
    }),
    kinds.register<ReplyOp>({
      kind: 'discussion.reply',
      send: ({ kind: _, ...input }) => community.request('discussion:reply', input),
      dependsOn: (op) => [op.threadId],
      settle(postId, state, error) {
        const me = owner();
        if (!me) return;
        store.setPostState(me, postId, state, error);
        const threadId = store.post(me, postId)?.threadId;
        if (threadId) touched(circleOf(threadId), threadId);
      },
      acknowledged(op, data) {
        const me = owner();
        if (me && data) store.putPost(me, data as DiscussionPost, 'synced');
        touched(circleOf(op.threadId), op.threadId);
      },
      discard(op) {
        const me = owner();
        if (me) store.forgetPost(me, op.postId);
        touched(circleOf(op.threadId), op.threadId);
        return [];
      },
    }),
  ];
  return () => disposers.forEach((dispose) => dispose());
}

import type { Prompt } from '../../../shared/protocol/prompts-events';
import type { CommunityClient } from '../community/community-client';
import type { OpKinds } from '../sync/op-kinds';
import type { PromptsStore } from './prompts.store';

export interface SuggestOp {
  kind: 'prompt.suggest';
  promptId: string;
  circleId: string | null;
  text: string;
}

export interface PromptsOpsOptions {
  store: PromptsStore;
  community: Pick<CommunityClient, 'request'>;
  /** Whose rows these are (the outbox sends only the signed-in account's). */
  owner: () => string | null;
  touched: (circleId: string | null) => void;
}

/**
 * Prompts' operation kind in the one outbox: a suggestion, sent by its own request (the server
 * answers a resend with what it answered before, as the id is made here). Discarding a refused
 * suggestion drops it from this studio's copy.
 */
export function registerPromptsOps(kinds: OpKinds, { store, community, owner, touched }: PromptsOpsOptions): () => void {
  return kinds.register<SuggestOp>({
    kind: 'prompt.suggest',
    send: ({ kind: _, ...input }) => community.request('prompt:suggest', input),
    dependsOn: () => [],
    settle(promptId, state, error) {
      const me = owner();
      if (!me) return;
      store.setState(me, promptId, state, error);
      touched(store.get(me, promptId)?.circleId ?? null);
    },
    acknowledged(op, data) {
      const me = owner();
      if (me && data) store.put(me, data as Prompt, 'synced');
      touched(op.circleId);
    },
    discard(op) {
      const me = owner();
      if (me) store.forget(me, op.promptId);
      touched(op.circleId);
      return [];
    },
  });
}

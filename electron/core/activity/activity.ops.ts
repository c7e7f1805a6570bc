import type { KudosCount } from '../../../shared/api/activity';
import type { KudosTargetKind } from '../../../shared/rules/kudos';
import type { CommunityClient } from '../community/community-client';
import type { OpKinds } from '../sync/op-kinds';
import type { ActivityStore } from './activity.store';

export interface KudosOp {
  kind: 'activity.kudos';
  targetKind: KudosTargetKind;
  targetId: string;
  given: boolean;
}

export interface ActivityOpsOptions {
  store: ActivityStore;
  community: Pick<CommunityClient, 'request'>;
  owner: () => string | null;
  touched: (targetId: string) => void;
}

/**
 * Kudos in the one outbox. Each is its own request (giving twice is giving once on the server);
 * a newer click on the same target replaces one still waiting. Discarding a refused one puts
 * back the count and the button as they were before it.
 */
export function registerActivityOps(kinds: OpKinds, { store, community, owner, touched }: ActivityOpsOptions): () => void {
  return kinds.register<KudosOp>({
    kind: 'activity.kudos',
    send: ({ targetKind, targetId, given }) => community.request('activity:kudos', { targetKind, targetId, given }),
    dependsOn: () => [],
    coalesce: true,
    settle: (targetId) => touched(targetId),
    acknowledged(op, data) {
      const me = owner();
      if (me && data) store.putKudos(me, op.targetKind, data as KudosCount);
      touched(op.targetId);
    },
    discard(op, undo) {
      const me = owner();
      if (me && undo) store.putKudos(me, op.targetKind, undo as KudosCount);
      touched(op.targetId);
      return [];
    },
  });
}

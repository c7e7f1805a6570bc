import type { CommunityClient } from '../community/community-client';
import type { OpKinds } from '../sync/op-kinds';

/** One local day's running totals for one challenge: a newer one replaces one still waiting. */
export interface ProgressOp {
  kind: 'challenge.progress';
  challengeId: string;
  day: string;
  words: number;
  minutes: number;
}
/** Consent withdrawn: the server removes the writer's totals. */
export interface WithdrawOp {
  kind: 'challenge.withdraw';
  challengeId: string;
}

/** The outbox entity of a day's total: one per challenge per day, so a day's totals coalesce. */
export const dayEntity = (challengeId: string, day: string) => `${challengeId}:${day}`;

/**
 * Challenges' operation kinds in the one outbox. A day's total is a running total (a resend
 * never double counts), so a newer one replaces the one waiting, and one the server will not
 * take (a day outside the challenge, consent withdrawn) leaves the writer nothing to do.
 */
export function registerChallengesOps(kinds: OpKinds, { community, touched }: { community: Pick<CommunityClient, 'request'>; touched: (challengeId: string) => void }): () => void {
  const disposers = [
    kinds.register<ProgressOp>({
      kind: 'challenge.progress',
      send: ({ kind: _, ...input }) => community.request('challenge:progress', input),
      dependsOn: () => [],
      coalesce: true,
      dropWhenRefused: true,
      acknowledged: (op) => touched(op.challengeId),
    }),
    kinds.register<WithdrawOp>({
      kind: 'challenge.withdraw',
      send: ({ challengeId }) => community.request('challenge:withdraw', { challengeId }),
      dependsOn: () => [],
      coalesce: true,
      dropWhenRefused: true,
      acknowledged: (op) => touched(op.challengeId),
    }),
  ];
  return () => disposers.forEach((dispose) => dispose());
}

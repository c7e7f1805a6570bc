/**
 * Kudos: a small "well done" from one writer to another. What can be given kudos, and who may
 * give them, applied by the server (which refuses), the studio (which queues them in the outbox)
 * and the panels (which show a button only where it would be taken).
 */
import { refuse, type Refusal } from './rule-error';

/** What kudos can be given to: a discussion post, a critique one received, a sprint result, a challenge milestone. */
export const kudosTargetKinds = ['post', 'critique', 'sprint_result', 'challenge_milestone'] as const;
export type KudosTargetKind = (typeof kudosTargetKinds)[number];

/** How the thing given kudos stands towards the giver. */
export interface KudosTargetFacts {
  kind: KudosTargetKind;
  /** Whose it is: the writer who would receive the kudos. */
  ownerId: string;
  /** Whether the giver may see it at all (a member of its circle; for a critique, the share's author). */
  visible: boolean;
  /** For a critique: the author of the draft it is about (only they say thanks for it). */
  shareAuthorId?: string;
}

/**
 * Null when `giverId` may give (or take back) kudos on the target. Something the giver may not
 * see is answered exactly as something that is not there.
 */
export function kudosRefusal(giverId: string, target: KudosTargetFacts | null): Refusal {
  if (!target || !target.visible) return refuse('forbidden', 'That is not there (any more).');
  if (target.ownerId === giverId) return refuse('conflict', 'Kudos are for other writers.');
  if (target.kind === 'critique' && target.shareAuthorId !== giverId) return refuse('forbidden', 'That is not there (any more).');
  return null;
}

/** The words on a kudos button: what it says, and what a screen reader hears. */
export const kudosLabel = (count: number, mine: boolean) => ({
  text: count > 0 ? `👏 ${count}` : '👏',
  label: mine ? `Take back your kudos (${count} in all)` : `Give kudos (${count} so far)`,
});

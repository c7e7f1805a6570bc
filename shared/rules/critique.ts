import { refuse, type Refusal } from './rule-error';

/**
 * Who may do what with a shared draft, written once for the server (which enforces it) and
 * the studio (which offers only what will be accepted). Plain data in, a refusal or null out.
 */

/** A person's standing in a circle: undefined for strangers (and former members). */
export type CircleStanding = 'owner' | 'moderator' | 'member' | 'banned' | undefined;

export interface ShareFacts {
  authorId: string;
  /** Empty: the whole circle may read it. */
  readerIds: readonly string[];
  revoked: boolean;
}

/**
 * One answer for everything a writer may not see: a share that does not exist, one that was
 * revoked, one they are not a reader of, one of a circle they left or were banned from.
 * The same words every time, so guessing ids teaches nothing.
 */
export const unseen = (what: 'draft' | 'version' | 'comment' | 'critique') => refuse('not_found', `That ${what} does not exist or is not shared with you.`);

/** Whether the writer may read the share now: its author, or a current member it is shared with. */
export function mayReadShare(share: ShareFacts, userId: string, standing: CircleStanding): boolean {
  if (share.authorId === userId) return true;
  if (share.revoked || !standing || standing === 'banned') return false;
  return share.readerIds.length === 0 || share.readerIds.includes(userId);
}

/** Commenting and replying: anyone who may read the share. */
export function commentRefusal(share: ShareFacts | undefined, userId: string, standing: CircleStanding): Refusal {
  return share && mayReadShare(share, userId, standing) ? null : unseen('draft');
}

/** An overall critique: a reader of the share, not of their own draft. */
export function critiqueRefusal(share: ShareFacts | undefined, userId: string, standing: CircleStanding): Refusal {
  const unreadable = commentRefusal(share, userId, standing);
  if (unreadable) return unreadable;
  return share!.authorId === userId ? refuse('forbidden', 'You cannot critique your own draft.') : null;
}

/**
 * The one answer for publishing where the writer may not: a circle not theirs, a share id or
 * a version id that is someone else's. Never "taken": that would say the id exists.
 */
export const notYoursToShare = () => refuse('forbidden', 'You can only share with a circle you belong to.');

/** Publishing (or updating) a share: a member of the circle, its readers members too, and the share theirs. */
export function publishRefusal(input: { standing: CircleStanding; readersAreMembers: boolean; existing?: ShareFacts & { circleId: string }; circleId: string; userId: string }): Refusal {
  if (!input.standing || input.standing === 'banned') return notYoursToShare();
  if (!input.readersAreMembers) return refuse('forbidden', 'Readers must be members of the circle.');
  const existing = input.existing;
  if (existing && existing.authorId !== input.userId) return notYoursToShare();
  if (existing?.revoked) return refuse('forbidden', 'This share was revoked; share the draft again instead.');
  if (existing && existing.circleId !== input.circleId) return refuse('invalid_input', 'A share stays in the circle it was made in.');
  return null;
}

/** Resolving a thread: its first comment, by the share's author or the commenter. */
export function resolveRefusal(input: { target: 'comment' | 'critique'; isReply: boolean; shareAuthorId: string; targetAuthorId: string; userId: string }): Refusal {
  if (input.target !== 'comment' || input.isReply) return refuse('invalid_input', 'Only a comment thread can be resolved.');
  if (input.shareAuthorId !== input.userId && input.targetAuthorId !== input.userId) return refuse('forbidden', 'Only the author or the commenter can resolve a thread.');
  return null;
}

/** Marking a comment or critique helpful: the share's author, never on their own words. */
export function helpfulRefusal(input: { shareAuthorId: string; targetAuthorId: string; userId: string }): Refusal {
  if (input.shareAuthorId !== input.userId) return refuse('forbidden', 'Only the author marks a critique helpful.');
  if (input.targetAuthorId === input.userId) return refuse('forbidden', 'You cannot mark your own comment helpful.');
  return null;
}

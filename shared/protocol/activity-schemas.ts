import { z } from 'zod';
import { kudosTargetKinds } from '../rules/kudos';

/** Kudos, follows, the activity feed of the writers and circles one follows, and the notices one receives. */
const Uuid = z.uuid();
export const ActivityCursor = z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z\|[0-9a-f-]{36}$/, 'That is not an activity cursor.');
export const KudosTargetKind = z.enum(kudosTargetKinds);
/** Every kind of notice; the first three were all there were before mentions and report outcomes became notices. */
export const noticeKinds = ['kudos', 'follow', 'milestone', 'mention', 'report'] as const;
export const FIRST_NOTICE_KINDS = ['kudos', 'follow', 'milestone'] as const;

export const activityInputs = {
  /**
   * Kudos on a discussion post, a critique one received, a sprint result or a challenge milestone
   * (the last two by their feed item's id); never one's own. Giving twice is giving once.
   */
  'activity:kudos': z.object({ targetKind: KudosTargetKind, targetId: Uuid, given: z.boolean() }).strict(),
  /** How many kudos each of these has, and whether the writer gave one. */
  'activity:kudosOf': z.object({ targetKind: KudosTargetKind, targetIds: z.array(Uuid).min(1).max(100) }).strict(),
  /** A finished sprint's results as feed items (to give kudos on), with their kudos. */
  'activity:sprintResults': z.object({ sprintId: Uuid }).strict(),
  'activity:follow': z.object({ kind: z.enum(['writer', 'circle']), id: Uuid, following: z.boolean() }).strict(),
  'activity:follows': z.object({}).strict(),
  /** Newest first, resuming before `before` (keyset). */
  'activity:feed': z.object({ before: ActivityCursor.optional(), limit: z.number().int().min(1).max(100).default(30) }).strict(),
  /**
   * What happened to the writer after their cursor (kudos received, new followers, milestones of
   * writers they follow, mentions, outcomes of their reports), oldest first. `kinds`: those the
   * studio knows how to show; a studio that does not say gets the first three only (older studios
   * would show a mention as kudos), and the others wait after its cursor until it knows them.
   */
  'activity:notices': z
    .object({ after: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(200).default(100), kinds: z.array(z.enum(noticeKinds)).min(1).max(noticeKinds.length).optional() })
    .strict(),
} as const;

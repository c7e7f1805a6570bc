import { z } from 'zod';

/** Kudos, follows and the activity feed of the writers and circles one follows. */
const Uuid = z.uuid();
export const ActivityCursor = z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z\|[0-9a-f-]{36}$/, 'That is not an activity cursor.');

export const activityInputs = {
  /** Kudos on a discussion post (not one's own); giving twice is giving once. */
  'activity:kudos': z.object({ targetKind: z.literal('post'), targetId: Uuid, given: z.boolean() }).strict(),
  'activity:follow': z.object({ kind: z.enum(['writer', 'circle']), id: Uuid, following: z.boolean() }).strict(),
  'activity:follows': z.object({}).strict(),
  /** Newest first, resuming before `before` (keyset). */
  'activity:feed': z.object({ before: ActivityCursor.optional(), limit: z.number().int().min(1).max(100).default(30) }).strict(),
} as const;

import { z } from 'zod';

/** Reporting posts, the moderator queue and its audit log, and blocking writers. */
export const reportReasons = ['spam', 'harassment', 'off-topic', 'spoilers', 'other'] as const;
const Uuid = z.uuid();
const Reason = z.string().trim().min(1, 'Say why, for the log.').max(500);

export const moderationInputs = {
  /** The id is made by the reporter's studio: sending it again is answered as before. */
  'moderation:report': z.object({ reportId: Uuid, targetKind: z.literal('post'), targetId: Uuid, reason: z.enum(reportReasons), note: z.string().trim().max(1000).default('') }).strict(),
  'moderation:queue': z.object({ circleId: Uuid }).strict(),
  /** Hide the reported post, or dismiss the report; the reason goes in the audit log and to the reporter. */
  'moderation:decide': z.object({ reportId: Uuid, action: z.enum(['hide', 'dismiss']), reason: Reason }).strict(),
  'moderation:log': z.object({ circleId: Uuid }).strict(),
  'moderation:block': z.object({ userId: Uuid, blocked: z.boolean() }).strict(),
  'moderation:blocks': z.object({}).strict(),
} as const;

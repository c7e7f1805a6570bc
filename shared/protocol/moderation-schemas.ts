import { z } from 'zod';
import { moderationActions, reportTargetKinds, SUSPEND_DAYS } from '../rules/moderation';

/** Reporting anything, the moderators' queues and audit log, sanctions, blocking writers, muting threads. */
export const reportReasons = ['spam', 'harassment', 'off-topic', 'spoilers', 'other'] as const;
const Uuid = z.uuid();
const Reason = z.string().trim().min(1, 'Say why, for the log.').max(500);
/** A circle's queue or log; none: the site's (site moderators and admins). */
const Scope = z.object({ circleId: Uuid.optional() }).strict();

export const moderationInputs = {
  /** The id is made by the reporter's studio: sending it again is answered as before. */
  'moderation:report': z.object({ reportId: Uuid, targetKind: z.enum(reportTargetKinds), targetId: Uuid, reason: z.enum(reportReasons), note: z.string().trim().max(1000).default('') }).strict(),
  'moderation:queue': Scope,
  /**
   * Decide a report: hide what was reported, dismiss the report, or warn, suspend (for `days`)
   * or ban its writer. `site` puts a suspension or ban on the whole server (site staff only);
   * else it is the report's circle's. The reason goes in the audit log and to the reporter.
   */
  'moderation:decide': z
    .object({ reportId: Uuid, action: z.enum(moderationActions), reason: Reason, days: z.number().int().min(SUSPEND_DAYS.min).max(SUSPEND_DAYS.max).optional(), site: z.boolean().optional() })
    .strict()
    .refine((d) => d.action !== 'suspend' || d.days !== undefined, { message: 'Say for how many days.', path: ['days'] }),
  'moderation:log': Scope,
  'moderation:block': z.object({ userId: Uuid, blocked: z.boolean() }).strict(),
  'moderation:blocks': z.object({}).strict(),
  /** Warn, suspend or ban a writer without a report: in a circle, or (circleId left out) on the whole site. */
  'moderation:sanction': z
    .object({ userId: Uuid, circleId: Uuid.optional(), kind: z.enum(['warn', 'suspend', 'ban']), reason: Reason, days: z.number().int().min(SUSPEND_DAYS.min).max(SUSPEND_DAYS.max).optional() })
    .strict()
    .refine((d) => d.kind !== 'suspend' || d.days !== undefined, { message: 'Say for how many days.', path: ['days'] }),
  /** The signed-in writer's own warnings and sanctions in force. */
  'moderation:sanctions': z.object({}).strict(),
  /** An admin names (or un-names) a site moderator. */
  'moderation:setSiteModerator': z.object({ userId: Uuid, moderator: z.boolean(), reason: Reason }).strict(),
  /** No more notifications from a thread (or again). */
  'moderation:mute': z.object({ threadId: Uuid, muted: z.boolean() }).strict(),
} as const;

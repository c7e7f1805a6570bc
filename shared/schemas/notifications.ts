import { z } from 'zod';
import { notificationKinds, type NotificationKind } from '../api/notifications';
import { TIME_PATTERN } from '../rules/notifications';

// The same as studio.ts's Id; declared here because studio.ts spreads these inputs.
const Id = z.uuid();
const Kind = z.enum(notificationKinds);

const Time = z.string().regex(TIME_PATTERN, 'A time is HH:MM, 24-hour.');
const Zone = z.string().trim().max(64).regex(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$/, 'A time zone is a name such as Europe/Paris.');

/** The notification centre's methods: list, the unread summary, marking read, settings (per kind, quiet hours, the daily digest). */
export const notificationsInputs = {
  /** The newest first; `unreadOnly` for the badge's list. */
  'notifications.list': z.object({ limit: z.number().int().min(1).max(500).default(100), unreadOnly: z.boolean().default(false) }).strict(),
  'notifications.summary': z.object({}).strict(),
  /** ids: these; all: every one (optionally only those of one tab). */
  'notifications.markRead': z.union([
    z.object({ ids: z.array(Id).min(1).max(500) }).strict(),
    z.object({ all: z.literal(true), tab: z.enum(['comments', 'inbox', 'community', 'sprint']).optional() }).strict(),
  ]),
  'notifications.settings': z.object({}).strict(),
  /** Only what is given changes. */
  'notifications.setSettings': z
    .object({
      desktop: z.partialRecord(Kind, z.boolean()).optional(),
      inApp: z.partialRecord(Kind, z.boolean()).optional(),
      quiet: z.object({ from: Time, to: Time }).strict().nullable().optional(),
      digest: z.object({ on: z.boolean(), at: Time }).strict().optional(),
      timeZone: Zone.nullable().optional(),
    })
    .strict(),
} as const;

export type DesktopPatch = Partial<Record<NotificationKind, boolean>>;

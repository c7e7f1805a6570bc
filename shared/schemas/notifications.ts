import { z } from 'zod';
import { notificationKinds, type NotificationKind } from '../api/notifications';

// The same as studio.ts's Id; declared here because studio.ts spreads these inputs.
const Id = z.uuid();
const Kind = z.enum(notificationKinds);

/** The notification centre's methods: list, the unread summary, marking read, desktop settings per kind. */
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
  'notifications.setSettings': z.object({ desktop: z.partialRecord(Kind, z.boolean()) }).strict(),
} as const;

export type DesktopPatch = Partial<Record<NotificationKind, boolean>>;

/**
 * The notification centre: what happened in the writer's community while they wrote. The core
 * derives each notification from the change feed and from live server events, keeps it in
 * SQLite (read or unread), and pushes `notifications:changed` whenever the count moves.
 */

import type { QuietHours } from '../rules/notifications';

/** What a notification is about; each kind can be kept in the centre or not, and shown on the desktop or not. */
export const notificationKinds = ['comment', 'reply', 'critique', 'share', 'join', 'sprint', 'mention', 'kudos', 'follow', 'milestone', 'report'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** The sidebar tab where what a notification is about is found, for the tab badges. */
export type NotificationTab = 'comments' | 'inbox' | 'community' | 'sprint';

export interface StudioNotification {
  id: string;
  kind: NotificationKind;
  tab: NotificationTab;
  /** One line: who did what. Plain text from other people: shown as text, never markup. */
  title: string;
  /** A short excerpt (a comment's first words), or ''. */
  body: string;
  /** The share and comment it is about, to open them; null when it is not about a draft. */
  shareId: string | null;
  commentId: string | null;
  circleId: string | null;
  createdAt: string;
  read: boolean;
}

export interface NotificationSettings {
  /** Which kinds may show a desktop notification. */
  desktop: Record<NotificationKind, boolean>;
  /** Which kinds are kept in the notification centre at all (off: neither there nor on the desktop). */
  inApp: Record<NotificationKind, boolean>;
  /** No desktop notifications between these times (they wait in the centre); null: none. */
  quiet: QuietHours | null;
  /** One summary a day at `at` instead of one desktop notification per item. */
  digest: { on: boolean; at: string };
  /** The writer's time zone for quiet hours and the digest; null: this computer's. */
  timeZone: string | null;
}

export interface NotificationsSummary {
  unread: number;
  /** Unread per sidebar tab. */
  byTab: Record<NotificationTab, number>;
  /** What just arrived that the writer allows on the desktop, else null. */
  alert: NotificationAlert | null;
}

/** A desktop notification to show: one notification, or a count of several that came together. */
export interface NotificationAlert {
  /** The newest notification it stands for. */
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** When it was raised (ms since epoch): a window that opens later does not show it again. */
  at: number;
  /** A daily digest: several notifications summed up in one. */
  digest?: boolean;
}

export interface NotificationsOutputs {
  'notifications.list': StudioNotification[];
  'notifications.summary': NotificationsSummary;
  'notifications.markRead': NotificationsSummary;
  'notifications.settings': NotificationSettings;
  'notifications.setSettings': NotificationSettings;
}

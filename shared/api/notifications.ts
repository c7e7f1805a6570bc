/**
 * The notification centre: what happened in the writer's community while they wrote. The core
 * derives each notification from the change feed and from live server events, keeps it in
 * SQLite (read or unread), and pushes `notifications:changed` whenever the count moves.
 */

/** What a notification is about; each kind can be allowed or not as a desktop notification. */
export const notificationKinds = ['comment', 'reply', 'critique', 'share', 'join', 'sprint'] as const;
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
  /** Which kinds may show a desktop notification (all of them land in the centre). */
  desktop: Record<NotificationKind, boolean>;
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
}

export interface NotificationsOutputs {
  'notifications.list': StudioNotification[];
  'notifications.summary': NotificationsSummary;
  'notifications.markRead': NotificationsSummary;
  'notifications.settings': NotificationSettings;
  'notifications.setSettings': NotificationSettings;
}

import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { notificationKinds, type NotificationKind, type NotificationSettings, type NotificationTab, type StudioNotification } from '../../../shared/api/notifications';

interface Row {
  id: string;
  kind: NotificationKind;
  tab: NotificationTab;
  title: string;
  body: string;
  share_id: string | null;
  comment_id: string | null;
  circle_id: string | null;
  created_at: string;
  read_at: string | null;
}

/** A notification to keep: what it is about and `source`, what it was made from (one notification per source). */
export type NotificationDraft = Omit<StudioNotification, 'id' | 'read'> & { source: string };

const toNotification = (r: Row): StudioNotification => ({
  id: r.id,
  kind: r.kind,
  tab: r.tab,
  title: r.title,
  body: r.body,
  shareId: r.share_id,
  commentId: r.comment_id,
  circleId: r.circle_id,
  createdAt: r.created_at,
  read: r.read_at !== null,
});

/** The notifications table, always for one account (`owner`), and the desktop setting per kind. */
export function createNotificationsRepo(db: Database) {
  const q = {
    insert: db.prepare(
      `INSERT INTO notifications (id, owner, source, kind, tab, title, body, share_id, comment_id, circle_id, created_at)
       VALUES (@id, @owner, @source, @kind, @tab, @title, @body, @shareId, @commentId, @circleId, @createdAt)
       ON CONFLICT (owner, source) DO NOTHING`,
    ),
    get: db.prepare<[string], Row>('SELECT * FROM notifications WHERE id = ?'),
    list: db.prepare<{ owner: string; limit: number; unreadOnly: number }, Row>(
      'SELECT * FROM notifications WHERE owner = @owner AND (@unreadOnly = 0 OR read_at IS NULL) ORDER BY created_at DESC, rowid DESC LIMIT @limit',
    ),
    unreadByTab: db.prepare<[string], { tab: NotificationTab; n: number }>('SELECT tab, count(*) AS n FROM notifications WHERE owner = ? AND read_at IS NULL GROUP BY tab'),
    markRead: db.prepare('UPDATE notifications SET read_at = @at WHERE owner = @owner AND id = @id AND read_at IS NULL'),
    markAll: db.prepare('UPDATE notifications SET read_at = @at WHERE owner = @owner AND read_at IS NULL AND (@tab IS NULL OR tab = @tab)'),
    settings: db.prepare<[], { kind: string; desktop: number }>('SELECT kind, desktop FROM notification_settings'),
    setSetting: db.prepare('INSERT INTO notification_settings (kind, desktop) VALUES (?, ?) ON CONFLICT(kind) DO UPDATE SET desktop = excluded.desktop'),
  };
  return {
    /** The kept notification, or null when one from the same source was kept before. */
    add(owner: string, draft: NotificationDraft): StudioNotification | null {
      const id = randomUUID();
      const { changes } = q.insert.run({ id, owner, ...draft });
      return changes ? toNotification(q.get.get(id)!) : null;
    },
    list: (owner: string, limit: number, unreadOnly: boolean) => q.list.all({ owner, limit, unreadOnly: unreadOnly ? 1 : 0 }).map(toNotification),
    unreadByTab(owner: string): Record<NotificationTab, number> {
      const byTab: Record<NotificationTab, number> = { comments: 0, inbox: 0, community: 0, sprint: 0 };
      for (const { tab, n } of q.unreadByTab.all(owner)) byTab[tab] = n;
      return byTab;
    },
    markRead: db.transaction((owner: string, ids: string[], at: string) => {
      for (const id of ids) q.markRead.run({ owner, id, at });
    }),
    markAll: (owner: string, tab: NotificationTab | null, at: string) => void q.markAll.run({ owner, tab, at }),
    /** Every kind shows on the desktop until the writer turns it off. */
    settings(): NotificationSettings {
      const desktop = Object.fromEntries(notificationKinds.map((k) => [k, true])) as Record<NotificationKind, boolean>;
      for (const { kind, desktop: on } of q.settings.all()) if ((notificationKinds as readonly string[]).includes(kind)) desktop[kind as NotificationKind] = on === 1;
      return { desktop };
    },
    setDesktop: db.transaction((patch: Partial<Record<NotificationKind, boolean>>) => {
      for (const [kind, on] of Object.entries(patch)) if (on !== undefined) q.setSetting.run(kind, on ? 1 : 0);
    }),
  };
}
export type NotificationsRepo = ReturnType<typeof createNotificationsRepo>;

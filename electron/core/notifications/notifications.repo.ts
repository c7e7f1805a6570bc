import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { notificationKinds, type NotificationKind, type NotificationSettings, type NotificationTab, type StudioNotification } from '../../../shared/api/notifications';
import type { QuietHours } from '../../../shared/rules/notifications';

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

/** The centre's preferences beyond the per-kind switches. */
type Prefs = Pick<NotificationSettings, 'quiet' | 'digest' | 'timeZone'> & { digestDay: string | null };
const DEFAULT_PREFS: Prefs = { quiet: null, digest: { on: false, at: '18:00' }, timeZone: null, digestDay: null };

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
      `INSERT INTO notifications (id, owner, source, kind, tab, title, body, share_id, comment_id, circle_id, created_at, held)
       VALUES (@id, @owner, @source, @kind, @tab, @title, @body, @shareId, @commentId, @circleId, @createdAt, @held)
       ON CONFLICT (owner, source) DO NOTHING`,
    ),
    get: db.prepare<[string], Row>('SELECT * FROM notifications WHERE id = ?'),
    list: db.prepare<{ owner: string; limit: number; unreadOnly: number }, Row>(
      'SELECT * FROM notifications WHERE owner = @owner AND (@unreadOnly = 0 OR read_at IS NULL) ORDER BY created_at DESC, rowid DESC LIMIT @limit',
    ),
    unreadByTab: db.prepare<[string], { tab: NotificationTab; n: number }>('SELECT tab, count(*) AS n FROM notifications WHERE owner = ? AND read_at IS NULL GROUP BY tab'),
    markRead: db.prepare('UPDATE notifications SET read_at = @at WHERE owner = @owner AND id = @id AND read_at IS NULL'),
    markAll: db.prepare('UPDATE notifications SET read_at = @at WHERE owner = @owner AND read_at IS NULL AND (@tab IS NULL OR tab = @tab)'),
    settings: db.prepare<[], { kind: string; desktop: number; in_app: number }>('SELECT kind, desktop, in_app FROM notification_settings'),
    setDesktop: db.prepare('INSERT INTO notification_settings (kind, desktop) VALUES (?, ?) ON CONFLICT(kind) DO UPDATE SET desktop = excluded.desktop'),
    setInApp: db.prepare('INSERT INTO notification_settings (kind, desktop, in_app) VALUES (?, 1, ?) ON CONFLICT(kind) DO UPDATE SET in_app = excluded.in_app'),
    prefs: db.prepare<[], { key: string; value: string }>('SELECT key, value FROM notification_prefs'),
    setPref: db.prepare('INSERT INTO notification_prefs (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
    held: db.prepare<[string], Row>('SELECT * FROM notifications WHERE owner = ? AND held = 1 ORDER BY created_at, rowid'),
    release: db.prepare('UPDATE notifications SET held = 0 WHERE owner = ? AND held = 1'),
    cursor: db.prepare<[string], { seq: number }>('SELECT seq FROM activity_cursor WHERE owner = ?'),
    setCursor: db.prepare('INSERT INTO activity_cursor (owner, seq) VALUES (?, ?) ON CONFLICT(owner) DO UPDATE SET seq = max(seq, excluded.seq)'),
  };
  const prefs = (): Prefs => {
    const found: Prefs = { ...DEFAULT_PREFS };
    for (const { key, value } of q.prefs.all()) if (key in found) (found as unknown as Record<string, unknown>)[key] = JSON.parse(value);
    return found;
  };
  return {
    /** The kept notification, or null when one from the same source was kept before. */
    add(owner: string, draft: NotificationDraft, held = false): StudioNotification | null {
      const id = randomUUID();
      const { changes } = q.insert.run({ id, owner, ...draft, held: held ? 1 : 0 });
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
    /** Every kind is kept and shows on the desktop until the writer turns it off. */
    settings(): NotificationSettings {
      const on = () => Object.fromEntries(notificationKinds.map((k) => [k, true])) as Record<NotificationKind, boolean>;
      const desktop = on();
      const inApp = on();
      for (const row of q.settings.all()) {
        if (!(notificationKinds as readonly string[]).includes(row.kind)) continue;
        desktop[row.kind as NotificationKind] = row.desktop === 1;
        inApp[row.kind as NotificationKind] = row.in_app === 1;
      }
      const { digestDay: _, ...rest } = prefs();
      return { desktop, inApp, ...rest };
    },
    prefs,
    setSettings: db.transaction(
      (patch: { desktop?: Partial<Record<NotificationKind, boolean>>; inApp?: Partial<Record<NotificationKind, boolean>>; quiet?: QuietHours | null; digest?: Prefs['digest']; timeZone?: string | null }) => {
        for (const [kind, on] of Object.entries(patch.desktop ?? {})) if (on !== undefined) q.setDesktop.run(kind, on ? 1 : 0);
        for (const [kind, on] of Object.entries(patch.inApp ?? {})) if (on !== undefined) q.setInApp.run(kind, on ? 1 : 0);
        for (const key of ['quiet', 'digest', 'timeZone'] as const) if (patch[key] !== undefined) q.setPref.run(key, JSON.stringify(patch[key]));
      },
    ),
    setDigestDay: (day: string) => void q.setPref.run('digestDay', JSON.stringify(day)),
    /** The notifications waiting for the daily digest, oldest first. */
    held: (owner: string) => q.held.all(owner).map(toNotification),
    release: (owner: string) => void q.release.run(owner),
    /** How far this account has read its notices from the server. */
    noticeCursor: (owner: string) => q.cursor.get(owner)?.seq ?? 0,
    setNoticeCursor: (owner: string, seq: number) => void q.setCursor.run(owner, seq),
  };
}
export type NotificationsRepo = ReturnType<typeof createNotificationsRepo>;

import type { NotificationAlert, NotificationSettings, NotificationsSummary, NotificationTab, StudioNotification } from '../../../../shared/api/notifications';
import type { StudioApi } from '../../../../shared/api/studio-api';

type Listener = () => void;

const EMPTY: NotificationsSummary = { unread: 0, byTab: { comments: 0, inbox: 0, community: 0, sprint: 0 }, alert: null };

/** The window's title carries the unread count, so it shows in the taskbar and the tab strip. */
export const titleWith = (unread: number) => (unread > 0 ? `Margin (${unread > 999 ? '999+' : unread})` : 'Margin');

/**
 * The notification centre's one store in the renderer: the unread counts (for the bell, the tab
 * badges and the window title), the list while the centre is open, the desktop settings. It
 * subscribes once to `notifications:changed`. Desktop alerts go through the web Notification
 * API: the browser's in browser mode, Electron's native notifications in the app (which allows
 * that one permission to its own page); the dock/taskbar badge is main's (core-host).
 */
export function createNotificationsStore(api: StudioApi) {
  const listeners = new Set<Listener>();
  const openedAt = Date.now();
  let summary = EMPTY;
  let list: StudioNotification[] | null = null;
  let settings: NotificationSettings | null = null;
  let watchers = 0;
  const alerted = new Set<string>();

  const notify = () => listeners.forEach((listener) => listener());
  const show = (next: NotificationsSummary) => {
    summary = next;
    document.title = titleWith(next.unread);
    notify();
  };
  const loadList = async () => {
    list = await api.notifications.list({ limit: 100 });
    notify();
  };
  const desktop = (alert: NotificationAlert) => {
    // Raised before this window opened (a replay on connecting), or shown already: not again.
    if (alert.at < openedAt || alerted.has(`${alert.id}@${alert.at}`)) return;
    alerted.add(`${alert.id}@${alert.at}`);
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    const note = new Notification(alert.title, { body: alert.body, tag: alert.id });
    note.onclick = () => window.focus();
  };

  api.on('notifications:changed', (next) => {
    if (!next) return;
    show(next);
    if (next.alert) desktop(next.alert);
    if (watchers > 0) void loadList().catch(() => undefined);
  });
  void api.notifications.summary().then(show, () => undefined);

  const store = {
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    summary: () => summary,
    list: () => list,
    settings: () => settings,
    /** The writer opened a sidebar tab: what its badge counted is seen. */
    seeTab(tab: string) {
      const count = (summary.byTab as Record<string, number>)[tab] ?? 0;
      if (count > 0) void store.markAllRead(tab as NotificationTab).catch(() => undefined);
    },
    /** While the centre is open its list is kept current; returns the disposer. */
    watch(): () => void {
      watchers += 1;
      void loadList().catch(() => undefined);
      if (!settings) void api.notifications.settings().then((s) => ((settings = s), notify()), () => undefined);
      return () => {
        watchers -= 1;
      };
    },
    async markRead(ids: string[]) {
      if (ids.length === 0) return;
      show(await api.notifications.markRead({ ids }));
      if (watchers > 0) await loadList();
    },
    async markAllRead(tab?: NotificationTab) {
      show(await api.notifications.markRead({ all: true, tab }));
      if (watchers > 0) await loadList();
    },
    /** Changes some settings: shown at once, then the core's answer stands. */
    async setSettings(patch: { desktop?: Partial<NotificationSettings['desktop']>; inApp?: Partial<NotificationSettings['inApp']>; quiet?: NotificationSettings['quiet']; digest?: NotificationSettings['digest']; timeZone?: string | null }) {
      if (settings)
        settings = {
          ...settings,
          ...(patch.quiet !== undefined ? { quiet: patch.quiet } : {}),
          ...(patch.digest ? { digest: patch.digest } : {}),
          ...(patch.timeZone !== undefined ? { timeZone: patch.timeZone } : {}),
          desktop: { ...settings.desktop, ...patch.desktop },
          inApp: { ...settings.inApp, ...patch.inApp },
        };
      notify();
      settings = await api.notifications.setSettings(patch);
      notify();
      // Turning a desktop kind on is the moment to ask the browser, once.
      const askNow = Object.values(patch.desktop ?? {}).some(Boolean);
      if (askNow && typeof Notification !== 'undefined' && Notification.permission === 'default') await Notification.requestPermission();
      notify();
    },
    permission: (): NotificationPermission => (typeof Notification === 'undefined' ? 'denied' : Notification.permission),
    async askPermission() {
      if (typeof Notification !== 'undefined' && Notification.permission === 'default') await Notification.requestPermission();
      notify();
    },
  };
  return store;
}
export type NotificationsStore = ReturnType<typeof createNotificationsStore>;

/**
 * Windows shows a notification only for an app whose AppUserModelID matches its installed
 * shortcut: electron-builder's nsis installer uses the appId (a test keeps them equal).
 */
export const APP_USER_MODEL_ID = 'org.margin.studio';

/** The parts of Electron's Notification and app used to ask for the writer's attention, quietly. */
export interface NotificationApi {
  isSupported(): boolean;
  create(options: { title: string; body: string; silent: boolean }): { on(event: 'click', listener: () => void): unknown; show(): void };
}

/** A desktop notification for the core's `notify`; clicking it brings the window forward. */
export function showNotification(api: NotificationApi, title: string, body: string, focus: () => void): boolean {
  if (!api.isSupported()) return false;
  const note = api.create({ title, body, silent: true });
  note.on('click', focus);
  note.show();
  return true;
}

export interface BadgeTargets {
  /** app.setBadgeCount: the macOS dock and Linux launchers (Unity). */
  setBadgeCount(count: number): boolean;
  /** Every window's title, so the count also shows in the Windows taskbar. */
  setTitles(title: string): void;
}

/** Shows an unread count on the dock/taskbar (0 clears it). */
export function setUnreadBadge(targets: BadgeTargets, count: number): void {
  const n = Math.max(0, Math.floor(count));
  targets.setBadgeCount(n);
  targets.setTitles(n > 0 ? `Margin (${n > 999 ? '999+' : n})` : 'Margin');
}

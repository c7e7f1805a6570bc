import { describe, expect, it } from 'vitest';
import { setUnreadBadge, showNotification, type NotificationApi } from '../../../electron/main/attention';
import { startAutoUpdate, updateFeed, type UpdaterLike } from '../../../electron/main/auto-update';

describe('notifications and the badge', () => {
  it('shows a silent notification whose click brings the window forward', () => {
    const shown: unknown[] = [];
    let click: (() => void) | undefined;
    const api: NotificationApi = {
      isSupported: () => true,
      create: (options) => ({ on: (_e, l) => void (click = l), show: () => void shown.push(options) }),
    };
    let focused = 0;
    expect(showNotification(api, 'Sprint over', 'You wrote 512 words.', () => focused++)).toBe(true);
    expect(shown).toEqual([{ title: 'Sprint over', body: 'You wrote 512 words.', silent: true }]);
    click!();
    expect(focused).toBe(1);
    expect(showNotification({ ...api, isSupported: () => false }, 'x', 'y', () => focused++)).toBe(false);
  });

  it('puts the unread count on the dock/taskbar and clears it', () => {
    const counts: number[] = [];
    const titles: string[] = [];
    const targets = { setBadgeCount: (n: number) => (counts.push(n), true), setTitles: (t: string) => void titles.push(t) };
    setUnreadBadge(targets, 3);
    setUnreadBadge(targets, 1200);
    setUnreadBadge(targets, 0);
    expect(counts).toEqual([3, 1200, 0]);
    expect(titles).toEqual(['Margin (3)', 'Margin (999+)', 'Margin']);
  });
});

describe('auto-update', () => {
  const fakeUpdater = () => {
    const calls: unknown[] = [];
    const updater: UpdaterLike = {
      autoDownload: false,
      autoInstallOnAppQuit: false,
      setFeedURL: (o) => void calls.push(o),
      checkForUpdatesAndNotify: async () => calls.push('check'),
    };
    return { updater, calls };
  };

  it('is off until a feed exists (and never in development), without even loading electron-updater', async () => {
    let loaded = 0;
    const load = async () => (loaded++, fakeUpdater().updater);
    expect(await startAutoUpdate({ isPackaged: true, feed: undefined, load })).toBe('off');
    expect(await startAutoUpdate({ isPackaged: false, feed: 'https://updates.example/margin/', load })).toBe('off');
    expect(loaded).toBe(0);
  });

  it('takes only an https feed', () => {
    expect(updateFeed('')).toBeUndefined();
    expect(updateFeed(undefined)).toBeUndefined();
    expect(updateFeed('http://updates.example/')).toBeUndefined();
    expect(updateFeed('https://u:p@updates.example/')).toBeUndefined();
    expect(updateFeed('not a url')).toBeUndefined();
    expect(updateFeed(' https://updates.example/margin/ ')).toBe('https://updates.example/margin/');
  });

  it('checks a configured generic feed in a packaged app', async () => {
    const { updater, calls } = fakeUpdater();
    expect(await startAutoUpdate({ isPackaged: true, feed: 'https://updates.example/margin/', load: async () => updater })).toBe('checking');
    expect(calls).toEqual([{ provider: 'generic', url: 'https://updates.example/margin/' }, 'check']);
    expect(updater.autoInstallOnAppQuit).toBe(true);
  });
});

/**
 * Auto-update with electron-updater, configured but off: Margin has no update feed yet.
 * It turns on when the build is made with MARGIN_UPDATE_FEED set to an https URL of a generic
 * feed (the folder electron-builder's `latest*.yml` files and installers are uploaded to;
 * electron.vite.config.ts bakes it in), and only in a packaged app. Updates are downloaded in
 * the background and installed on quit.
 */
export function updateFeed(configured: string | undefined): string | undefined {
  const raw = configured?.trim();
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && !url.username && !url.password ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The parts of electron-updater's autoUpdater used here. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdatesAndNotify(): Promise<unknown>;
}

export async function startAutoUpdate(options: { isPackaged: boolean; feed: string | undefined; load: () => Promise<UpdaterLike> }): Promise<'off' | 'checking'> {
  if (!options.isPackaged || !options.feed) return 'off';
  const updater = await options.load();
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.setFeedURL({ provider: 'generic', url: options.feed });
  updater.checkForUpdatesAndNotify().catch((error: unknown) => console.warn('[margin] update check failed:', error));
  return 'checking';
}

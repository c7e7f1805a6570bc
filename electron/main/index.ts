import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  MessageChannelMain,
  nativeTheme,
  Notification,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  utilityProcess,
} from 'electron';
import { fileTokenVault } from '../core/community/token-vault';
import { appMenuTemplate } from './app-menu';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, appProtocolHandler } from './app-protocol';
import { APP_USER_MODEL_ID, setUnreadBadge, showNotification } from './attention';
import { startAutoUpdate, updateFeed, type UpdaterLike } from './auto-update';
import { startCommunityProcess, type LocalCommunityProcess } from './community-process';
import { startCoreProcess, type CoreProcess, type ForkUtility } from './core-process';
import { DEEP_LINK_SCHEME, deepLinkInArgv } from './deep-link';
import { encryptedFileVault, TOKEN_FILE } from './encrypted-vault';
import { electronNativeBinding } from './native-binding';
import { shellPrefsStore } from './shell-prefs';
import { focusWindow, linkRouter, onSecondInstance } from './single-instance';
import { reloadOnRendererCrash } from './renderer-recovery';
import { registerStudioPorts } from './studio-port';
import { denyPermissions, guardContents, openExternalLink } from './web-guards';
import { isAppUrl, secureWindowOptions } from './window-options';
import { restoreBounds, trackWindowState, windowStateStore } from './window-state';

// Bundled by electron-vite to out/main/index.cjs, beside core-host.cjs and community-server.cjs;
// the preload is out/preload/index.cjs and the renderer out/renderer.
const outDir = path.resolve(__dirname, '..');
const rendererDir = path.join(outDir, 'renderer');
const fork = utilityProcess.fork as unknown as ForkUtility;
/** Set at build time from MARGIN_UPDATE_FEED (electron.vite.config.ts); empty: updates off. */
declare const __MARGIN_UPDATE_FEED__: string;

// `electron-vite dev` serves the renderer from Vite (hot reload); only an unpackaged app trusts it.
const devUrl = !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : undefined;
const isOurPage = (url: string) => isAppUrl(url) || (devUrl !== undefined && sameOrigin(url, devUrl));

// Before `ready`: every renderer is sandboxed, whatever a window's options say, and app://
// gets the privileges of a standard secure origin.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

let core: CoreProcess | undefined;
let community: LocalCommunityProcess | undefined;
let win: BrowserWindow | undefined;

const links = linkRouter(
  (link) => {
    core?.shellEvent('link:join', link);
    if (win) focusWindow(win);
  },
  (message) => void dialog.showMessageBox({ type: 'warning', message, buttons: ['OK'] }),
);

if (!app.requestSingleInstanceLock()) {
  app.quit(); // the first Margin gets our argv (and its deep link) through 'second-instance'
} else {
  app.on('second-instance', (_event, argv) => onSecondInstance(argv, win, links.open));
  // macOS hands deep links to the running app (also the one it is launching) as open-url.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    links.open(url);
  });
  const first = deepLinkInArgv(process.argv);
  if (first) links.open(first);
  void main();
}

async function main(): Promise<void> {
  // In development Electron runs as `electron .`: the protocol must name our script.
  if (process.defaultApp) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [path.resolve(process.argv[1] ?? '.')]);
  else app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);

  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  await app.whenReady();
  const dataDir = process.env.MARGIN_DATA_DIR ? path.resolve(process.env.MARGIN_DATA_DIR) : app.getPath('userData');
  const prefs = shellPrefsStore(path.join(dataDir, 'shell-prefs.json'));

  // Every web contents (windows, and anything a page might try to create) stays on our origin.
  const linkDeps = {
    openExternal: (url: string) => shell.openExternal(url),
    trustedHosts: () => prefs.read().trustedLinkHosts,
    trustHost: (host: string) => {
      const current = prefs.read();
      prefs.write({ ...current, trustedLinkHosts: [...new Set([...current.trustedLinkHosts, host])] });
    },
    confirm: async (host: string, url: string) => {
      const answer = await dialog.showMessageBox({
        type: 'question',
        buttons: ['Open', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        message: `Open ${host} in your browser?`,
        detail: url,
        checkboxLabel: `Always open links to ${host}`,
      });
      return { open: answer.response === 0, remember: answer.checkboxChecked };
    },
  };
  app.on('web-contents-created', (_event, contents) => guardContents(contents, (url) => void openExternalLink(url, linkDeps), isOurPage));
  denyPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, appProtocolHandler(rendererDir));

  const nativeBinding = electronNativeBinding(app.getAppPath(), process.versions.electron ?? '');
  try {
    core = await startCoreProcess({
      fork,
      entry: path.join(__dirname, 'core-host.cjs'),
      dataDir,
      nativeBinding,
      // The community token is encrypted with the OS key store (safeStorage, main only) before it is written.
      vault: encryptedFileVault(path.join(dataDir, `${TOKEN_FILE}.enc`), safeStorage, fileTokenVault(path.join(dataDir, TOKEN_FILE))),
      notify: (title, body) => showNotification({ isSupported: () => Notification.isSupported(), create: (o) => new Notification(o) }, title, body, () => win && focusWindow(win)),
      badge: (count) =>
        setUnreadBadge({ setBadgeCount: (n) => app.setBadgeCount(n), setTitles: (t) => BrowserWindow.getAllWindows().forEach((w) => w.setTitle(t)) }, count),
      onCrash: (code) => {
        dialog.showErrorBox('Margin', `The studio core stopped unexpectedly (exit ${code}). Everything saved is safe; Margin will restart.`);
        app.relaunch();
        app.exit(1);
      },
    });
  } catch (error) {
    dialog.showErrorBox('Margin could not open your studio', error instanceof Error ? error.message : String(error));
    return app.quit();
  }
  const studio = core;
  const connect = (port: unknown, origin: string) => {
    studio.connect(port, origin);
    links.ready(); // deep links wait for the first window's port
  };
  registerStudioPorts(ipcMain, { newChannel: () => new MessageChannelMain(), connect }, isOurPage);

  let openAtLogin = prefs.read().openAtLogin;
  const buildMenu = () =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        appMenuTemplate({
          platform: process.platform,
          send: (command) => studio.shellEvent('menu:command', { command }),
          openAtLogin,
          setOpenAtLogin: (on) => {
            openAtLogin = on;
            prefs.write({ ...prefs.read(), openAtLogin: on });
            app.setLoginItemSettings({ openAtLogin: on });
          },
          isPackaged: app.isPackaged,
        }),
      ),
    );
  buildMenu();

  // The community server on this computer, in its own utility process.
  startCommunityProcess(fork, path.join(__dirname, 'community-server.cjs'), dataDir, { MARGIN_NATIVE_BINDING: nativeBinding ?? '' })
    .then((local) => {
      community = local;
      studio.setCommunityUrl(local.url);
    })
    .catch((error: unknown) => console.error('[margin] local community server:', error));

  win = openWindow(dataDir);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = openWindow(dataDir);
  });
  void startAutoUpdate({
    isPackaged: app.isPackaged,
    feed: updateFeed(__MARGIN_UPDATE_FEED__),
    load: async () => {
      const updater = await import('electron-updater'); // loaded only when a feed is configured
      return (updater.autoUpdater ?? (updater as unknown as { default: typeof updater }).default.autoUpdater) as unknown as UpdaterLike;
    },
  });
}

function openWindow(dataDir: string): BrowserWindow {
  const store = windowStateStore(path.join(dataDir, 'window-state.json'));
  const state = store.read();
  const bounds = restoreBounds(state, screen.getAllDisplays().map((display) => display.workArea));
  const window = new BrowserWindow(secureWindowOptions(path.join(outDir, 'preload', 'index.cjs'), nativeTheme.shouldUseDarkColors ? 'dark' : 'light', bounds));
  if (state.maximized) window.maximize();
  const stopTracking = trackWindowState(window, store);
  window.on('closed', () => {
    stopTracking();
    if (win === window) win = undefined;
    // A window with unsaved text holds its close until the save is acknowledged, which cancels a
    // quit in progress (Cmd+Q on macOS, where closing the last window does not quit): resume it.
    if (quitting && BrowserWindow.getAllWindows().length === 0) app.quit();
  });
  window.once('ready-to-show', () => window.show());
  reloadOnRendererCrash(window.webContents, (reason) =>
    dialog.showErrorBox('Margin', `The window stopped again (${reason}). Your work up to the last save is safe; close this window and open Margin again.`),
  );
  void window.loadURL(devUrl ?? APP_INDEX_URL);
  return window;
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

let quitting = false;
app.on('before-quit', () => {
  quitting = true;
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Windows close only after their renderer has flushed its autosave (see AutosavePlugin); then
// the core closes the database (checkpointing the WAL) before the app exits.
let stopped = false;
app.on('will-quit', (event) => {
  if (stopped) return;
  event.preventDefault();
  void Promise.allSettled([core?.stop(), community?.stop()]).then(() => {
    stopped = true;
    app.quit();
  });
});

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, shell } from 'electron';
import { StudioError, type Result } from '../../shared/api/result';
import type { Settings } from '../../shared/api/studio-api';
import { startLocalCommunity, type LocalCommunity } from '../core/community/local-community';
import { fileTokenVault } from '../core/community/token-vault';
import { createStudioCore, TOKEN_FILE, type StudioCore } from '../core/studio-core';
import { encryptedFileVault } from './encrypted-vault';
import { electronNativeBinding } from './native-binding';
import { forwardStudioEvents, registerStudioIpc } from './studio-ipc';
import { isTrustedRendererUrl, secureWindowOptions } from './window-options';

// Bundled to out/electron/main.cjs; the renderer is built to out/renderer.
const outDir = path.resolve(__dirname, '..');
const rendererIndex = path.join(outDir, 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererIndex).toString();

let core: StudioCore | undefined;
let localCommunity: LocalCommunity | undefined;

function openWindow(studio: StudioCore): BrowserWindow {
  const settings = studio.call('settings.get', {}) as Result<Settings>; // a local read: answers synchronously
  const win = new BrowserWindow(secureWindowOptions(path.join(__dirname, 'preload.cjs'), settings.ok ? settings.data.theme : 'light'));
  const stopEvents = forwardStudioEvents(studio, win.webContents);
  win.on('closed', stopEvents);
  win.once('ready-to-show', () => win.show());
  // The app never navigates and never opens windows; links go to the system browser.
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadFile(rendererIndex);
  return win;
}

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) return app.quit();
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { role: process.platform === 'darwin' ? 'appMenu' : 'fileMenu' },
      { role: 'editMenu' },
      { role: 'viewMenu' },
      { role: 'windowMenu' },
    ]),
  );
  const dataDir = process.env.MARGIN_DATA_DIR ? path.resolve(process.env.MARGIN_DATA_DIR) : app.getPath('userData');
  const nativeBinding = electronNativeBinding(app.getAppPath(), process.versions.electron ?? '');
  try {
    core = createStudioCore({
      dataDir,
      host: 'electron',
      nativeBinding,
      // The community token is encrypted with the OS key store (safeStorage) before it is written.
      tokenVault: encryptedFileVault(path.join(dataDir, `${TOKEN_FILE}.enc`), safeStorage, fileTokenVault(path.join(dataDir, TOKEN_FILE))),
    });
  } catch (error) {
    const message = error instanceof StudioError || error instanceof Error ? error.message : String(error);
    dialog.showErrorBox('Margin could not open your studio', message);
    return app.quit();
  }
  const studio = core;
  registerStudioIpc(ipcMain, studio, (url) => isTrustedRendererUrl(url, rendererUrl));
  // The community server on this computer: the bundled server run by Electron's own Node.
  startLocalCommunity([process.execPath, path.join(outDir, 'server', 'index.cjs')], dataDir, app.getAppPath(), {
    ELECTRON_RUN_AS_NODE: '1',
    MARGIN_NATIVE_BINDING: nativeBinding ?? '',
  })
    .then((local) => {
      localCommunity = local;
      studio.setLocalCommunityUrl(local.url);
    })
    .catch((error: unknown) => console.error('[margin] local community server:', error));
  let win = openWindow(studio);
  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = openWindow(studio);
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
// Windows close only after their renderer has flushed its autosave (see AutosavePlugin).
app.on('will-quit', () => {
  core?.close();
  void localCommunity?.stop();
});

void main();

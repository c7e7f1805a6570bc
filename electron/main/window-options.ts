import { APP_ORIGIN } from '../../shared/api/ipc-channels';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

/**
 * The BrowserWindow options Margin opens with. Kept free of the `electron` import so the
 * security settings are unit-tested (and read back from the built bundle) without Electron.
 */
export function secureWindowOptions(preloadPath: string, theme: 'light' | 'dark' = 'light', bounds: WindowBounds = { width: 1280, height: 820 }) {
  return {
    ...bounds,
    minWidth: 760,
    minHeight: 480,
    show: false,
    title: 'Margin',
    backgroundColor: theme === 'dark' ? '#1b1a18' : '#fbfaf7',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
    },
  } as const;
}

/**
 * True only for a URL of the app's own origin (`app://margin`); anything unparsable is false.
 * Compared by scheme and host: Node's URL reports the origin of a custom scheme as "null".
 */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const { protocol, host, username, password } = new URL(url);
    return `${protocol}//${host}` === APP_ORIGIN && !username && !password;
  } catch {
    return false;
  }
}

/**
 * The BrowserWindow options Margin opens with. Kept free of the `electron` import so the
 * security settings are unit-tested on machines without Electron.
 */
export function secureWindowOptions(preloadPath: string, theme: 'light' | 'dark' = 'light') {
  return {
    width: 1280,
    height: 820,
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
      spellcheck: true,
    },
  } as const;
}

/** Only our own renderer page (loaded from disk) may talk to the core. */
export function isTrustedRendererUrl(url: string | undefined, rendererIndexUrl: string): boolean {
  if (!url) return false;
  try {
    const a = new URL(url);
    const b = new URL(rendererIndexUrl);
    return a.protocol === 'file:' && a.pathname === b.pathname;
  } catch {
    return false;
  }
}

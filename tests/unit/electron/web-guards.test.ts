import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { denyPermissions, guardContents, openExternalLink, permissionAllowed, type GuardableContents, type LinkDeps, type PermissionSession } from '../../../electron/main/web-guards';
import { isAppUrl, secureWindowOptions } from '../../../electron/main/window-options';

/** A WebContents stand-in that emits Electron's navigation events with a real preventDefault. */
function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
  const contents: GuardableContents = {
    on: (event: string, listener: (...args: any[]) => void) => emitter.on(event, listener),
    setWindowOpenHandler: (handler) => void (openHandler = handler),
  };
  // As Electron 45 emits them: the target in `details.url`, and (deprecated) as a second argument
  // to will-navigate and will-redirect only.
  const navigate = (event: string, url: string) => {
    let prevented = false;
    const details = { url, preventDefault: () => void (prevented = true) };
    if (event === 'will-frame-navigate' || event === 'will-attach-webview') emitter.emit(event, details);
    else emitter.emit(event, details, url);
    return prevented ? 'blocked' : 'allowed';
  };
  return { contents, navigate, open: (url: string) => openHandler!({ url }) };
}

function linkDeps(trusted: string[] = [], answer = { open: true, remember: false }) {
  const opened: string[] = [];
  const asked: string[] = [];
  const hosts = [...trusted];
  const deps: LinkDeps = {
    openExternal: async (url) => void opened.push(url),
    confirm: async (host) => (asked.push(host), answer),
    trustedHosts: () => hosts,
    trustHost: (host) => void hosts.push(host),
  };
  return { deps, opened, asked, hosts };
}

describe('windows stay on the app’s origin', () => {
  it('opens with contextIsolation, sandbox, webSecurity and no Node', () => {
    expect(secureWindowOptions('/app/out/preload/index.cjs').webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
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
    });
  });

  it('knows its own origin by scheme and host', () => {
    expect(isAppUrl('app://margin/index.html')).toBe(true);
    expect(isAppUrl('app://margin')).toBe(true);
    for (const url of ['app://margin.evil/index.html', 'app://evil/', 'file:///out/renderer/index.html', 'https://margin/', 'app://user:pw@margin/', '', undefined, null, 'nonsense']) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });

  it('denies every navigation and window.open away from the app, handing links to the system', () => {
    const { contents, navigate, open } = fakeContents();
    const external: string[] = [];
    guardContents(contents, (url) => external.push(url));
    expect(navigate('will-navigate', 'app://margin/index.html#chapter')).toBe('allowed');
    expect(navigate('will-frame-navigate', 'app://margin/index.html')).toBe('allowed'); // a reload
    expect(navigate('will-navigate', 'https://example.org/')).toBe('blocked');
    expect(navigate('will-frame-navigate', 'file:///etc/passwd')).toBe('blocked');
    expect(navigate('will-redirect', 'http://127.0.0.1:9/')).toBe('blocked');
    expect(navigate('will-attach-webview', 'app://margin/')).toBe('blocked');
    expect(open('https://example.org/page')).toEqual({ action: 'deny' });
    expect(open('app://margin/index.html')).toEqual({ action: 'deny' });
    expect(external).toEqual(['https://example.org/', 'file:///etc/passwd', 'http://127.0.0.1:9/', 'https://example.org/page', 'app://margin/index.html']);
  });
});

describe('links open outside, carefully', () => {
  it('opens http, https and mailto only', async () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'app://margin/x', 'smb://host/share', 'ms-msdt:/id', 'data:text/html,hi', 'https://user:pw@example.org/', 'not a url']) {
      const { deps, opened, asked } = linkDeps(['example.org']);
      expect(await openExternalLink(url, deps), url).toBe('refused');
      expect(opened).toEqual([]);
      expect(asked).toEqual([]);
    }
    const { deps, opened, asked } = linkDeps();
    expect(await openExternalLink('mailto:editor@example.org', deps)).toBe('opened');
    expect(opened).toEqual(['mailto:editor@example.org']);
    expect(asked).toEqual([]);
  });

  it('asks before opening an unknown host, and remembers it when told to', async () => {
    const known = linkDeps(['example.org']);
    expect(await openExternalLink('https://example.org/a', known.deps)).toBe('opened');
    expect(known.asked).toEqual([]);

    const declined = linkDeps([], { open: false, remember: false });
    expect(await openExternalLink('http://unknown.example/', declined.deps)).toBe('declined');
    expect(declined.opened).toEqual([]);
    expect(declined.asked).toEqual(['unknown.example']);

    const remembered = linkDeps([], { open: true, remember: true });
    expect(await openExternalLink('https://new.example/one', remembered.deps)).toBe('opened');
    expect(await openExternalLink('https://new.example/two', remembered.deps)).toBe('opened');
    expect(remembered.asked).toEqual(['new.example']);
    expect(remembered.opened).toEqual(['https://new.example/one', 'https://new.example/two']);
  });
});

describe('permissions', () => {
  it('grants notifications to the app’s page and nothing else to anyone', () => {
    let request: Parameters<PermissionSession['setPermissionRequestHandler']>[0] | undefined;
    let check: Parameters<PermissionSession['setPermissionCheckHandler']>[0] | undefined;
    denyPermissions({ setPermissionRequestHandler: (h) => void (request = h), setPermissionCheckHandler: (h) => void (check = h) });
    const ask = (permission: string, url: string) => {
      let granted: boolean | undefined;
      request!({}, permission, (g) => void (granted = g), { requestingUrl: url });
      return granted;
    };
    expect(ask('notifications', 'app://margin/index.html')).toBe(true);
    expect(ask('notifications', 'https://evil.example/')).toBe(false);
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'midi', 'hid', 'fullscreen', 'pointerLock']) {
      expect(ask(permission, 'app://margin/index.html'), permission).toBe(false);
    }
    expect(check!({}, 'notifications', 'app://margin')).toBe(true);
    expect(check!({}, 'media', 'app://margin')).toBe(false);
    expect(permissionAllowed('notifications', undefined)).toBe(false);
  });
});

import { isAppUrl } from './window-options';

/** The parts of Electron's WebContents the guards use (structural: tested without Electron). */
export interface GuardableContents {
  // Electron passes the target as `details.url` (and, deprecated, as a second argument to
  // will-navigate and will-redirect; will-frame-navigate has only the details).
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: (details: { preventDefault(): void; url?: string }, url?: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface LinkDeps {
  openExternal(url: string): Promise<void>;
  /** Asks the writer before opening a site they have not opened from Margin before. */
  confirm(host: string, url: string): Promise<{ open: boolean; remember: boolean }>;
  trustedHosts(): readonly string[];
  trustHost(host: string): void;
}

const EXTERNAL = new Set(['http:', 'https:', 'mailto:']);

/**
 * Opens a link from the page in the system's browser or mail program: only http, https and
 * mailto; an http(s) host the writer has not trusted is confirmed first. Answers what it did.
 */
export async function openExternalLink(url: string, deps: LinkDeps): Promise<'opened' | 'refused' | 'declined'> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'refused';
  }
  if (!EXTERNAL.has(parsed.protocol) || parsed.username || parsed.password) return 'refused';
  if (parsed.protocol !== 'mailto:' && !deps.trustedHosts().includes(parsed.hostname)) {
    const answer = await deps.confirm(parsed.hostname, parsed.href);
    if (!answer.open) return 'declined';
    if (answer.remember) deps.trustHost(parsed.hostname);
  }
  await deps.openExternal(parsed.href);
  return 'opened';
}

/**
 * A window never leaves the app's own origin: navigations elsewhere (a dropped file, a link,
 * a redirect) are cancelled, links are handed to `openExternalLink`, every window.open is
 * denied, and <webview> cannot be attached.
 */
export function guardContents(contents: GuardableContents, onExternalLink: (url: string) => void, isTrusted: (url: string) => boolean = isAppUrl): void {
  const stay = (details: { preventDefault(): void; url?: string }, url?: string) => {
    const target = details.url ?? url ?? '';
    if (isTrusted(target)) return;
    details.preventDefault();
    if (target) onExternalLink(target);
  };
  contents.on('will-navigate', stay);
  contents.on('will-frame-navigate', stay);
  contents.on('will-redirect', stay);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    onExternalLink(url);
    return { action: 'deny' };
  });
}

/** The parts of Electron's Session the permission handlers use. */
export interface PermissionSession {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string, requestingOrigin: string) => boolean): void;
}

/** Notifications, asked for by the app's own page, are the one permission ever granted. */
export const permissionAllowed = (permission: string, requestingUrl: string | undefined): boolean =>
  permission === 'notifications' && isAppUrl(requestingUrl);

export function denyPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(permissionAllowed(permission, details?.requestingUrl)));
  session.setPermissionCheckHandler((_contents, permission, origin) => permissionAllowed(permission, origin));
}

import fs from 'node:fs';
import path from 'node:path';
import { APP_ORIGIN } from '../../shared/api/ipc-channels';

export const APP_SCHEME = 'app';
export const APP_HOST = 'margin';
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * `app://` is registered before the app is ready as a standard, secure scheme: the renderer
 * gets a real origin (`app://margin`) with the same-origin rules of https, instead of
 * file://, where every file on the disk shares one origin. No bypassCSP, no CORS.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

/**
 * The page's Content-Security-Policy, sent as a header on every response. Scripts only from
 * the app itself: no 'unsafe-inline', no 'unsafe-eval', nothing remote. Lexical sets inline
 * style attributes, hence style-src 'unsafe-inline' (styles cannot run code). The studio
 * talks to the core over a MessagePort, so connect-src allows nothing but the app.
 */
export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * The file an `app://margin/...` URL names inside the renderer folder, or undefined. Refuses
 * other hosts, `..` in any spelling (`%2e%2e`, `%2f`, backslashes), absolute paths, and
 * symlinks whose target lies outside the folder (the check is on the real path).
 */
export function resolveAppFile(rendererDir: string, url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  // After decoding, anything that could step outside or switch roots is refused outright.
  if (pathname.includes('\0') || pathname.includes('\\') || pathname.split('/').some((part) => part === '..')) return undefined;
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  if (path.isAbsolute(relative) || /^[a-zA-Z]:/.test(relative)) return undefined;
  let root: string;
  let file: string;
  try {
    root = fs.realpathSync(rendererDir);
    file = fs.realpathSync(path.join(root, relative));
  } catch {
    return undefined; // missing
  }
  if (!file.startsWith(root + path.sep)) return undefined;
  return fs.statSync(file).isFile() ? file : undefined;
}

/** The `protocol.handle('app', ...)` handler: files of the renderer folder, with the CSP; anything else 404. */
export function appProtocolHandler(rendererDir: string): (request: { url: string; method: string }) => Promise<Response> {
  const headers = (type: string) => ({
    'Content-Type': type,
    'Content-Security-Policy': APP_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: headers('text/plain') });
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404, headers: headers('text/plain; charset=utf-8') });
    const body = request.method === 'HEAD' ? null : await fs.promises.readFile(file);
    return new Response(body, { status: 200, headers: headers(TYPES[path.extname(file)] ?? 'application/octet-stream') });
  };
}

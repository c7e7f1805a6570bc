import fs from 'node:fs';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/** Resolves a URL path inside `root`, refusing anything that escapes it. */
export function resolveStatic(root: string, urlPath: string): { file: string; type: string; version: string } | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) return undefined;
  return { file, type: TYPES[path.extname(file)] ?? 'application/octet-stream', version: `${stat.size}:${stat.mtimeMs}` };
}

const cache = new Map<string, { version: string; bytes: Buffer }>();

/**
 * A static file's bytes, kept in memory until the file changes (a rebuild). Sent in one write:
 * in browser mode the core shares this process, and a file streamed in 64 KB pieces waits
 * between pieces for whatever the core is doing (the app's code, behind the first document's read).
 */
export function staticBytes(found: { file: string; version: string }): Buffer {
  const kept = cache.get(found.file);
  if (kept?.version === found.version) return kept.bytes;
  const bytes = fs.readFileSync(found.file);
  cache.set(found.file, { version: found.version, bytes });
  return bytes;
}

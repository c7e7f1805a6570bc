import type { IncomingHttpHeaders } from 'node:http';

/**
 * The address writers reach this server at, for links it hands out (invites): `--public-url`
 * when the operator set one (behind a TLS proxy, say), else what the request itself came to
 * (its Host header; https when the proxy says so or the connection was TLS).
 */
export function publicOrigin(publicUrl: string | undefined, headers: IncomingHttpHeaders, secure: boolean): string {
  if (publicUrl) return new URL(publicUrl).origin;
  const forwarded = String(headers['x-forwarded-proto'] ?? '').split(',')[0]!.trim();
  const scheme = forwarded === 'https' || secure ? 'https' : 'http';
  const host = String(headers.host ?? '127.0.0.1').replace(/[^A-Za-z0-9.:[\]-]/g, '');
  return `${scheme}://${host || '127.0.0.1'}`;
}

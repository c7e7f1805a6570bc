/**
 * Circle invites as people pass them around. An invite carries its server, so a studio
 * anywhere knows where to join: `margin://join/<server>/<code>` opens Margin, and
 * `https://<server>/join/<code>` can be pasted into a chat (the server answers it with a page
 * that opens Margin). `<server>` is a host (`community.example.org`, `host:8443`: https) or a
 * percent-encoded http(s) origin (`http%3A%2F%2F192.168.1.20%3A4100`). A bare code, or an old
 * `margin://join/<code>`, names no server: it is for the one the studio uses.
 */

export const INVITE_CODE = /^[A-Za-z0-9_-]{8,64}$/;

export interface InviteRef {
  /** The community server's origin, or null when the invite does not say. */
  server: string | null;
  code: string;
}

export type InviteReading = { ok: true; data: InviteRef } | { ok: false; why: string };

/** The two forms of an invite to send. */
export function inviteLinks(serverOrigin: string, code: string): { link: string; web: string } {
  const origin = new URL(serverOrigin).origin;
  const server = origin.startsWith('https://') ? origin.slice('https://'.length) : encodeURIComponent(origin);
  return { link: `margin://join/${server}/${code}`, web: `${origin}/join/${code}` };
}

/** A server named in a link: an https host, or an http(s) origin with nothing after it. */
function readServer(part: string): { ok: true; origin: string } | { ok: false; why: string } {
  let server: URL;
  try {
    server = new URL(/^[a-z]+:\/\//i.test(part) ? part : `https://${part}`);
  } catch {
    return { ok: false, why: 'its server is not a valid address.' };
  }
  if (server.protocol !== 'https:' && server.protocol !== 'http:') return { ok: false, why: 'its server must be http or https.' };
  if (server.username || server.password || server.search || server.hash || (server.pathname !== '/' && server.pathname !== '')) {
    return { ok: false, why: 'its server must be an address only.' };
  }
  return { ok: true, origin: server.origin };
}

/**
 * Reads an invite someone pasted or a link the system handed over. Untrusted input: anything
 * but the forms above is refused with the reason (`why` reads after "cannot be used: ").
 */
export function readInvite(text: string): InviteReading {
  if (typeof text !== 'string' || text.length > 1000) return { ok: false, why: 'it is not an invite.' };
  const value = text.trim();
  if (INVITE_CODE.test(value)) return { ok: true, data: { server: null, code: value } };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, why: 'it is neither an invite code nor a link.' };
  }
  if (url.search || url.hash || url.username || url.password) return { ok: false, why: 'it carries more than a server and a code.' };
  const parts = url.pathname.split('/').filter(Boolean);
  if (url.protocol === 'margin:') {
    if (url.host.toLowerCase() !== 'join') return { ok: false, why: `Margin does not know "${url.host.slice(0, 40)}" links.` };
    if (parts.length === 1 && INVITE_CODE.test(parts[0]!)) return { ok: true, data: { server: null, code: parts[0]! } };
    if (parts.length !== 2) return { ok: false, why: 'it should be margin://join/<server>/<code>.' };
    let serverPart: string;
    try {
      serverPart = decodeURIComponent(parts[0]!);
    } catch {
      return { ok: false, why: 'its server is not readable.' };
    }
    if (!INVITE_CODE.test(parts[1]!)) return { ok: false, why: 'its invite code is not valid.' };
    const server = readServer(serverPart);
    return server.ok ? { ok: true, data: { server: server.origin, code: parts[1]! } } : server;
  }
  if (url.protocol === 'https:' || url.protocol === 'http:') {
    if (parts.length !== 2 || parts[0] !== 'join') return { ok: false, why: 'it should be a link ending in /join/<code>.' };
    if (!INVITE_CODE.test(parts[1]!)) return { ok: false, why: 'its invite code is not valid.' };
    return { ok: true, data: { server: url.origin, code: parts[1]! } };
  }
  return { ok: false, why: 'it is not a Margin invite.' };
}

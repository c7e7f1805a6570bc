import type { TokenVault } from './token-vault';

/** A session signed out while the server could not be told: ended there when the studio reaches it again. */
export interface EndedSession {
  token: string;
  /** Which server it belongs to (the chosen address, or "local" for the server on this computer). */
  server: string;
  at: string;
}

interface Stored {
  token: string | null;
  /** The server that issued `token`: where it must be ended (unknown for a token an older Margin kept). */
  server?: string;
  ended: EndedSession[];
}

/** Sessions not ended after this long have expired on the server anyway (sessions last 90 days). */
const FORGET_AFTER_MS = 90 * 24 * 3600_000;

/**
 * What the core keeps in its token vault: the live session token (with the server that issued
 * it) and the sessions still to be ended on their server. Stored as one JSON string, so the vault
 * (a 0600 file, or Electron's safeStorage) stays a plain string store; a vault written by an
 * older Margin holds a bare token, which is still read.
 */
export function createSessionVault(vault: TokenVault, now: () => number = Date.now) {
  const load = (): Stored => {
    const raw = vault.read();
    if (!raw) return { token: null, ended: [] };
    if (!raw.startsWith('{')) return { token: raw, ended: [] };
    try {
      const parsed = JSON.parse(raw) as Partial<Stored>;
      const ended = Array.isArray(parsed.ended) ? parsed.ended.filter((e) => typeof e?.token === 'string' && typeof e.server === 'string') : [];
      return { token: typeof parsed.token === 'string' ? parsed.token : null, server: typeof parsed.server === 'string' ? parsed.server : undefined, ended };
    } catch {
      return { token: null, ended: [] };
    }
  };
  const save = (stored: Stored) => {
    const ended = stored.ended.filter((e) => now() - Date.parse(e.at) < FORGET_AFTER_MS);
    if (stored.token === null && ended.length === 0) vault.write(null);
    else vault.write(JSON.stringify({ token: stored.token, server: stored.server, ended }));
  };
  return {
    token: () => load().token,
    /** The live session, and the server that issued it. */
    setToken(token: string | null, server?: string) {
      save({ ...load(), token, server: token ? server : undefined });
    },
    /** Signing out without reaching the server: the token is dropped here and remembered to be ended where it was issued. */
    endLater(current: string) {
      const stored = load();
      if (!stored.token) return;
      save({ token: null, ended: [...stored.ended, { token: stored.token, server: stored.server ?? current, at: new Date(now()).toISOString() }] });
    },
    ended: (server: string) => load().ended.filter((e) => e.server === server),
    forgetEnded(token: string) {
      const stored = load();
      save({ ...stored, ended: stored.ended.filter((e) => e.token !== token) });
    },
  };
}
export type SessionVault = ReturnType<typeof createSessionVault>;

import { buildStudioApi, type Subscribe } from '../../../shared/api/build-studio-api';
import { StudioError, type Result } from '../../../shared/api/result';
import type { StudioApi, StudioEventName, StudioEvents } from '../../../shared/api/studio-api';
import { START_METHODS, START_PATH, TOKEN_PROTOCOL_PREFIX, WIRE_PROTOCOL } from '../../../shared/api/browser-mode';
import type { WireMessage } from '../../../shared/api/wire';

declare global {
  interface Window {
    /** Set by Electron's preload; absent in browser mode. */
    margin?: StudioApi;
  }
}

const TOKEN_KEY = 'margin.token';

/**
 * Browser mode's token: it arrives in the link's fragment (`#token=…`, never sent to a server),
 * is kept for this tab in sessionStorage (scoped by origin, port included, so two studios on two
 * ports keep their own), and is taken out of the address bar at once.
 */
function browserModeToken(): string | null {
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromLink) {
    sessionStorage.setItem(TOKEN_KEY, fromLink);
    history.replaceState(null, '', location.pathname + location.search);
    return fromLink;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/**
 * Each event's latest payload while the app starts: the socket opens (and the core says every
 * event's current value) before the stores and the app, loaded after it, subscribe. Each
 * subscriber until `started()` hears it; after that, events are only heard as they come.
 */
let early: Map<string, unknown> | null = new Map();

/** The app has mounted and subscribed: events are no longer kept for late subscribers. */
export function started(): void {
  early = null;
}

/** The StudioApi over browser mode's WebSocket. Calls made while disconnected fail as `unavailable`. */
function connectOverWebSocket(): StudioApi {
  const token = browserModeToken();
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket;
  let ready: Promise<void>;

  const connect = () => {
    if (!token) {
      ready = Promise.reject(new StudioError('unauthorized', 'Open the link browser mode printed when it started: it carries this studio’s private token.'));
      ready.catch(() => undefined);
      return;
    }
    // The token rides in the handshake as a subprotocol (a page cannot set other headers there);
    // the host answers with the plain protocol name, never the token.
    socket = new WebSocket(`ws://${location.host}/api`, [WIRE_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`]);
    ready = new Promise((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('close', () => reject(new StudioError('unavailable', 'The studio is not reachable.')), { once: true });
    });
    ready.catch(() => undefined);
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as WireMessage;
      if ('event' in message) {
        if (early) early.set(message.event, message.payload);
        for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
        return;
      }
      const call = pending.get(message.id);
      if (!call) return;
      pending.delete(message.id);
      const result = message.result as Result<unknown>;
      if (result.ok) call.resolve(result.data);
      else call.reject(new StudioError(result.error.code, result.error.message));
    });
    socket.addEventListener('close', () => {
      for (const call of pending.values()) call.reject(new StudioError('unavailable', 'The studio closed the connection.'));
      pending.clear();
      setTimeout(connect, 1000); // the host may be restarting; keep trying quietly
    });
  };
  connect();

  const call = async (method: string, input: unknown) => {
    await ready;
    return new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, input }));
    });
  };
  const on: Subscribe = <E extends StudioEventName>(event: E, listener: (payload: StudioEvents[E]) => void) => {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(listener as (payload: unknown) => void);
    // Subscribed while the app is still starting: hear what the core said before (it says every event's current value on connecting).
    if (early?.has(event)) {
      const payload = early.get(event) as StudioEvents[E];
      queueMicrotask(() => set.has(listener as (payload: unknown) => void) && listener(payload));
    }
    return () => set.delete(listener as (payload: unknown) => void);
  };
  return buildStudioApi(call, on);
}

/**
 * Browser mode's start-up answers (shared/api/browser-mode.ts) in one HTTP request, made at once:
 * a call over the socket leaves only once the page hears the socket open, and the page's main
 * thread, compiling the app meanwhile, hears it late. Each answer is its method's Result. Null
 * in the desktop app (IPC has no such wait) and without a token.
 */
export function fetchStartUp(): Promise<Array<Result<unknown>>> | null {
  const token = window.margin ? null : sessionStorage.getItem(TOKEN_KEY);
  if (!token) return null;
  return fetch(START_PATH, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' }).then(async (response) => {
    if (!response.ok) throw new StudioError('unavailable', `The studio answered ${response.status}.`);
    const results = (await response.json()) as Array<Result<unknown>>;
    if (!Array.isArray(results) || results.length !== START_METHODS.length) throw new StudioError('unavailable', 'The studio’s start-up answer was not understood.');
    return results;
  });
}

/** Electron's preload object when present, else browser mode's WebSocket. The rest of the UI cannot tell. */
export function connectStudio(): StudioApi {
  return window.margin ?? connectOverWebSocket();
}

export const isDesktop = (): boolean => window.margin !== undefined;

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

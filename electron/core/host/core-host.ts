import { fail } from '../../../shared/api/result';
import { APP_ORIGIN } from '../../../shared/api/ipc-channels';
import { studioEventNames, type StudioEventName } from '../../../shared/api/studio-api';
import { WireRequest, type WireMessage } from '../../../shared/api/wire';
import type { TokenVault } from '../community/token-vault';
import { createStudioCore, type StudioCore, type StudioCoreOptions } from '../studio-core';
import type { CoreToMain, MainToCore } from './host-protocol';

/** The parts of Electron's MessagePortMain the host uses (the core never imports `electron`). */
export interface PortMainLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}
/** `process.parentPort` in an Electron utility process. */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown; ports: PortMainLike[] }) => void): unknown;
  postMessage(message: unknown): void;
}

export interface CoreHostOptions {
  /** Left to the caller so tests can stay alive; the utility entry passes process.exit. */
  exit(code: number): void;
  createCore?: (options: StudioCoreOptions) => StudioCore;
}

export interface CoreHost {
  /** Asks main for a desktop notification (Electron's Notification). */
  notify(title: string, body?: string): void;
  /** Sets the dock/taskbar badge to an unread count (0 clears it). */
  badge(count: number): void;
}

/**
 * The studio core in Electron's utility process: main sends `init`, then one `connect` per
 * window with that window's MessagePort. Each port carries StudioApi requests `{ id, method,
 * input }`, answered `{ id, result }` with a `Result`, and every core and shell event as
 * `{ event, payload }`. The synchronous SQLite work and the parsing of large documents run
 * here, so the main process (and with it every window's input) never waits on them.
 */
export function runCoreHost(parent: ParentPortLike, options: CoreHostOptions): CoreHost {
  const post = (message: CoreToMain) => parent.postMessage(message);
  const ports = new Set<PortMainLike>();
  let core: StudioCore | undefined;

  parent.on('message', ({ data, ports: transferred }) => {
    const message = data as MainToCore;
    switch (message?.type) {
      case 'init': {
        if (core) return;
        let token = message.token;
        // safeStorage lives in main: the host keeps the token in memory and hands writes back.
        const vault: TokenVault = {
          read: () => token,
          write: (next) => {
            token = next;
            post({ type: 'vault-write', token: next });
          },
        };
        try {
          core = (options.createCore ?? createStudioCore)({ dataDir: message.dataDir, host: 'electron', nativeBinding: message.nativeBinding, tokenVault: vault });
          followUnread(core, (count) => post({ type: 'badge', count }));
          post({ type: 'ready' });
        } catch (error) {
          post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
        }
        return;
      }
      case 'connect': {
        const port = transferred[0];
        if (!port) return;
        // Main checked the frame; the host refuses anything it did not vouch for all the same.
        if (!core || message.origin !== APP_ORIGIN) return void port.close();
        servePort(core, port, ports);
        return;
      }
      case 'shell-event':
        for (const port of ports) port.postMessage({ event: message.event, payload: message.payload } satisfies WireMessage);
        return;
      case 'community-url':
        core?.setLocalCommunityUrl(message.url);
        return;
      case 'quit':
        for (const port of ports) port.close();
        ports.clear();
        core?.close(); // checkpoints the WAL and releases the data folder's lock
        core = undefined;
        post({ type: 'closed' });
        options.exit(0);
        return;
    }
  });

  return {
    notify: (title, body = '') => post({ type: 'notify', title, body }),
    badge: (count) => post({ type: 'badge', count }),
  };
}

/**
 * The dock/taskbar badge follows the notification centre's unread count (the core's
 * `notifications:changed` event), which only main can show. Desktop notifications themselves
 * are left to the page (the web Notification API, allowed for our origin) or to `notify`.
 */
const UNREAD_EVENT = 'notifications:changed' as StudioEventName;
function followUnread(core: StudioCore, badge: (count: number) => void): void {
  let last = -1;
  const show = (summary: unknown) => {
    const unread = (summary as { unread?: unknown } | null)?.unread;
    const count = typeof unread === 'number' && Number.isFinite(unread) ? Math.max(0, Math.floor(unread)) : 0;
    if (count !== last) badge((last = count));
  };
  if (core.current(UNREAD_EVENT) !== undefined) show(core.current(UNREAD_EVENT));
  core.on(UNREAD_EVENT, show);
}

/** One window's port: requests in, results and events out, until either side closes it. */
function servePort(core: StudioCore, port: PortMainLike, ports: Set<PortMainLike>): void {
  const send = (message: WireMessage) => port.postMessage(message);
  const offs = studioEventNames.map((event) => {
    send({ event, payload: core.current(event) });
    return core.on(event, (payload) => send({ event, payload }));
  });
  ports.add(port);
  port.on('close', () => {
    ports.delete(port);
    offs.forEach((off) => off());
  });
  port.on('message', async ({ data }) => {
    const parsed = WireRequest.safeParse(data);
    if (!parsed.success) return send({ id: -1, result: fail('invalid_input', 'A message to the studio was not a well-formed request.') });
    const { id, method, input } = parsed.data;
    send({ id, result: await core.call(method, input) });
  });
  port.start();
}

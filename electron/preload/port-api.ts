import { buildStudioApi } from '../../shared/api/build-studio-api';
import { STUDIO_CONNECT_CHANNEL, STUDIO_PORT_CHANNEL } from '../../shared/api/ipc-channels';
import type { Result } from '../../shared/api/result';
import { shellEventNames, type DesktopStudioApi } from '../../shared/api/shell-events';
import type { WireMessage } from '../../shared/api/wire';

/** The DOM MessagePort the preload receives (Node's worker_threads MessagePort has the same shape). */
export interface PortLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: () => void): void;
  start(): void;
}
/** The parts of ipcRenderer the preload uses: one request, one answer carrying the port. */
export interface IpcRendererLike {
  send(channel: string): void;
  once(channel: string, listener: (event: { ports: readonly PortLike[] }) => void): unknown;
}

const unavailable = (message: string) => Object.assign(new Error(message), { code: 'unavailable' });

/**
 * StudioApi over a MessagePort straight to the core's utility process. The port is asked of
 * main once (main checks this page's origin); calls made before it arrives wait for it.
 * Errors are rejected as Error objects with `code` and `message` (contextBridge keeps the message).
 */
export function createPortStudioApi(ipc: IpcRendererLike): DesktopStudioApi {
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let closed = false;
  const unheard = new Map<string, unknown>();

  const port = new Promise<PortLike>((resolve) => {
    ipc.once(STUDIO_PORT_CHANNEL, (event) => {
      const received = event.ports[0];
      if (!received) return;
      received.addEventListener('message', ({ data }) => {
        const message = data as WireMessage;
        if ('event' in message) {
          const heard = listeners.get(message.event);
          if (heard?.size) return heard.forEach((listener) => listener(message.payload));
          // A deep link or menu command can arrive before the UI subscribes: keep the latest.
          if ((shellEventNames as string[]).includes(message.event)) unheard.set(message.event, message.payload);
          return;
        }
        const call = pending.get(message.id);
        if (!call) return;
        pending.delete(message.id);
        const result = message.result as Result<unknown>;
        if (result.ok) call.resolve(result.data);
        else call.reject(Object.assign(new Error(result.error.message), { code: result.error.code }));
      });
      received.addEventListener('close', () => {
        closed = true;
        for (const call of pending.values()) call.reject(unavailable('The studio core stopped; nothing saved was lost. Margin restarts it.'));
        pending.clear();
      });
      received.start();
      resolve(received);
    });
  });
  ipc.send(STUDIO_CONNECT_CHANNEL);

  const call = async (method: string, input: unknown) => {
    const target = await port;
    if (closed) throw unavailable('The studio core is not running.');
    return new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      target.postMessage({ id, method, input });
    });
  };
  const on = (event: string, listener: (payload: unknown) => void) => {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(listener);
    if (unheard.has(event)) {
      const payload = unheard.get(event);
      unheard.delete(event);
      queueMicrotask(() => listener(payload));
    }
    return () => void set.delete(listener);
  };
  return buildStudioApi(call, on as never) as DesktopStudioApi;
}

import { fail, type Result } from '../../shared/api/result';
import { STUDIO_EVENT_CHANNEL, studioChannel } from '../../shared/api/ipc-channels';
import { studioMethodNames } from '../../shared/schemas/studio';
import { studioEventNames } from '../../shared/api/studio-api';
import type { StudioCore } from '../core/studio-core';

/** The part of Electron's ipcMain this module uses (structural, so it is testable without Electron). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame?: { url: string } | null }, input: unknown) => unknown): void;
  removeHandler(channel: string): void;
}
export interface WebContentsLike {
  send(channel: string, message: unknown): void;
  isDestroyed(): boolean;
}

/**
 * Registers every StudioApi method on its own ipcMain channel. Each call is checked to come
 * from our renderer page, then validated and run by the core; it answers a `Result`.
 * Returns the disposer.
 */
export function registerStudioIpc(ipcMain: IpcMainLike, core: StudioCore, isTrusted: (url: string | undefined) => boolean): () => void {
  for (const method of studioMethodNames) {
    ipcMain.handle(studioChannel(method), async (event, input): Promise<Result<unknown>> => {
      if (!isTrusted(event.senderFrame?.url)) return fail('unavailable', 'This page may not use the studio.');
      return core.call(method, input);
    });
  }
  return () => studioMethodNames.forEach((method) => ipcMain.removeHandler(studioChannel(method)));
}

/** Forwards core events to a window. Returns the disposer. */
export function forwardStudioEvents(core: StudioCore, contents: WebContentsLike): () => void {
  const send = (event: string, payload: unknown) => {
    if (!contents.isDestroyed()) contents.send(STUDIO_EVENT_CHANNEL, { event, payload });
  };
  const offs = studioEventNames.map((event) => {
    send(event, core.current(event));
    return core.on(event, (payload) => send(event, payload));
  });
  return () => offs.forEach((off) => off());
}

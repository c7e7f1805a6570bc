import { buildStudioApi } from '../../shared/api/build-studio-api';
import { STUDIO_EVENT_CHANNEL, studioChannel } from '../../shared/api/ipc-channels';
import type { Result } from '../../shared/api/result';
import type { StudioApi } from '../../shared/api/studio-api';

/** The part of ipcRenderer the preload uses. */
export interface IpcRendererLike {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, message: unknown) => void): void;
  removeListener(channel: string, listener: (event: unknown, message: unknown) => void): void;
}

/**
 * StudioApi over IPC: each method invokes its channel and unwraps the `Result`. Errors are
 * rejected as Error objects with `code` and `message` (contextBridge keeps the message).
 */
export function createPreloadApi(ipc: IpcRendererLike): StudioApi {
  return buildStudioApi(
    async (method, input) => {
      const result = (await ipc.invoke(studioChannel(method), input)) as Result<unknown>;
      if (result.ok) return result.data;
      throw Object.assign(new Error(result.error.message), { code: result.error.code });
    },
    (event, listener) => {
      const handler = (_: unknown, message: unknown) => {
        const m = message as { event: string; payload: never };
        if (m.event === event) listener(m.payload);
      };
      ipc.on(STUDIO_EVENT_CHANNEL, handler);
      return () => ipc.removeListener(STUDIO_EVENT_CHANNEL, handler);
    },
  );
}

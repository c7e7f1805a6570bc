import { APP_ORIGIN, STUDIO_CONNECT_CHANNEL, STUDIO_PORT_CHANNEL } from '../../shared/api/ipc-channels';
import { isAppUrl } from './window-options';

/** The parts of Electron's WebFrameMain, IpcMainEvent and ipcMain used here. */
export interface FrameLike {
  readonly url: string;
  readonly processId?: number;
  readonly routingId?: number;
  postMessage(channel: string, message: unknown, transfer?: unknown[]): void;
}
export interface ConnectEvent {
  senderFrame: FrameLike | null;
  sender: { mainFrame: FrameLike };
}
export interface IpcMainLike {
  on(channel: string, listener: (event: ConnectEvent) => void): unknown;
  removeListener(channel: string, listener: (event: ConnectEvent) => void): unknown;
}

/**
 * Answers a window's request for its studio port: only the app's own page, in a window's
 * main frame (no iframe, no other origin), gets one. Main makes a MessageChannelMain, gives
 * one end to that frame and the other to the core, and is out of the path from then on.
 * Returns the disposer.
 */
export function registerStudioPorts(
  ipcMain: IpcMainLike,
  deps: { newChannel(): { port1: unknown; port2: unknown }; connect(port: unknown, origin: string): void },
  isTrusted: (url: string) => boolean = isAppUrl,
): () => void {
  const onConnect = (event: ConnectEvent) => {
    const frame = event.senderFrame;
    if (!frame || !isMainFrame(frame, event.sender.mainFrame) || !isTrusted(frame.url)) {
      console.warn(`[margin] refused a studio port to ${frame ? JSON.stringify(frame.url.slice(0, 100)) : 'a gone frame'}`);
      return;
    }
    const { port1, port2 } = deps.newChannel();
    deps.connect(port2, APP_ORIGIN);
    frame.postMessage(STUDIO_PORT_CHANNEL, null, [port1]);
  };
  ipcMain.on(STUDIO_CONNECT_CHANNEL, onConnect);
  return () => ipcMain.removeListener(STUDIO_CONNECT_CHANNEL, onConnect);
}

/** The window's top frame, by identity or by its (process, routing) ids, never an iframe. */
function isMainFrame(frame: FrameLike, main: FrameLike): boolean {
  if (frame === main) return true;
  return frame.processId !== undefined && frame.routingId !== undefined && frame.processId === main.processId && frame.routingId === main.routingId;
}

import { EventEmitter } from 'node:events';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { ParentPortLike, PortMainLike } from '../../../electron/core/host/core-host';
import type { ForkUtility, UtilityProcessLike } from '../../../electron/main/core-process';
import type { ConnectEvent, FrameLike, IpcMainLike } from '../../../electron/main/studio-port';
import type { IpcRendererLike, PortLike } from '../../../electron/preload/port-api';

/**
 * Small stand-ins for the Electron APIs the shell uses (Electron cannot run on these
 * machines), built on real node:worker_threads MessageChannels. Everything of ours (the core,
 * its host, main's routing, the preload's API) is the real code.
 */

/** Electron's MessagePortMain over a real Node port: messages queue until start(), then arrive as `{ data }`. */
export class FakePortMain extends EventEmitter implements PortMainLike {
  private started = false;
  constructor(readonly node: MessagePort) {
    super();
    node.on('close', () => this.emit('close'));
  }
  postMessage(message: unknown): void {
    this.node.postMessage(message);
  }
  start(): void {
    if (this.started) return;
    this.started = true;
    this.node.on('message', (data) => this.emit('message', { data, ports: [] }));
  }
  close(): void {
    this.node.close();
  }
}

/** MessageChannelMain: port1 goes to a window (where it becomes a DOM-like port), port2 to the core. */
export const fakeChannelMain = () => {
  const { port1, port2 } = new MessageChannel();
  return { port1: new FakePortMain(port1), port2: new FakePortMain(port2) };
};

/**
 * utilityProcess.fork, running the child's code in this process: `run` gets the child's
 * `process.parentPort`. Messages are structured-cloned and ports transferred as Electron does.
 */
export function fakeFork(run: (parentPort: ParentPortLike, exit: (code: number) => void) => void): { fork: ForkUtility; children: FakeUtility[] } {
  const children: FakeUtility[] = [];
  const fork: ForkUtility = () => {
    const child = new FakeUtility();
    children.push(child);
    queueMicrotask(() => run(child.parentPort, (code) => child.exit(code)));
    return child;
  };
  return { fork, children };
}

export class FakeUtility extends EventEmitter implements UtilityProcessLike {
  killed = false;
  private readonly toChild = new EventEmitter();
  private alive = true;
  readonly parentPort: ParentPortLike = {
    on: (event, listener) => this.toChild.on(event, listener),
    postMessage: (message) => {
      const copy = structuredClone(message);
      setImmediate(() => this.alive && this.emit('message', copy));
    },
  };
  postMessage(message: unknown, transfer: unknown[] = []): void {
    const data = structuredClone(message);
    setImmediate(() => this.alive && this.toChild.emit('message', { data, ports: transfer as PortMainLike[] }));
  }
  kill(): boolean {
    this.killed = true;
    this.exit(-1);
    return true;
  }
  exit(code: number): void {
    if (!this.alive) return;
    this.alive = false;
    setImmediate(() => this.emit('exit', code));
  }
}

/** ipcMain, ipcRenderer and the window's main frame for one page at `url`. */
export function fakeWindow(url: string) {
  const mainListeners = new Map<string, (event: ConnectEvent) => void>();
  const rendererListeners = new Map<string, (event: { ports: readonly PortLike[] }) => void>();
  const posted: { channel: string; ports: number }[] = [];
  const frame: FrameLike & { url: string } = {
    url,
    postMessage(channel, _message, transfer = []) {
      posted.push({ channel, ports: transfer.length });
      // Electron hands a MessagePortMain to the page as a DOM MessagePort: here, the Node port.
      const ports = (transfer as FakePortMain[]).map((p) => p.node as unknown as PortLike);
      setImmediate(() => rendererListeners.get(channel)?.({ ports }));
    },
  };
  const sender = { mainFrame: frame };
  const ipcMain: IpcMainLike = {
    on: (channel, listener) => mainListeners.set(channel, listener),
    removeListener: (channel) => mainListeners.delete(channel),
  };
  const ipcRendererFrom = (senderFrame: FrameLike): IpcRendererLike => ({
    send: (channel) => setImmediate(() => mainListeners.get(channel)?.({ senderFrame, sender })),
    once: (channel, listener) => rendererListeners.set(channel, listener),
  });
  return { frame, ipcMain, ipcRenderer: ipcRendererFrom(frame), ipcRendererFrom, posted, mainListeners };
}

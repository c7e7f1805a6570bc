import type { ShellEventName, ShellEvents } from '../../shared/api/shell-events';
import type { TokenVault } from '../core/community/token-vault';
import { CoreToMain, type MainToCore } from '../core/host/host-protocol';

/** The parts of Electron's UtilityProcess used here (structural: tested without Electron). */
export interface UtilityProcessLike {
  postMessage(message: unknown, transfer?: unknown[]): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}
export type ForkUtility = (
  modulePath: string,
  args: string[],
  options: { serviceName: string; stdio?: 'pipe' | 'inherit' | 'ignore'; env?: NodeJS.ProcessEnv },
) => UtilityProcessLike;

export interface CoreProcessOptions {
  fork: ForkUtility;
  /** The bundled core host (out/main/core-host.cjs). */
  entry: string;
  dataDir: string;
  nativeBinding?: string;
  /** The safeStorage vault: read once for `init`, written when the core says the token changed. */
  vault: TokenVault;
  notify(title: string, body: string): void;
  badge(count: number): void;
  /** The core's process ended without being asked to. */
  onCrash(code: number): void;
}

export interface CoreProcess {
  /** Hands a window's port to the core; `origin` is what main checked the window against. */
  connect(port: unknown, origin: string): void;
  shellEvent<E extends ShellEventName>(event: E, payload: ShellEvents[E]): void;
  setCommunityUrl(url: string | null): void;
  /** Closes the core (WAL checkpoint, lock released), killing it if it has not finished in time. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Starts the studio core in a utility process and resolves once it has opened the studio
 * (rejects with the core's message if it could not: a locked or newer data folder, say).
 * Main only routes: it never runs a StudioApi call itself.
 */
export function startCoreProcess(options: CoreProcessOptions): Promise<CoreProcess> {
  const child = options.fork(options.entry, [], { serviceName: 'Margin studio core', stdio: 'inherit' });
  const send = (message: MainToCore, transfer?: unknown[]) => child.postMessage(message, transfer);
  let exited = false;
  let stopping: Promise<void> | undefined;
  let closed: () => void = () => undefined;

  return new Promise((resolve, reject) => {
    let ready = false;
    child.on('exit', (code) => {
      exited = true;
      closed();
      if (!ready) reject(new Error(`The studio core stopped while opening (exit ${code}).`));
      else if (!stopping) options.onCrash(code);
    });
    child.on('message', (raw) => {
      const parsed = CoreToMain.safeParse(raw);
      if (!parsed.success) return console.error('[margin] ignored a malformed message from the core');
      const message = parsed.data;
      switch (message.type) {
        case 'ready':
          ready = true;
          resolve(api);
          return;
        case 'failed':
          child.kill();
          reject(new Error(message.message));
          return;
        case 'vault-write':
          options.vault.write(message.token);
          return;
        case 'notify':
          options.notify(message.title, message.body);
          return;
        case 'badge':
          options.badge(message.count);
          return;
        case 'closed':
          closed();
          return;
      }
    });
    const api: CoreProcess = {
      connect: (port, origin) => send({ type: 'connect', origin }, [port]),
      shellEvent: (event, payload) => send({ type: 'shell-event', event, payload } as MainToCore),
      setCommunityUrl: (url) => send({ type: 'community-url', url }),
      stop: (timeoutMs = 5000) =>
        (stopping ??= exited
          ? Promise.resolve()
          : new Promise<void>((done) => {
              const timer = setTimeout(() => {
                child.kill();
                done();
              }, timeoutMs);
              closed = () => {
                clearTimeout(timer);
                done();
              };
              send({ type: 'quit' });
            })),
    };
    send({ type: 'init', dataDir: options.dataDir, nativeBinding: options.nativeBinding, token: options.vault.read() });
  });
}

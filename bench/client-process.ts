import { fork, type ChildProcess } from 'node:child_process';

/**
 * A process of simulated clients, driven over IPC. Real writers each have their own machine;
 * 2,000 clients in the bench's own process made its event loop part of every latency
 * measured, so the benches spread their clients over a few of these.
 */
export interface ClientProcess {
  child: ChildProcess;
  /** The next message of this type (an `error` message rejects). */
  next<T>(type: string): Promise<T>;
  send(message: object): void;
}

// A bench that fails (or ends with process.exit) leaves no clients behind.
const alive = new Set<ChildProcess>();
process.once('exit', () => alive.forEach((child) => child.kill('SIGKILL')));

export function forkClients(script: string): ClientProcess {
  const child = fork(script, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  alive.add(child);
  child.once('exit', () => alive.delete(child));
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: { type: string; message?: string }) => {
        if (m.type === 'error') reject(new Error(m.message));
        else if (m.type === type) resolve(m as T);
        else return;
        child.off('message', onMessage);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`client process exited (${code})`)));
    });
  return { child, next, send: (m) => child.send(m) };
}

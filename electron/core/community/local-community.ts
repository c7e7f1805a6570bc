import { spawn } from 'node:child_process';
import path from 'node:path';

export interface LocalCommunity {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the community server on this computer (SQLite in the data directory) as a child
 * process, so a newcomer sees the community working at once. A process, not an import:
 * the studio's hosts never import server code. The child exits if this process dies.
 */
export function startLocalCommunity(command: string[], dataDir: string, cwd: string, env: NodeJS.ProcessEnv = {}): Promise<LocalCommunity> {
  const [exe, ...args] = command;
  const child = spawn(exe!, [...args, '--port', '0', '--db', `sqlite:${path.join(dataDir, 'community.db')}`], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', MARGIN_PARENT_PID: String(process.pid) },
  });
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the local community server did not start:\n${log}`)), 30_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /MARGIN_SERVER_PORT (\d+)/.exec(log);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: `http://127.0.0.1:${match[1]}`,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the local community server exited (${code}):\n${log}`));
    });
  });
}

import path from 'node:path';
import type { Readable } from 'node:stream';
import type { ForkUtility, UtilityProcessLike } from './core-process';

export interface LocalCommunityProcess {
  url: string;
  stop(): Promise<void>;
}

/**
 * The community server on this computer (SQLite in the data folder), in a utility process:
 * the bundled server (out/main/community-server.cjs) run by Electron's own Node without
 * ELECTRON_RUN_AS_NODE, which the packaged app's fuses turn off. Resolves with its address
 * once it prints `MARGIN_SERVER_PORT <port>`.
 */
export function startCommunityProcess(
  fork: ForkUtility,
  entry: string,
  dataDir: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 30_000,
): Promise<LocalCommunityProcess> {
  const child = fork(entry, ['--port', '0', '--host', '127.0.0.1', '--db', `sqlite:${path.join(dataDir, 'community.db')}`], {
    serviceName: 'Margin community server',
    stdio: 'pipe',
    env: { ...env, LOG_LEVEL: env.LOG_LEVEL ?? 'warn', MARGIN_PARENT_PID: String(process.pid) },
  }) as UtilityProcessLike & { stdout?: Readable | null; stderr?: Readable | null };
  let log = '';
  let exited = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the local community server did not start:\n${log.slice(-2000)}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /MARGIN_SERVER_PORT (\d+)/.exec(log);
      if (!match) return;
      clearTimeout(timer);
      log = '';
      resolve({
        url: `http://127.0.0.1:${match[1]}`,
        stop: () =>
          new Promise((done) => {
            if (exited) return done();
            child.on('exit', () => done());
            child.kill();
          }),
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      exited = true;
      clearTimeout(timer);
      reject(new Error(`the local community server exited (${code}):\n${log.slice(-2000)}`));
    });
  });
}

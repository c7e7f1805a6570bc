import { fork as forkNode } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCommunityProcess } from '../../../electron/main/community-process';
import type { ForkUtility } from '../../../electron/main/core-process';
import { tempDir } from '../../helpers/temp-dir';

/**
 * utilityProcess.fork stood in for by Node's own fork (with tsx, on the server's source instead
 * of its bundle); the server is the real one, on SQLite in a temp data folder.
 */
function nodeFork(seen: { args?: string[]; env?: NodeJS.ProcessEnv; options?: unknown }, execArgv = ['--import', 'tsx']): ForkUtility {
  return (modulePath, args, options) => {
    Object.assign(seen, { args, env: options.env, options });
    const child = forkNode(modulePath, args, { execArgv, env: options.env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    return Object.assign(child, { postMessage: (m: unknown) => void child.send(m as never) }) as never;
  };
}

describe('the local community server in a utility process', () => {
  it('starts the real server on loopback with the data folder’s database, without ELECTRON_RUN_AS_NODE, and stops it', async () => {
    const dataDir = tempDir();
    const seen: { args?: string[]; env?: NodeJS.ProcessEnv; options?: unknown } = {};
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    const local = await startCommunityProcess(nodeFork(seen), path.resolve('server/index.ts'), dataDir, env);
    try {
      expect(local.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = (await (await fetch(`${local.url}/healthz`)).json()) as { ok: boolean; store: string };
      expect(health).toMatchObject({ ok: true, store: 'sqlite' });
      expect(fs.existsSync(path.join(dataDir, 'community.db'))).toBe(true);
      expect(seen.args).toEqual(['--port', '0', '--host', '127.0.0.1', '--db', `sqlite:${path.join(dataDir, 'community.db')}`]);
      expect(seen.env?.ELECTRON_RUN_AS_NODE).toBeUndefined();
      expect(seen.env?.MARGIN_PARENT_PID).toBe(String(process.pid));
      expect(seen.options).toMatchObject({ serviceName: 'Margin community server', stdio: 'pipe' });
    } finally {
      await local.stop();
    }
    await expect(fetch(`${local.url}/healthz`)).rejects.toThrow();
  });

  it('runs from the built bundle (out/main/community-server.cjs), as packaged', async () => {
    const entry = path.resolve('out/main/community-server.cjs');
    if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
    const local = await startCommunityProcess(nodeFork({}, []), entry, tempDir(), process.env);
    try {
      expect(await (await fetch(`${local.url}/healthz`)).json()).toMatchObject({ ok: true, store: 'sqlite' });
    } finally {
      await local.stop();
    }
  });

  it('says why when the server cannot start', async () => {
    const bad = path.join(tempDir(), 'not-a-server.mjs');
    fs.writeFileSync(bad, 'console.error("boom: no database"); process.exit(3);');
    await expect(startCommunityProcess(nodeFork({}), bad, tempDir(), process.env)).rejects.toThrow(/exited \(3\)[\s\S]*boom: no database/);
  });
});

import path from 'node:path';
import pino from 'pino';
import { onTestFinished } from 'vitest';
import { unwrap, type Result } from '../../shared/api/result';
import { createStudioCore, type StudioCore } from '../../electron/core/studio-core';
import { createCommunityServer } from '../../server/app';
import { openStore } from '../../server/store/open-store';
import { tempDir } from './temp-dir';

/** A community server on a SQLite file, so a test can stop it and start it again on the same port. */
export async function serverOn(dbFile = path.join(tempDir(), 'community.db'), port = 0) {
  const store = await openStore(`sqlite:${dbFile}`);
  // Posting limits raised: studio tests are not about them (tests/integration/server/moderation-site.test.ts is).
  const server = createCommunityServer({ store, logger: pino({ level: 'silent' }), tickMs: 100, limits: { burst: 400, perSecond: 200 }, postLimitScale: 1000 });
  const actual = await server.listen(port);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await server.close();
  };
  onTestFinished(close);
  return { server, store, dbFile, port: actual, url: `http://127.0.0.1:${actual}`, close };
}

export const call = async <T = any>(core: StudioCore, method: string, input: unknown = {}) => unwrap((await core.call(method, input)) as Result<T>);

/** A studio with its own data folder, pointed at `url`, with a new account signed in. */
export async function studioFor(url: string, name: string, dataDir = tempDir(), options: { clock?: () => Date } = {}) {
  const core = createStudioCore({ dataDir, host: 'browser', deviceName: name, communityBackoff: { delayMs: 100, maxDelayMs: 300 }, ...options });
  onTestFinished(() => core.close());
  await call(core, 'community.setServer', { url });
  await waitFor(() => core.current('sync:status').state === 'offline', `${name} reached the server`);
  const status = await call(core, 'community.register', { username: name, password: 'a long enough password' });
  return { core, userId: status.account.id as string, name, dataDir };
}

/** Polls until `test` holds: for effects that arrive over the network, in their own time. */
export async function waitFor(test: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

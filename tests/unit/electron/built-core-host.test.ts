import fs from 'node:fs';
import path from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../shared/api/ipc-channels';
import { startCoreProcess, type CoreProcess, type ForkUtility } from '../../../electron/main/core-process';
import { createPortStudioApi, type PortLike } from '../../../electron/preload/port-api';
import { tempDir } from '../../helpers/temp-dir';

/**
 * The built core host (out/main/core-host.cjs, as packaged) in a thread of its own, started
 * and routed by main's real code, answering the preload's real API: the bundle's chunks and
 * externals load, and the host speaks the same protocol as its source.
 */
const entry = path.resolve('out/main/core-host.cjs');
const running: CoreProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((core) => core.stop(3000)));
});

const threadFork: ForkUtility = (modulePath) => {
  const worker = new Worker(new URL('./utility-shim.mjs', import.meta.url), { workerData: { entry: modulePath } });
  return {
    postMessage: (data, transfer = []) => worker.postMessage({ data, ports: transfer }, transfer as never),
    on: (event: 'message' | 'exit', listener: (arg: any) => void) => worker.on(event, listener),
    kill: () => (void worker.terminate(), true),
  };
};

describe('the built core host', () => {
  it('serves StudioApi to the preload over a port, from its own thread, and closes the studio on quit', async () => {
    if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
    const dataDir = tempDir();
    const core = await startCoreProcess({
      fork: threadFork,
      entry,
      dataDir,
      vault: { read: () => null, write: () => undefined },
      notify: () => undefined,
      badge: () => undefined,
      onCrash: () => undefined,
    });
    running.push(core);
    const { port1, port2 } = new MessageChannel();
    core.connect(port2, APP_ORIGIN);
    const api = createPortStudioApi({
      send: () => undefined,
      once: (_channel, listener) => setImmediate(() => listener({ ports: [port1 as unknown as PortLike] })),
    });
    const project = await api.projects.create({ title: 'Built' });
    expect((await api.projects.list()).map((p) => p.title)).toContain('Built');
    await expect(api.projects.rename({ id: project.id, title: '' })).rejects.toMatchObject({ code: 'invalid_input' });
    await core.stop();
    port1.close();
    expect(fs.existsSync(path.join(dataDir, 'margin.lock'))).toBe(false);
  });
});

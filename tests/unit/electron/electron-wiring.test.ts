import { describe, expect, it } from 'vitest';
import { STUDIO_EVENT_CHANNEL, studioChannel } from '../../../shared/api/ipc-channels';
import type { Result } from '../../../shared/api/result';
import { studioMethodNames } from '../../../shared/schemas/studio';
import { createStudioCore } from '../../../electron/core/studio-core';
import { forwardStudioEvents, registerStudioIpc, type IpcMainLike } from '../../../electron/main/studio-ipc';
import { isTrustedRendererUrl, secureWindowOptions } from '../../../electron/main/window-options';
import { createPreloadApi } from '../../../electron/preload/preload-api';
import { tempDir } from '../../helpers/temp-dir';

const RENDERER = 'file:///opt/Margin/resources/app.asar/out/renderer/index.html';

/**
 * Electron cannot run on these machines, so ipcMain/ipcRenderer are stood in for by a
 * minimal in-memory pair with Electron's signatures; everything of ours (core, IPC
 * registration, preload API) is the real code.
 */
function fakeIpc(senderUrl: string) {
  const handlers = new Map<string, Parameters<IpcMainLike['handle']>[1]>();
  const listeners = new Map<string, Set<(e: unknown, m: unknown) => void>>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
  const ipcRenderer = {
    invoke: async (channel: string, input: unknown) => {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return structuredClone(await handler({ senderFrame: { url: senderUrl } }, structuredClone(input)));
    },
    on: (channel: string, l: (e: unknown, m: unknown) => void) => {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(l);
    },
    removeListener: (channel: string, l: (e: unknown, m: unknown) => void) => listeners.get(channel)?.delete(l),
  };
  const webContents = {
    send: (channel: string, message: unknown) => listeners.get(channel)?.forEach((l) => l({}, message)),
    isDestroyed: () => false,
  };
  return { handlers, ipcMain, ipcRenderer, webContents };
}

describe('Electron wiring', () => {
  it('opens windows with the secure options', () => {
    const options = secureWindowOptions('/app/preload.cjs');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    });
  });

  it('trusts only our renderer page loaded from disk', () => {
    expect(isTrustedRendererUrl(RENDERER, RENDERER)).toBe(true);
    expect(isTrustedRendererUrl(`${RENDERER}#x`, RENDERER)).toBe(true);
    expect(isTrustedRendererUrl('https://evil.example/out/renderer/index.html', RENDERER)).toBe(false);
    expect(isTrustedRendererUrl('file:///tmp/index.html', RENDERER)).toBe(false);
    expect(isTrustedRendererUrl(undefined, RENDERER)).toBe(false);
  });

  it('gives every StudioApi method its own channel, and the preload reaches each one', async () => {
    const core = createStudioCore({ dataDir: tempDir(), host: 'electron' });
    const ipc = fakeIpc(RENDERER);
    const dispose = registerStudioIpc(ipc.ipcMain, core, (url) => isTrustedRendererUrl(url, RENDERER));
    expect([...ipc.handlers.keys()].sort()).toEqual(studioMethodNames.map(studioChannel).sort());

    const api = createPreloadApi(ipc.ipcRenderer);
    for (const method of studioMethodNames) {
      const [domain, name] = method.split('.') as [string, string];
      expect(typeof (api as any)[domain][name], method).toBe('function');
    }
    const project = await api.projects.create({ title: 'Over IPC' });
    const doc = await api.documents.create({ projectId: project.id, title: 'One' });
    expect((await api.documents.tree({ projectId: project.id })).map((d) => d.id)).toEqual([doc.id]);
    await expect(api.documents.open({ id: 'not-a-uuid' })).rejects.toMatchObject({ code: 'invalid_input' });

    dispose();
    expect(ipc.handlers.size).toBe(0);
    core.close();
  });

  it('refuses calls from any other page', async () => {
    const core = createStudioCore({ dataDir: tempDir(), host: 'electron' });
    const ipc = fakeIpc('https://evil.example/');
    registerStudioIpc(ipc.ipcMain, core, (url) => isTrustedRendererUrl(url, RENDERER));
    const result = (await ipc.ipcRenderer.invoke(studioChannel('projects.list'), {})) as Result<unknown>;
    expect(result).toEqual({ ok: false, error: { code: 'unavailable', message: 'This page may not use the studio.' } });
    core.close();
  });

  it('forwards core events to the window on one channel', async () => {
    const core = createStudioCore({ dataDir: tempDir(), host: 'electron' });
    const ipc = fakeIpc(RENDERER);
    const seen: unknown[] = [];
    createPreloadApi(ipc.ipcRenderer).on('sync:status', (s) => seen.push(s));
    const stop = forwardStudioEvents(core, ipc.webContents);
    expect(seen).toEqual([{ state: 'offline', reason: expect.any(String) }]);
    // Every other studio event travels the same channel.
    const ticks: unknown[] = [];
    createPreloadApi(ipc.ipcRenderer).on('sprint:tick', (t) => ticks.push(t));
    forwardStudioEvents(core, ipc.webContents)();
    expect(ticks).toEqual([null]);
    expect(STUDIO_EVENT_CHANNEL).toBe('studio:event');
    stop();
    core.close();
  });
});

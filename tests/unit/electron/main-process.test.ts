import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStudioCore } from '../../../electron/core/studio-core';
import { createPortStudioApi } from '../../../electron/preload/port-api';
import { tempDir } from '../../helpers/temp-dir';
import { createFakeElectron } from './fake-electron';

// electron/main/index.ts, the shell's composition root, run against stand-ins for Electron's API.
let mockElectron: ReturnType<typeof createFakeElectron>;
// The mock registry outlives vi.resetModules, so the module forwards to each test's fake.
vi.mock('electron', () => {
  const current = () => mockElectron.electron as Record<string | symbol, unknown>;
  return new Proxy({}, { get: (_, key) => current()[key], has: (_, key) => key in current(), ownKeys: () => Reflect.ownKeys(current()), getOwnPropertyDescriptor: (_, key) => ({ configurable: true, enumerable: true, value: current()[key] }) });
});

const until = async (done: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

async function launch(setup: (fake: ReturnType<typeof createFakeElectron>) => void = () => undefined) {
  mockElectron = createFakeElectron();
  setup(mockElectron);
  vi.resetModules();
  await import('../../../electron/main/index');
  return mockElectron;
}

let dataDir: string;
beforeEach(() => {
  dataDir = tempDir();
  process.env.MARGIN_DATA_DIR = dataDir;
  (globalThis as Record<string, unknown>).__MARGIN_UPDATE_FEED__ = '';
});
afterEach(() => {
  delete process.env.MARGIN_DATA_DIR;
});

describe('the main process', () => {
  it('registers app:// before ready, runs the core in a utility process, opens one guarded window on app://, and quits cleanly', async () => {
    const { app, calls, windows, menus, forks, electron } = await launch();
    expect(calls).toContain('privileged app (before ready)');
    expect(calls).toContain('sandbox (before ready)');
    app.ready!();
    await until(() => windows.length === 1);
    const win = windows[0]!;
    expect(win.loaded).toBe('app://margin/index.html');
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, preload: expect.stringMatching(/preload[/\\]index\.cjs$/) });
    expect(calls).toEqual(expect.arrayContaining(['handle app', 'permission request handler', 'permission check handler', 'protocol client margin']));
    expect(calls).not.toContain('login true'); // quiet: never registered to open at login unless asked
    expect(forks.map((f) => path.basename(f.entry))).toEqual(['core-host.cjs', 'community-server.cjs']);

    // The window's preload gets its port from main and reaches the core.
    const api = createPortStudioApi(win.ipcRenderer);
    const project = await api.projects.create({ title: 'From the window' });
    expect((await api.projects.list()).map((p) => p.id)).toContain(project.id);

    // The menu's commands and a second launch's deep link reach the window over the same port.
    const commands: unknown[] = [];
    const joins: unknown[] = [];
    api.on('menu:command', (c) => commands.push(c));
    api.on('link:join', (j) => joins.push(j));
    const items = (list: any[]): any[] => list.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? items(i.submenu) : [])]);
    items(menus.at(-1)!.template).find((i) => i.id === 'view.darkTheme').click({});
    app.emit('second-instance', {}, ['/opt/Margin/margin', 'margin://join/community.example.org/ABCDEFGH12']);
    await until(() => commands.length === 1 && joins.length === 1);
    expect(commands).toEqual([{ command: 'view.darkTheme' }]);
    expect(joins).toEqual([{ server: 'https://community.example.org', code: 'ABCDEFGH12' }]);
    expect(win.focusCalls).toBeGreaterThan(0);

    // A bad link is refused with a message, and nothing is sent.
    app.emit('second-instance', {}, ['/opt/Margin/margin', 'margin://join/community.example.org/bad']);
    await until(() => calls.some((c) => c.startsWith('message box That Margin link cannot be opened')));

    // Any web contents created later is guarded too.
    let openHandler: ((d: { url: string }) => unknown) | undefined;
    const events: string[] = [];
    app.emit('web-contents-created', {}, { on: (e: string) => events.push(e), setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h) });
    expect(events).toEqual(expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']));
    expect(openHandler!({ url: 'https://elsewhere.example/' })).toEqual({ action: 'deny' });

    // A crashed renderer reloads once; crashing again at once is explained, not looped on.
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    win.webContents.emit('render-process-gone', {}, { reason: 'oom' });
    expect(calls.filter((c) => c === 'reload')).toHaveLength(1);
    expect(calls).toContainEqual(expect.stringMatching(/^error box Margin: The window stopped again \(oom\)/));

    // Closing remembers the window's place; quitting closes the core, which releases the data folder.
    win.close();
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'window-state.json'), 'utf8'))).toEqual({ bounds: { x: 10, y: 20, width: 900, height: 700 }, maximized: false });
    app.emit('before-quit');
    electron.app.quit();
    await until(() => app.quitCalls === 2);
    expect(forks[0]!.child.killed).toBe(false);
    createStudioCore({ dataDir, host: 'browser' }).close();
  });

  it('a second launch quits at once and starts nothing (the first gets its argv)', async () => {
    const { calls, forks, windows } = await launch((fake) => (fake.app.lockGranted = false));
    expect(calls).toContain('app.quit');
    await new Promise((r) => setTimeout(r, 20));
    expect(forks).toEqual([]);
    expect(windows).toEqual([]);
  });

  it('says why when the studio cannot open (another studio holds the data folder) and quits', async () => {
    const other = createStudioCore({ dataDir, host: 'browser' });
    try {
      const { app, calls, windows } = await launch();
      app.ready!();
      await until(() => calls.some((c) => c.startsWith('error box Margin could not open your studio')));
      expect(calls).toContain('app.quit');
      expect(windows).toEqual([]);
    } finally {
      other.close();
    }
  });
});

import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_ORIGIN, STUDIO_PORT_CHANNEL } from '../../../shared/api/ipc-channels';
import type { TokenVault } from '../../../electron/core/community/token-vault';
import { runCoreHost, type CoreHost } from '../../../electron/core/host/core-host';
import { createStudioCore, type StudioCore, type StudioCoreOptions } from '../../../electron/core/studio-core';
import { APP_INDEX_URL } from '../../../electron/main/app-protocol';
import { startCoreProcess, type CoreProcess } from '../../../electron/main/core-process';
import { registerStudioPorts } from '../../../electron/main/studio-port';
import { createPortStudioApi } from '../../../electron/preload/port-api';
import { tempDir } from '../../helpers/temp-dir';
import { FakePortMain, fakeChannelMain, fakeFork, fakeWindow } from './electron-fakes';

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));
async function until(done: () => boolean, ms = 3000) {
  const end = Date.now() + ms;
  while (!done() && Date.now() < end) await tick();
}
const memoryVault = (initial: string | null = null) => {
  const writes: (string | null)[] = [];
  let value = initial;
  const vault: TokenVault = { read: () => value, write: (v) => void (writes.push(v), (value = v)) };
  return { vault, writes };
};

const running: CoreProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((core) => core.stop(2000)));
});

/** Main's side for real: the core host (real core, temp data folder) in a stand-in utility process. */
async function desktop(options: { dataDir?: string; token?: string | null; wrapCore?: (core: StudioCore) => StudioCore } = {}) {
  const dataDir = options.dataDir ?? tempDir();
  let host: CoreHost | undefined;
  let coreOptions: StudioCoreOptions | undefined;
  const { fork, children } = fakeFork((parent, exit) => {
    host = runCoreHost(parent, {
      exit,
      createCore: (o) => {
        coreOptions = o;
        const core = createStudioCore(o);
        return options.wrapCore ? options.wrapCore(core) : core;
      },
    });
  });
  const { vault, writes } = memoryVault(options.token ?? null);
  const notes: { title: string; body: string }[] = [];
  const badges: number[] = [];
  const crashes: number[] = [];
  const core = await startCoreProcess({
    fork,
    entry: '/opt/Margin/resources/app.asar/out/main/core-host.cjs',
    dataDir,
    vault,
    notify: (title, body) => notes.push({ title, body }),
    badge: (count) => badges.push(count),
    onCrash: (code) => crashes.push(code),
  });
  running.push(core);
  return { core, dataDir, children, host: host!, coreOptions: coreOptions!, writes, notes, badges, crashes };
}

describe('the studio core in a utility process, talking StudioApi over MessagePorts', () => {
  it('carries every call from the preload’s api to the real core and back, and the data lands in SQLite', async () => {
    const { core, dataDir, children } = await desktop();
    const win = fakeWindow(APP_INDEX_URL);
    registerStudioPorts(win.ipcMain, { newChannel: fakeChannelMain, connect: core.connect });
    const api = createPortStudioApi(win.ipcRenderer);
    const statuses: unknown[] = [];
    api.on('sync:status', (s) => statuses.push(s));

    const project = await api.projects.create({ title: 'Over a port' });
    const doc = await api.documents.create({ projectId: project.id, title: 'Chapter one' });
    expect((await api.documents.tree({ projectId: project.id })).map((d) => d.id)).toEqual([doc.id]);
    const saved = await api.documents.save({
      id: doc.id,
      content: JSON.stringify({ root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: [{ type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '', children: [{ type: 'text', version: 1, text: 'Four words right here', format: 0, style: '', mode: 'normal', detail: 0 }] }] } }),
    });
    expect(saved.wordCount).toBe(4);
    // Typed errors cross the port as values and reject with their code.
    await expect(api.documents.open({ id: 'not-a-uuid' })).rejects.toMatchObject({ code: 'invalid_input' });
    // The core's current events arrive as soon as the port is connected.
    expect(statuses[0]).toMatchObject({ state: 'offline' });
    // Main handed over exactly one port, to the page's main frame.
    expect(win.posted).toEqual([{ channel: STUDIO_PORT_CHANNEL, ports: 1 }]);

    await core.stop();
    expect(children[0]!.killed).toBe(false); // it closed by itself, after closing the database
    const db = new Database(path.join(dataDir, 'margin.db'), { readonly: true });
    expect(db.prepare('SELECT title FROM projects').all()).toEqual([{ title: 'Over a port' }]);
    expect(db.prepare('SELECT title FROM documents WHERE id = ?').get(doc.id)).toEqual({ title: 'Chapter one' });
    db.close();
    // The data folder's lock was released: another studio may open it now.
    createStudioCore({ dataDir, host: 'browser' }).close();
  });

  it('fails calls plainly once the core has stopped, instead of leaving them waiting', async () => {
    const { core } = await desktop();
    const win = fakeWindow(APP_INDEX_URL);
    registerStudioPorts(win.ipcMain, { newChannel: fakeChannelMain, connect: core.connect });
    const api = createPortStudioApi(win.ipcRenderer);
    await api.projects.list();
    await core.stop();
    await tick();
    await expect(api.projects.list()).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('gives a port only to the app’s own page in a window’s main frame', async () => {
    const { core } = await desktop();
    const foreign = fakeWindow('https://evil.example/index.html');
    registerStudioPorts(foreign.ipcMain, { newChannel: fakeChannelMain, connect: core.connect });
    createPortStudioApi(foreign.ipcRenderer);
    const fileUrl = fakeWindow('file:///opt/Margin/resources/app.asar/out/renderer/index.html');
    registerStudioPorts(fileUrl.ipcMain, { newChannel: fakeChannelMain, connect: core.connect });
    createPortStudioApi(fileUrl.ipcRenderer);
    // An iframe inside our own window, even one claiming our origin, is not the main frame.
    const ours = fakeWindow(APP_INDEX_URL);
    registerStudioPorts(ours.ipcMain, { newChannel: fakeChannelMain, connect: core.connect });
    const iframe = { url: `${APP_ORIGIN}/index.html`, processId: 4, routingId: 9, posted: 0, postMessage() { this.posted++; } };
    createPortStudioApi(ours.ipcRendererFrom(iframe));
    await tick();
    expect(foreign.posted).toEqual([]);
    expect(fileUrl.posted).toEqual([]);
    expect(iframe.posted).toBe(0);
    expect(ours.posted).toEqual([]);
  });

  it('the core closes a port main did not vouch for, and answers malformed requests with a typed error', async () => {
    const { core } = await desktop();
    const stray = new MessageChannel();
    const closed = new Promise((resolve) => stray.port1.once('close', resolve));
    core.connect(new FakePortMain(stray.port2), 'https://evil.example');
    await closed;

    const good = new MessageChannel();
    core.connect(new FakePortMain(good.port2), APP_ORIGIN);
    const answers: unknown[] = [];
    good.port1.on('message', (m) => answers.push(m));
    good.port1.postMessage({ id: 'x', method: 42 });
    good.port1.postMessage({ id: 7, method: 'nope.nothing', input: {} });
    await until(() => answers.some((a) => (a as { id?: number }).id === 7));
    expect(answers).toContainEqual({ id: -1, result: { ok: false, error: { code: 'invalid_input', message: expect.any(String) } } });
    expect(answers).toContainEqual({ id: 7, result: { ok: false, error: { code: 'unknown_method', message: expect.any(String) } } });
    good.port1.close();
  });

  it('sends menu commands and deep links to the window over the same port, keeping one the UI has not listened for yet', async () => {
    const { core } = await desktop();
    const win = fakeWindow(APP_INDEX_URL);
    registerStudioPorts(win.ipcMain, { newChannel: fakeChannelMain, connect: core.connect });
    const api = createPortStudioApi(win.ipcRenderer);
    await api.app.info();
    core.shellEvent('link:join', { server: 'https://community.example.org', code: 'ABCDEFGH12' });
    const commands: unknown[] = [];
    api.on('menu:command', (c) => commands.push(c));
    core.shellEvent('menu:command', { command: 'view.focusMode' });
    await tick();
    expect(commands).toEqual([{ command: 'view.focusMode' }]);
    const joins: unknown[] = [];
    api.on('link:join', (j) => joins.push(j));
    await tick();
    expect(joins).toEqual([{ server: 'https://community.example.org', code: 'ABCDEFGH12' }]);
  });

  it('keeps the token with main (safeStorage): the core gets it at start and hands back every change', async () => {
    const { coreOptions, writes } = await desktop({ token: 'session-token-from-safe-storage' });
    expect(coreOptions.tokenVault!.read()).toBe('session-token-from-safe-storage');
    coreOptions.tokenVault!.write('a-new-session-token');
    coreOptions.tokenVault!.write(null);
    await tick();
    expect(writes).toEqual(['a-new-session-token', null]);
    expect(coreOptions.tokenVault!.read()).toBeNull();
  });

  it('routes the core’s typed notify and badge requests, and ignores malformed ones', async () => {
    const { host, notes, badges, children } = await desktop();
    const atStart = badges.length; // the unread count the core starts with, if it has one
    host.notify('Sprint over', 'You wrote 512 words.');
    host.badge(3);
    children[0]!.parentPort.postMessage({ type: 'notify', title: '' });
    children[0]!.parentPort.postMessage({ type: 'badge', count: -1 });
    children[0]!.parentPort.postMessage({ type: 'run', command: 'rm -rf /' });
    await tick();
    expect(notes).toEqual([{ title: 'Sprint over', body: 'You wrote 512 words.' }]);
    expect(badges.slice(atStart)).toEqual([3]);
  });

  it('puts the notification centre’s unread count on the dock/taskbar badge', async () => {
    let emit: ((summary: unknown) => void) | undefined;
    const { badges } = await desktop({
      wrapCore: (core) => ({
        ...core,
        current: ((event: string) => (event === 'notifications:changed' ? { unread: 2 } : core.current(event as never))) as typeof core.current,
        on: ((event: string, listener: (p: unknown) => void) => (event === 'notifications:changed' ? ((emit = listener), () => true) : core.on(event as never, listener))) as typeof core.on,
      }),
    });
    emit!({ unread: 5, byTab: {}, alert: null });
    emit!({ unread: 5, byTab: {}, alert: null }); // unchanged: no new badge
    emit!(null);
    await tick();
    expect(badges).toEqual([2, 5, 0]);
  });

  it('refuses to start on a data folder another studio holds, with the core’s message', async () => {
    const dataDir = tempDir();
    const other = createStudioCore({ dataDir, host: 'browser' });
    await expect(desktop({ dataDir })).rejects.toThrow(/another|in use|already|open/i);
    other.close();
  });

  it('reports a core that dies after starting', async () => {
    const { children, crashes } = await desktop();
    children[0]!.exit(9);
    await tick();
    expect(crashes).toEqual([9]);
  });
});

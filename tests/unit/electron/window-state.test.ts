import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellPrefsStore } from '../../../electron/main/shell-prefs';
import { DEFAULT_SIZE, restoreBounds, trackWindowState, windowStateStore, type TrackedWindow } from '../../../electron/main/window-state';
import { tempDir } from '../../helpers/temp-dir';

const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];

function fakeWindow(bounds = { x: 100, y: 80, width: 1000, height: 700 }) {
  const emitter = new EventEmitter();
  const state = { bounds, maximized: false, minimized: false, fullScreen: false };
  const win: TrackedWindow = {
    on: (event: string, listener: () => void) => emitter.on(event, listener),
    isMaximized: () => state.maximized,
    isMinimized: () => state.minimized,
    isFullScreen: () => state.fullScreen,
    getNormalBounds: () => state.bounds,
  };
  return { win, state, emit: (event: string) => emitter.emit(event) };
}

describe('the window remembers its place', () => {
  it('saves size, position and maximised state on close, and reads them back', () => {
    const file = path.join(tempDir(), 'window-state.json');
    const store = windowStateStore(file);
    expect(store.read()).toEqual({ bounds: null, maximized: false });
    const { win, state, emit } = fakeWindow();
    trackWindowState(win, store);
    state.maximized = true;
    emit('close');
    const saved = windowStateStore(file).read();
    expect(saved).toEqual({ bounds: { x: 100, y: 80, width: 1000, height: 700 }, maximized: true });
    expect(restoreBounds(saved, screen)).toEqual({ x: 100, y: 80, width: 1000, height: 700 });
  });

  it('saves shortly after the window stops moving, and not while minimised or full screen', async () => {
    const file = path.join(tempDir(), 'window-state.json');
    const store = windowStateStore(file);
    const { win, state, emit } = fakeWindow();
    const stop = trackWindowState(win, store, 10);
    emit('move');
    emit('resize');
    await new Promise((r) => setTimeout(r, 40));
    expect(store.read().bounds).toEqual({ x: 100, y: 80, width: 1000, height: 700 });
    state.bounds = { x: 5, y: 5, width: 300, height: 300 };
    state.minimized = true;
    emit('close');
    expect(store.read().bounds).toEqual({ x: 100, y: 80, width: 1000, height: 700 });
    stop();
  });

  it('survives a corrupt or hostile file, reading the defaults and writing a whole new one', () => {
    const dir = tempDir();
    const file = path.join(dir, 'window-state.json');
    for (const junk of ['{"bounds": {"x": 1', '', 'null', '[]', '{"bounds":{"x":"a","y":0,"width":10,"height":10},"maximized":false}', '{"bounds":{"x":0,"y":0,"width":1e12,"height":500},"maximized":true}']) {
      fs.writeFileSync(file, junk);
      expect(windowStateStore(file).read(), junk).toEqual({ bounds: null, maximized: false });
    }
    windowStateStore(file).write({ bounds: { x: 1, y: 2, width: 800, height: 600 }, maximized: false });
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ bounds: { x: 1, y: 2, width: 800, height: 600 }, maximized: false });
    expect(fs.readdirSync(dir)).toEqual(['window-state.json']); // no temp file left behind
  });

  it('does not open off screen when a monitor is gone', () => {
    const state = { bounds: { x: 2500, y: 100, width: 1000, height: 700 }, maximized: false };
    expect(restoreBounds(state, screen)).toEqual({ width: 1000, height: 700 });
    expect(restoreBounds(state, [...screen, { x: 1920, y: 0, width: 1920, height: 1080 }])).toEqual(state.bounds);
    expect(restoreBounds({ bounds: null, maximized: false }, screen)).toEqual(DEFAULT_SIZE);
  });
});

describe('shell preferences', () => {
  it('are quiet by default (no open at login) and survive a corrupt file', () => {
    const file = path.join(tempDir(), 'shell-prefs.json');
    const prefs = shellPrefsStore(file);
    expect(prefs.read()).toEqual({ openAtLogin: false, trustedLinkHosts: [] });
    prefs.write({ openAtLogin: true, trustedLinkHosts: ['example.org'] });
    expect(shellPrefsStore(file).read()).toEqual({ openAtLogin: true, trustedLinkHosts: ['example.org'] });
    fs.writeFileSync(file, '{"openAtLogin": "yes"');
    expect(shellPrefsStore(file).read()).toEqual({ openAtLogin: false, trustedLinkHosts: [] });
  });
});

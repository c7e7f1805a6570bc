import { z } from 'zod';
import { jsonStore } from './json-store';
import type { WindowBounds } from './window-options';

const Bounds = z.object({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(200).max(20_000),
});
const WindowState = z.object({ bounds: Bounds.nullable(), maximized: z.boolean() });
export type WindowState = z.infer<typeof WindowState>;
type Rect = z.infer<typeof Bounds>;

export const DEFAULT_SIZE = { width: 1280, height: 820 };

/** Where the window was: bounds and maximised state, in window-state.json beside the studio. */
export function windowStateStore(file: string) {
  return jsonStore(file, WindowState, { bounds: null, maximized: false });
}

/**
 * The bounds to open at: the remembered ones if at least a usable corner of the window is
 * still on one of the displays (a monitor may have been unplugged), else the default size,
 * centred by Electron.
 */
export function restoreBounds(state: WindowState, workAreas: Rect[]): WindowBounds {
  const b = state.bounds;
  if (!b) return { ...DEFAULT_SIZE };
  const visible = workAreas.some((area) => {
    const w = Math.min(b.x + b.width, area.x + area.width) - Math.max(b.x, area.x);
    const h = Math.min(b.y + b.height, area.y + area.height) - Math.max(b.y, area.y);
    return w >= 100 && h >= 50;
  });
  if (!visible) return { width: b.width, height: b.height };
  return { ...b };
}

/** The parts of BrowserWindow that are watched to remember its place. */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'close' | 'maximize' | 'unmaximize', listener: () => void): unknown;
  isMaximized(): boolean;
  isMinimized(): boolean;
  isFullScreen(): boolean;
  getNormalBounds(): Rect;
}

/** Saves the window's place on close, and shortly after it stops moving (a crash then loses little). */
export function trackWindowState(win: TrackedWindow, store: ReturnType<typeof windowStateStore>, delayMs = 1000): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    clearTimeout(timer);
    if (win.isMinimized() || win.isFullScreen()) return;
    const n = win.getNormalBounds();
    store.write({ bounds: { x: Math.round(n.x), y: Math.round(n.y), width: Math.round(n.width), height: Math.round(n.height) }, maximized: win.isMaximized() });
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, delayMs);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(event, later);
  win.on('close', save);
  return () => clearTimeout(timer);
}

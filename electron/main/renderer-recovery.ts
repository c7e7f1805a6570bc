/** The parts of WebContents watched for a renderer that died. */
export interface RecoverableContents {
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string }) => void): unknown;
  reload(): void;
}

/**
 * A window whose renderer crashed or was killed reloads (it asks the core for a new port; the
 * text is in SQLite up to the last autosave). A second crash within `windowMs` is not looped
 * on: the writer is told instead. Returns nothing to dispose: it lives as long as the window.
 */
export function reloadOnRendererCrash(contents: RecoverableContents, giveUp: (reason: string) => void, windowMs = 60_000, now = () => Date.now()): void {
  let lastReload = -Infinity;
  contents.on('render-process-gone', (_event, { reason }) => {
    if (reason === 'clean-exit') return;
    if (now() - lastReload < windowMs) return giveUp(reason);
    lastReload = now();
    contents.reload();
  });
}

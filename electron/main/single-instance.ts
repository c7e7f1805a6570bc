import type { JoinLink } from '../../shared/api/shell-events';
import { deepLinkInArgv, parseJoinLink } from './deep-link';

export interface FocusableWindow {
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/**
 * Deep links arrive before the studio is ready (the first launch's argv, macOS `open-url`
 * at startup) and after it (a second launch). They are held until `ready`, then each is
 * parsed: a valid join link goes to the renderer, anything else is shown as a plain refusal.
 */
export function linkRouter(deliver: (link: JoinLink) => void, refuse: (message: string) => void) {
  let ready = false;
  const waiting: string[] = [];
  const handle = (raw: string) => {
    const parsed = parseJoinLink(raw);
    if (parsed.ok) deliver(parsed.data);
    else refuse(parsed.error.message);
  };
  return {
    open(raw: string) {
      if (ready) handle(raw);
      else waiting.push(raw);
    },
    ready() {
      ready = true;
      waiting.splice(0).forEach(handle);
    },
  };
}

export function focusWindow(win: FocusableWindow): void {
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

/**
 * A second launch (the app is single-instance) brings the first one's window forward and
 * hands it the deep link it was started with, if any.
 */
export function onSecondInstance(argv: readonly string[], win: FocusableWindow | undefined, openLink: (raw: string) => void): void {
  if (win) focusWindow(win);
  const link = deepLinkInArgv(argv);
  if (link) openLink(link);
}

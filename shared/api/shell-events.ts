import type { StudioApi, StudioEventName, StudioEvents } from './studio-api';

/**
 * Events the desktop shell (not the core) sends to the renderer. They travel the same
 * MessagePort as the core's events, as `{ event, payload }`; browser mode never sends them.
 */

/** What the native menu asks the renderer to do; each matches an editor shortcut (README). */
export const menuCommands = [
  'document.new',
  'document.rename',
  'document.trash',
  'document.snapshot',
  'view.focusMode',
  'view.darkTheme',
  'help.shortcuts',
] as const;
export type MenuCommand = (typeof menuCommands)[number];

/** A `margin://join/<server>/<code>` link the writer opened: join that circle on that server. */
export interface JoinLink {
  /** The community server's origin, e.g. `https://community.example.org`. */
  server: string;
  /** The invite code (shared/protocol's invite format). */
  code: string;
}

export interface ShellEvents {
  'menu:command': { command: MenuCommand };
  'link:join': JoinLink;
}
export type ShellEventName = keyof ShellEvents;
export const shellEventNames: ShellEventName[] = ['menu:command', 'link:join'];

/**
 * `window.margin` in the desktop app: StudioApi, whose `on` also hears the shell's events.
 * (Browser mode's client is a plain StudioApi: it never sends them.)
 */
export type DesktopStudioApi = StudioApi & {
  on<E extends StudioEventName | ShellEventName>(event: E, listener: (payload: (StudioEvents & ShellEvents)[E]) => void): () => void;
};

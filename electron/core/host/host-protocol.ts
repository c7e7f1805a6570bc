import { z } from 'zod';
import type { ShellEventName, ShellEvents } from '../../../shared/api/shell-events';

/**
 * Messages between Electron's main process and the studio core's utility process
 * (`process.parentPort` on the core's side). Renderer traffic never passes here: each window
 * gets its own MessagePort straight to the core (`connect`).
 */
export type MainToCore =
  /** First message: where the studio lives, and the community token main decrypted with safeStorage. */
  | { type: 'init'; dataDir: string; nativeBinding?: string; token: string | null }
  /** A window's port (in `ports[0]`); main checked the window's origin before handing it over. */
  | { type: 'connect'; origin: string }
  /** A shell event (menu command, deep link) for every connected window, over the same ports as core events. */
  | { [E in ShellEventName]: { type: 'shell-event'; event: E; payload: ShellEvents[E] } }[ShellEventName]
  | { type: 'community-url'; url: string | null }
  | { type: 'quit' };

/** What the core's host may ask of main: validated there, since main acts on it (disk, OS). */
export const CoreToMain = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }).strict(),
  z.object({ type: z.literal('failed'), message: z.string().max(2000) }).strict(),
  /** The token vault's content changed: main encrypts it with safeStorage and writes it (null: signed out). */
  z.object({ type: z.literal('vault-write'), token: z.string().min(1).max(65_536).nullable() }).strict(),
  /** A desktop notification (Electron's Notification; quiet unless the studio asks). */
  z.object({ type: z.literal('notify'), title: z.string().trim().min(1).max(120), body: z.string().max(500).default('') }).strict(),
  /** The dock/taskbar badge: an unread count, 0 clears it. */
  z.object({ type: z.literal('badge'), count: z.number().int().min(0).max(99_999) }).strict(),
  z.object({ type: z.literal('closed') }).strict(),
]);
export type CoreToMain = z.input<typeof CoreToMain>;

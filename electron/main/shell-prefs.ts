import { z } from 'zod';
import { jsonStore } from './json-store';

/**
 * The shell's own preferences (the studio's settings live in the core's database). Quiet by
 * default: Margin does not open at login and keeps no tray icon.
 */
const ShellPrefs = z.object({
  openAtLogin: z.boolean().default(false),
  /** Hosts the writer chose to open links to without being asked again. */
  trustedLinkHosts: z.array(z.string().max(253)).max(500).default([]),
});
export type ShellPrefs = z.infer<typeof ShellPrefs>;

export function shellPrefsStore(file: string) {
  return jsonStore(file, ShellPrefs, { openAtLogin: false, trustedLinkHosts: [] });
}

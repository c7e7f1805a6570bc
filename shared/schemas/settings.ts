import { z } from 'zod';
import type { Settings } from '../api/studio-api';

export const Theme = z.enum(['light', 'dark']);
/** Literata is bundled with the studio, so the page looks the same on every machine. */
export const EditorFont = z.enum(['literata', 'serif', 'sans']);

/** Limits of the editor settings; the renderer's controls and the core's schema share them. */
export const EDITOR_LIMITS = {
  fontSize: { min: 14, max: 28 },
  /** Characters per line of the text column. */
  lineWidth: { min: 45, max: 90 },
} as const;

/** What `settings.set` accepts: any subset of the writer's settings (the community server has its own method). */
export const SettingsPatch = z
  .object({
    theme: Theme,
    focusMode: z.boolean(),
    binderOpen: z.boolean(),
    sidebarOpen: z.boolean(),
    smartQuotes: z.boolean(),
    typewriter: z.boolean(),
    editorFont: EditorFont,
    editorFontSize: z.number().int().min(EDITOR_LIMITS.fontSize.min).max(EDITOR_LIMITS.fontSize.max),
    lineWidth: z.number().int().min(EDITOR_LIMITS.lineWidth.min).max(EDITOR_LIMITS.lineWidth.max),
    welcomed: z.boolean(),
  })
  .partial()
  .strict();

/** The settings of a new studio; the core fills what was never set from these, the renderer starts with them. */
export const DEFAULT_SETTINGS: Settings = {
  theme: 'light',
  focusMode: false,
  communityUrl: null,
  binderOpen: true,
  sidebarOpen: true,
  smartQuotes: true,
  typewriter: false,
  editorFont: 'literata',
  editorFontSize: 19,
  lineWidth: 68,
  welcomed: false,
};

import type { NotificationKind } from '../../../../shared/api/notifications';

/**
 * The Community tab's sections, one shown at a time, in the order a writer meets them: their
 * circles, finding more, talking, writing together, and their own profile; moderation last.
 * `needsConnection`: the section only has what the server says now, so offline it says so
 * instead of showing a stale or empty list (the others keep what was read on this computer).
 */
export const SECTIONS = [
  { id: 'circles', label: 'Circles', needsConnection: true },
  { id: 'directory', label: 'Directory', needsConnection: true },
  { id: 'discussions', label: 'Discussions', needsConnection: false },
  { id: 'challenges', label: 'Challenges', needsConnection: false },
  { id: 'prompts', label: 'Prompts', needsConnection: false },
  { id: 'activity', label: 'Activity', needsConnection: true },
  { id: 'profile', label: 'Profile', needsConnection: false },
  { id: 'moderation', label: 'Moderation', needsConnection: true },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];

/** Where opening a notification of each kind takes the writer on the Community tab (null: where they were). */
const SECTION_OF_KIND: Partial<Record<NotificationKind, SectionId>> = {
  join: 'circles',
  mention: 'discussions',
  kudos: 'activity',
  follow: 'activity',
  milestone: 'challenges',
  report: 'moderation',
};
export const sectionOfKind = (kind: NotificationKind | null): SectionId | null => (kind && SECTION_OF_KIND[kind]) || null;

// The section last open is kept on this computer (not a studio setting: it is only where the
// writer left off, like a scroll position), so the tab opens where they were.
const KEY = 'margin.community.section';

export function rememberedSection(): SectionId {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(KEY);
  } catch {
    // Storage refused (a locked-down profile): start at the first section.
  }
  return SECTIONS.find((s) => s.id === saved)?.id ?? SECTIONS[0].id;
}

export function rememberSection(id: SectionId): void {
  try {
    localStorage.setItem(KEY, id);
  } catch {
    // Not kept; the tab opens at the first section next time.
  }
}

import { useSyncExternalStore } from 'react';
import type { SectionId } from '../community/community-sections';

/** The sidebar's tabs. */
export type SidebarTab = 'comments' | 'inbox' | 'sprint' | 'community' | 'snapshots' | 'progress' | 'search' | 'manuscript';

/** A tab to bring up and, on the Community tab, the section to show; `n` tells a repeat apart. */
export interface TabRequest {
  tab: SidebarTab;
  section: SectionId | null;
  n: number;
}

/**
 * The one way anything outside the sidebar brings up a tab: a shortcut (Ctrl+Shift+S), an opened
 * notification, the first-run question. The sidebar is drawn just after the text and its code
 * loads then, so a request can come before there is a sidebar to hear it: it is kept here, and
 * the sidebar takes it up when drawn. The app shows the sidebar pane for each new request.
 */
let asked: TabRequest | null = null;
const listeners = new Set<() => void>();

export function askForTab(tab: SidebarTab, section: SectionId | null = null): void {
  asked = { tab, section, n: (asked?.n ?? 0) + 1 };
  listeners.forEach((listener) => listener());
}

export function useAskedTab(): TabRequest | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => asked,
  );
}

/** Requests whose section was shown already (module-wide: the Community tab mounts afresh each time it is opened). */
let answered = 0;
/** The Community section `request` asks for, once per request. */
export function takeSection(request: TabRequest | null): SectionId | null {
  if (!request || request.n <= answered || request.tab !== 'community' || !request.section) return null;
  answered = request.n;
  return request.section;
}

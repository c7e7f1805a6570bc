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
 * the sidebar takes it up when drawn.
 */
let asked: TabRequest | null = null;
const listeners = new Set<() => void>();
/** The app's part, run first: the sidebar pane is shown before the tab (and Search's box) is. */
let showPane: (() => void) | null = null;

/** Called from events (a key, a click) or later, never while React renders. */
export function askForTab(tab: SidebarTab, section: SectionId | null = null): void {
  showPane?.();
  asked = { tab, section, n: (asked?.n ?? 0) + 1 };
  listeners.forEach((listener) => listener());
}

/** The app shows the sidebar pane (in place of the binder, out of focus mode) for every tab asked for. */
export function onTabAsked(show: () => void): () => void {
  showPane = show;
  return () => {
    if (showPane === show) showPane = null;
  };
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

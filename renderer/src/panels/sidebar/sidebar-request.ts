import { useSyncExternalStore } from 'react';

/** The sidebar's tabs. */
export type SidebarTab = 'comments' | 'inbox' | 'sprint' | 'community' | 'snapshots' | 'progress' | 'search' | 'manuscript';

/**
 * A tab the writer asked for by a shortcut. The sidebar is drawn just after the text and its
 * code loads then, so a key pressed straight after opening would find no sidebar to listen:
 * the app keeps the request here and the sidebar takes it up when it is drawn. `n` tells a
 * repeat apart.
 */
let asked: { tab: SidebarTab; n: number } | null = null;
const listeners = new Set<() => void>();

export function askForTab(tab: SidebarTab): void {
  asked = { tab, n: (asked?.n ?? 0) + 1 };
  listeners.forEach((listener) => listener());
}

export function useAskedTab(): { tab: SidebarTab; n: number } | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => asked,
  );
}

import { useRef, type KeyboardEvent } from 'react';

/**
 * A WAI-ARIA tab row with automatic activation and a roving tabindex: Tab reaches the open
 * tab, the arrow keys (with `rows`, up and down too, for a row that wraps), Home and End move
 * the selection and the focus together, wrapping at the ends. `tabId` names each tab's element.
 */
export function useRovingTabs<T extends string>(ids: readonly T[], tabId: (id: T) => string, select: (id: T) => void, { rows = false } = {}) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (index: number) => (e: KeyboardEvent) => {
    const keys: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: ids.length - 1 };
    if (rows) Object.assign(keys, { ArrowDown: index + 1, ArrowUp: index - 1 });
    const to = keys[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = ids[(to + ids.length) % ids.length]!;
    select(next);
    list.current?.querySelector<HTMLElement>(`#${tabId(next)}`)?.focus();
  };
  return { list, onKeyDown };
}

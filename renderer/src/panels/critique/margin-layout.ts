export interface Wanted {
  id: string;
  /** Where its passage is, from the top of the page; null when the passage is not drawn (yet). */
  top: number | null;
  height: number;
}
export interface Placed {
  id: string;
  top: number;
}

/** The space left between two cards. */
export const CARD_GAP = 8;

/**
 * Stacks margin cards beside their passages without overlap, in text order. The active card
 * sits exactly beside its passage; those after it are pushed down and those before it up,
 * as far as needed. Cards whose passage is not found go after the rest.
 */
export function stackCards(wanted: Wanted[], activeId: string | null): Placed[] {
  const found = wanted.filter((w) => w.top !== null).sort((a, b) => a.top! - b.top!);
  const items = [...found, ...wanted.filter((w) => w.top === null)];
  if (items.length === 0) return [];
  const tops: number[] = new Array(items.length);
  const want = (i: number, fallback: number) => items[i]!.top ?? fallback;
  const pushDown = (from: number) => {
    for (let i = from; i < items.length; i++) {
      const floor = i === 0 ? -Infinity : tops[i - 1]! + items[i - 1]!.height + CARD_GAP;
      tops[i] = Math.max(want(i, floor), floor);
    }
  };
  const a = activeId ? found.findIndex((w) => w.id === activeId) : -1;
  if (a < 0) pushDown(0);
  else {
    tops[a] = items[a]!.top!;
    pushDown(a + 1);
    for (let i = a - 1; i >= 0; i--) tops[i] = Math.min(items[i]!.top!, tops[i + 1]! - CARD_GAP - items[i]!.height);
  }
  return items.map((w, i) => ({ id: w.id, top: Math.round(tops[i]!) }));
}

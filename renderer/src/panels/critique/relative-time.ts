import { useEffect, useState } from 'react';

/** "just now", "5 min ago", "2 h ago", "3 d ago", then the date: how long ago, as a margin note says it. */
export function relativeTime(iso: string, now: number): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  if (days < 7) return `${days} d ago`;
  return new Date(at).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: days > 300 ? 'numeric' : undefined });
}

// One clock for every timestamp on screen, ticking once a minute while any is shown.
const listeners = new Set<(now: number) => void>();
let timer: ReturnType<typeof setInterval> | null = null;
function subscribe(listener: (now: number) => void) {
  listeners.add(listener);
  timer ??= setInterval(() => listeners.forEach((l) => l(Date.now())), 60_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The time now, updated once a minute while the component is mounted. */
export function useNow(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => subscribe(setNow), []);
  return now;
}

import type { LeaderRow, SprintStatus } from '../../../shared/protocol/community-events';

/** Final counts are accepted this long after the end, for writers who were offline at the bell. */
export const GRACE_MS = 2 * 60_000;
/** Faster than this, sustained, is not a person typing: the count is flagged, not trusted. */
export const MAX_WORDS_PER_MINUTE = 200;
/** A burst allowance on top (a pasted paragraph written just before the start). */
export const BURST_WORDS = 150;

export function sprintStatus(startsAt: string, endsAt: string, now: number): SprintStatus {
  if (now < Date.parse(startsAt)) return 'upcoming';
  if (now < Date.parse(endsAt)) return 'running';
  if (now < Date.parse(endsAt) + GRACE_MS) return 'grace';
  return 'finished';
}

/** The most words a person could have added between `since` and `now`. */
export function plausibleWords(since: number, now: number): number {
  return Math.ceil((Math.max(0, now - since) / 60_000) * MAX_WORDS_PER_MINUTE) + BURST_WORDS;
}

export interface WriterRow {
  userId: string;
  displayName: string;
  words: number;
  flagged: boolean;
}

/** Most words first; ties by name, then by id, so every node lists them the same way. */
export function leaderOrder(a: WriterRow, b: WriterRow): number {
  return b.words - a.words || a.displayName.localeCompare(b.displayName) || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);
}

/** Places by words (ties share a place); flagged counts are listed after, unranked. */
export function rank(writers: WriterRow[]): LeaderRow[] {
  const ranked = writers.filter((w) => !w.flagged).sort(leaderOrder);
  const rows: LeaderRow[] = [];
  ranked.forEach((w, i) => {
    const previous = rows[i - 1];
    const place = previous && previous.words === w.words ? previous.place : i + 1;
    rows.push({ ...w, place });
  });
  for (const w of writers.filter((x) => x.flagged).sort((a, b) => b.words - a.words)) rows.push({ ...w, place: null });
  return rows;
}

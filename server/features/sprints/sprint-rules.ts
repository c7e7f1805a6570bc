import type { LeaderRow } from '../../../shared/protocol/community-events';

/** The leaderboard's order (the rules of sprints themselves are shared: shared/rules/sprints.ts). */

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

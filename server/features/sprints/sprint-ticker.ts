import type { LeaderRow, SprintTick } from '../../../shared/protocol/community-events';
import type { CommunitySocket } from '../../socket/context';
import { rank, sprintStatus } from './sprint-rules';
import type { SprintsRepo } from './sprints.repo';

export const TOP_PLACES = 10;
const NEIGHBOURS = 2;

/** What every writer's slice is cut from, computed once per tick (not once per writer). */
export interface Standings {
  rows: LeaderRow[];
  top: LeaderRow[];
  indexOf: Map<string, number>;
  totals: { writers: number; words: number };
}

export function standingsOf(rows: LeaderRow[]): Standings {
  return {
    rows,
    top: rows.slice(0, TOP_PLACES),
    indexOf: new Map(rows.map((r, i) => [r.userId, i])),
    totals: { writers: rows.length, words: rows.reduce((sum, r) => sum + (r.flagged ? 0 : r.words), 0) },
  };
}

/** The slice of the leaderboard one writer is sent: the top places, their own row and neighbours, the totals. */
export function tickFor(standings: Standings, userId: string | null, base: Omit<SprintTick, 'top' | 'around' | 'me' | 'totals'>): SprintTick {
  const { rows, top } = standings;
  const index = userId === null ? -1 : (standings.indexOf.get(userId) ?? -1);
  const around = index < 0 ? [] : rows.slice(Math.max(TOP_PLACES, index - NEIGHBOURS), index + NEIGHBOURS + 1);
  return { ...base, top, around, me: index < 0 ? null : rows[index]!, totals: standings.totals };
}

/**
 * Each node sends its own connected writers the leaderboard about once a second, read from
 * the shared store: however fast people type, a writer gets one small message a second, and
 * several nodes agree because the store is the one source of truth (no leader to elect).
 */
export function createSprintTicker(sprints: SprintsRepo, options: { intervalMs?: number; now?: () => number; onError?: (e: unknown) => void } = {}) {
  const watched = new Map<string, Set<CommunitySocket>>();
  const now = options.now ?? (() => Date.now());
  let timer: ReturnType<typeof setInterval> | undefined;
  let running = false;

  const intervalMs = options.intervalMs ?? 1000;
  // The ranked leaderboard of each sprint as last read; a writer joining (2,000 reconnecting
  // after a restart) reuses it instead of reading and ranking the whole sprint again.
  const standings = new Map<string, { standings: Standings; at: number }>();

  const send = async (sprintId: string, sockets: Iterable<CommunitySocket>, maxAgeMs = 0) => {
    const sprint = await sprints.get(sprintId);
    if (!sprint) return void watched.delete(sprintId);
    const status = sprintStatus(sprint.starts_at, sprint.ends_at, now());
    let cached = standings.get(sprintId);
    if (!cached || now() - cached.at > maxAgeMs) {
      cached = { standings: standingsOf(rank(await sprints.writers(sprintId))), at: now() };
      standings.set(sprintId, cached);
    }
    const base = { sprintId, serverNow: now(), startsAt: sprint.starts_at, endsAt: sprint.ends_at, status, goalWords: sprint.goal_words };
    for (const socket of sockets) socket.emit('sprint:tick', tickFor(cached.standings, socket.data.userId, base));
    if (status === 'finished') {
      watched.delete(sprintId); // the last tick carries the final standings
      standings.delete(sprintId);
    }
  };

  const tickAll = async () => {
    if (running) return; // a slow store never stacks ticks
    running = true;
    try {
      for (const [sprintId, sockets] of [...watched]) {
        for (const s of sockets) if (s.disconnected) sockets.delete(s);
        if (sockets.size === 0) watched.delete(sprintId);
        else await send(sprintId, sockets);
      }
    } catch (error) {
      options.onError?.(error);
    } finally {
      running = false;
    }
  };

  return {
    async watch(sprintId: string, socket: CommunitySocket) {
      const set = watched.get(sprintId) ?? new Set();
      watched.set(sprintId, set);
      set.add(socket);
      await send(sprintId, [socket], intervalMs);
    },
    unwatch(sprintId: string, socket: CommunitySocket) {
      watched.get(sprintId)?.delete(socket);
    },
    start() {
      timer ??= setInterval(() => void tickAll(), intervalMs);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
    watchedCount: () => watched.size,
  };
}
export type SprintTicker = ReturnType<typeof createSprintTicker>;

import type { LeaderRow, SprintPlace, SprintTickShared } from '../../../shared/protocol/community-events';
import type { CommunitySocket } from '../../socket/context';
import { sprintStatus } from '../../../shared/rules/sprints';
import { leaderOrder, rank, type WriterRow } from './sprint-rules';
import type { SprintsRepo } from './sprints.repo';

export const TOP_PLACES = 10;
const NEIGHBOURS = 2;

/** What every writer's slice is cut from, computed once per tick (not once per writer). */
export interface Standings {
  rows: LeaderRow[];
  /** How many rows are ranked (the flagged come after them). */
  ranked: number;
  top: LeaderRow[];
  indexOf: Map<string, number>;
  totals: { writers: number; words: number };
}

export function standingsOf(rows: LeaderRow[]): Standings {
  return {
    rows,
    ranked: rows.filter((r) => r.place !== null).length,
    top: rows.slice(0, TOP_PLACES),
    indexOf: new Map(rows.map((r, i) => [r.userId, i])),
    totals: { writers: rows.length, words: rows.reduce((sum, r) => sum + (r.flagged ? 0 : r.words), 0) },
  };
}

/** One writer's place: their own row and neighbours (below the top places). */
export function placeFor(standings: Standings, userId: string | null, sprintId: string): SprintPlace {
  const { rows } = standings;
  const index = userId === null ? -1 : (standings.indexOf.get(userId) ?? -1);
  const around = index < 0 ? [] : rows.slice(Math.max(TOP_PLACES, index - NEIGHBOURS), index + NEIGHBOURS + 1);
  return { sprintId, me: index < 0 ? null : rows[index]!, around };
}

/**
 * A writer's place as it would be with new words, from the last standings read: binary
 * searches and the few neighbour rows, no re-ranking and no store read, because every
 * progress message asks for it (a 2,000-writer sprint sends a thousand a second).
 */
export function placeWith(standings: Standings, writer: WriterRow, sprintId: string): SprintPlace {
  if (writer.flagged) return { sprintId, me: { ...writer, place: null }, around: [] };
  const { rows, ranked } = standings;
  const selfIndex = standings.indexOf.get(writer.userId) ?? -1;
  const old = selfIndex >= 0 ? rows[selfIndex]! : null;
  const selfRanked = old !== null && old.place !== null;
  // The first ranked row for which `before` is false (`before` holds for a prefix: rows are in order).
  const lowerBound = (before: (r: LeaderRow) => boolean) => {
    let lo = 0;
    let hi = ranked;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(rows[mid]!)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const withoutSelf = (index: number) => index - (selfRanked && selfIndex < index ? 1 : 0);
  const at = withoutSelf(lowerBound((r) => leaderOrder(r, writer) < 0)); // the writer's index among the others
  const me: LeaderRow = { ...writer, place: withoutSelf(lowerBound((r) => r.words > writer.words)) + 1 };
  const othersCount = rows.length - (selfIndex >= 0 ? 1 : 0);
  const around: LeaderRow[] = [];
  for (let j = Math.max(TOP_PLACES, at - NEIGHBOURS); j <= at + NEIGHBOURS; j++) {
    if (j === at) {
      around.push(me);
      continue;
    }
    const k = j < at ? j : j - 1; // index among the others
    if (k >= othersCount) continue;
    const row = rows[selfIndex >= 0 && k >= selfIndex ? k + 1 : k]!;
    if (row.place === null) {
      around.push(row);
      continue;
    }
    // Its old place counted the writer's old words; now it counts the new ones.
    const ahead = row.place - 1 - (selfRanked && old.words > row.words ? 1 : 0) + (writer.words > row.words ? 1 : 0);
    around.push({ ...row, place: ahead + 1 });
  }
  return { sprintId, me, around };
}

/**
 * What makes a place worth sending again: the writer's own words and place, and who is next
 * to them. Neighbours' counts alone move every second in a busy sprint; they are refreshed
 * every few ticks instead (PLACE_REFRESH_TICKS), which keeps most ticks to one broadcast.
 */
const placeKey = (place: SprintPlace) => {
  let key = place.me ? `${place.me.words}/${place.me.place}/${place.me.flagged}` : '-';
  for (const r of place.around) key += `|${r.userId}/${r.place}`;
  return key;
};
const PLACE_REFRESH_TICKS = 5;
/**
 * A writer who was told their place moments ago (most often by the answer to their own
 * progress, which a writer who is writing gets every save) is not told again on this tick:
 * in a busy sprint nearly every place moves every second, and a message per writer per tick
 * doubled what every tick cost. Their place is then at most about two ticks old.
 */
const PLACE_MIN_GAP_TICKS = 1.5;

/**
 * Whether a tick also sends the writer their place. `told`: what they were last told and when
 * (real milliseconds); the final tick always does, since it carries the final standings.
 */
export function placeIsDue(told: { key: string; at: number } | undefined, key: () => string, at: number, intervalMs: number, final: boolean): boolean {
  if (!told || final) return true;
  const age = at - told.at;
  if (age < PLACE_MIN_GAP_TICKS * intervalMs) return false; // without working the place out: most writers, most ticks
  return age >= PLACE_REFRESH_TICKS * intervalMs || told.key !== key();
}

export interface SprintTickerOptions {
  intervalMs?: number;
  now?: () => number;
  onError?: (e: unknown) => void;
  /** Sends one message to every socket of this node in a room, encoded once (`io.local.to(room).emit`). */
  broadcastLocal?: (room: string, tick: SprintTickShared) => void;
  roomOf?: (sprintId: string) => string;
}

/**
 * Each node sends its own connected writers the leaderboard about once a second, read from
 * the shared store: however fast people type, a writer gets one shared message a second
 * (encoded once for the whole room) and a small one of their own when their place moved.
 * Several nodes agree because the store is the one source of truth (no leader to elect).
 */
export function createSprintTicker(sprints: SprintsRepo, options: SprintTickerOptions = {}) {
  const watched = new Map<string, Set<CommunitySocket>>();
  const now = options.now ?? (() => Date.now());
  let timer: ReturnType<typeof setInterval> | undefined;
  let running = false;

  const intervalMs = options.intervalMs ?? 1000;
  // The ranked leaderboard of each sprint as last read; a writer joining (2,000 reconnecting
  // after a restart) reuses it instead of reading and ranking the whole sprint again.
  const standings = new Map<string, { standings: Standings; at: number }>();
  // What each socket was last told of its place, per sprint, and when.
  const lastPlace = new WeakMap<CommunitySocket, Map<string, { key: string; at: number }>>();
  const remember = (socket: CommunitySocket, place: SprintPlace, key = placeKey(place)) => {
    const seen = lastPlace.get(socket) ?? new Map<string, { key: string; at: number }>();
    lastPlace.set(socket, seen);
    seen.set(place.sprintId, { key, at: performance.now() });
  };

  /** `everyone`: a tick for the whole room; otherwise a first tick for newly watching sockets. */
  const send = async (sprintId: string, sockets: Iterable<CommunitySocket>, maxAgeMs = 0, everyone = false) => {
    // Stamped before the store read and the ranking: what a writer sees as the tick's delay
    // then includes the tick's own cost, not only its delivery.
    const serverNow = now();
    const sprint = await sprints.get(sprintId);
    if (!sprint) return void watched.delete(sprintId);
    const status = sprintStatus(sprint.starts_at, sprint.ends_at, serverNow);
    let cached = standings.get(sprintId);
    // Aged in real time, like the pacing below: the sprint clock may stand still (a test's) or jump.
    if (!cached || performance.now() - cached.at > maxAgeMs) {
      cached = { standings: standingsOf(rank(await sprints.writers(sprintId))), at: performance.now() };
      standings.set(sprintId, cached);
    }
    const { top, totals } = cached.standings;
    const tick: SprintTickShared = { sprintId, serverNow, startsAt: sprint.starts_at, endsAt: sprint.ends_at, status, goalWords: sprint.goal_words, top, totals };
    // The leaderboard first, to everyone at once (encoded once); then the places that moved.
    if (everyone && options.broadcastLocal && options.roomOf) options.broadcastLocal(options.roomOf(sprintId), tick);
    else for (const socket of sockets) socket.emit('sprint:tick', tick);
    // A writer's own place goes out only when it moved since they were last told it (a
    // progress answer carries it too): most ticks are then one broadcast, encoded once.
    // Pacing is in real time: the sprint clock (`now`) may be the server's idea of the hour.
    const at = performance.now();
    for (const socket of sockets) {
      // Worked out only if the pacing asks for it, and then once.
      let place: SprintPlace | undefined;
      let key: string | undefined;
      const keyOf = () => (key ??= placeKey((place ??= placeFor(cached.standings, socket.data.userId, sprintId))));
      if (everyone && !placeIsDue(lastPlace.get(socket)?.get(sprintId), keyOf, at, intervalMs, status === 'finished')) continue;
      place ??= placeFor(cached.standings, socket.data.userId, sprintId);
      remember(socket, place, key);
      socket.emit('sprint:place', place);
    }

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
        // A socket taken out of the sprint's room (left, kicked or banned from its circle, on
        // any node) stops getting its place too, not only the room's broadcast.
        const room = options.roomOf?.(sprintId);
        for (const s of sockets) if (s.disconnected || (room !== undefined && !s.rooms.has(room))) sockets.delete(s);
        if (sockets.size === 0) watched.delete(sprintId);
        else await send(sprintId, sockets, 0, true);
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
    /** The writer's place with their new words, for the progress answer; null before the first tick. */
    placeAfterProgress(sprintId: string, socket: CommunitySocket, writer: WriterRow): SprintPlace | null {
      const cached = standings.get(sprintId);
      if (!cached) return null;
      const place = placeWith(cached.standings, writer, sprintId);
      remember(socket, place);
      return place;
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

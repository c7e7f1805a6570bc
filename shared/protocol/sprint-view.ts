import type { SprintPlace, SprintTick, SprintTickShared } from './community-events';

/**
 * Puts a writer's view of a sprint together from the two messages the server sends: the
 * shared tick (every second, the same for everyone) and their own place (only when it moved).
 * A place follows the tick it belongs to within milliseconds; until it arrives the view
 * shows the new leaderboard with the writer's previous place.
 */
export function createSprintView() {
  const ticks = new Map<string, SprintTickShared>();
  const places = new Map<string, SprintPlace>();
  const view = (sprintId: string): SprintTick | null => {
    const tick = ticks.get(sprintId);
    if (!tick) return null;
    const place = places.get(sprintId);
    return { ...tick, me: place?.me ?? null, around: place?.around ?? [] };
  };
  return {
    tick(tick: SprintTickShared): SprintTick {
      ticks.set(tick.sprintId, tick);
      return view(tick.sprintId)!;
    },
    /** Null until the sprint's first tick has arrived. */
    place(place: SprintPlace): SprintTick | null {
      places.set(place.sprintId, place);
      return view(place.sprintId);
    },
    forget(sprintId: string) {
      ticks.delete(sprintId);
      places.delete(sprintId);
    },
  };
}

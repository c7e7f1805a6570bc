import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StudioApi, StudioEvents } from '../../../shared/api/studio-api';
import { createSprintStore } from '../../../renderer/src/panels/sprint/sprint-store';

/** The part of StudioApi the sprint store uses: its events, and results at the end. */
function studioEvents() {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api = {
    on: (event: string, listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    sprints: { results: vi.fn(async () => ({ sprintId: 's1', words: 412, wpm: 27, place: 1, writers: 3, personalBest: true })) },
  } as unknown as StudioApi;
  const emit = <E extends keyof StudioEvents>(event: E, payload: StudioEvents[E]) => listeners.get(event)?.forEach((l) => l(payload));
  return { api, emit };
}

const tick = (status: 'upcoming' | 'running' | 'grace' | 'finished') =>
  ({ sprintId: 's1', title: 'Lunch', status, startsAt: '2026-11-24T12:00:00Z', endsAt: '2026-11-24T12:15:00Z', serverNow: 0, top: [], writers: 3, totalWords: 0, goal: null, me: null, offsetMs: 0, localWords: null }) as unknown as StudioEvents['sprint:tick'];

afterEach(() => vi.unstubAllGlobals());

describe('the sprint store (the whole app, not only the Sprint tab)', () => {
  it('tells the writer when a sprint starts and ends, and fetches the results, with no panel open', async () => {
    const shown: string[] = [];
    vi.stubGlobal('Notification', Object.assign(function (this: unknown, title: string) { shown.push(title); }, { permission: 'granted' }));
    const { api, emit } = studioEvents();
    const store = createSprintStore(api);
    const seen: unknown[] = [];
    store.subscribe(() => seen.push(store.tick()?.status));
    emit('sprint:tick', tick('upcoming'));
    emit('sprint:tick', tick('running'));
    emit('sprint:tick', tick('running'));
    emit('sprint:tick', tick('grace'));
    emit('sprint:tick', tick('finished'));
    expect(shown).toEqual(['Sprint started', 'Sprint over']);
    await vi.waitFor(() => expect(store.result()).toMatchObject({ words: 412 }));
    expect(seen.slice(0, 5)).toEqual(['upcoming', 'running', 'running', 'grace', 'finished']);
    emit('sprint:cheer', { sprintId: 's1', from: 'ana', toUserId: 'me', reaction: '🔥' });
    expect(store.cheers()).toEqual(['ana 🔥']);
  });
});

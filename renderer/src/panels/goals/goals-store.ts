import { useEffect, useState } from 'react';
import type { GoalProgress, ProjectGoals } from '../../../../shared/api/goals';
import type { StudioApi } from '../../../../shared/api/studio-api';
import { useStudio } from '../../app/studio-context';

type Listener = (progress: GoalProgress | null) => void;
const stores = new WeakMap<StudioApi, { latest: GoalProgress | null; listeners: Set<Listener> }>();

/** One subscription per studio connection, so a panel opened later still knows the last progress. */
function storeFor(api: StudioApi) {
  let store = stores.get(api);
  if (!store) {
    const created = { latest: null as GoalProgress | null, listeners: new Set<Listener>() };
    api.on('goals:changed', (progress) => {
      created.latest = progress;
      for (const listener of created.listeners) listener(progress);
    });
    stores.set(api, (store = created));
  }
  return store;
}

/**
 * Goals as the core pushes them (`goals:changed`, after every save and every goals.get): the
 * project in view, its pace and streak, and a gentle sentence when a save reaches a goal.
 */
export function useGoalProgress(): GoalProgress | null {
  const store = storeFor(useStudio());
  const [progress, setProgress] = useState<GoalProgress | null>(store.latest);
  useEffect(() => {
    store.listeners.add(setProgress);
    setProgress(store.latest);
    return () => void store.listeners.delete(setProgress);
  }, [store]);
  return progress;
}

/**
 * One project's goals: read once, then kept current from `goals:changed` (never re-read on
 * that event: reading tells the core the project is in view, which sends the event again).
 */
export function useProjectGoals(projectId: string | null): [ProjectGoals | null, (next: ProjectGoals) => void] {
  const api = useStudio();
  const [goals, setGoals] = useState<ProjectGoals | null>(null);
  useEffect(() => {
    setGoals(null);
    if (!projectId) return;
    storeFor(api); // subscribed before the read below sends its event
    let live = true;
    api.goals.get({ projectId }).then(
      (g) => live && setGoals(g),
      () => undefined, // goals are a help, never a reason to break the binder
    );
    const off = api.on('goals:changed', (p) => {
      if (live && p?.projectId === projectId) setGoals((g) => (g ? { ...g, ...p } : g));
    });
    return () => {
      live = false;
      off();
    };
  }, [api, projectId]);
  return [goals, setGoals];
}

export const fmt = (n: number) => n.toLocaleString();
export const percent = (value: number, target: number) => Math.max(0, Math.min(100, Math.round((value / target) * 100)));

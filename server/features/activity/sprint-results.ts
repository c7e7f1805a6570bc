import type { ActivityRepo } from './activity.repo';

/**
 * Puts finished sprints' results in the activity feed, looking every `everyMs` (a sprint ends by
 * the clock, not by an event: the sweep sees it once its grace period is over). Every node may
 * run it; each sprint is recorded once. Answers the stopper.
 */
export function startSprintResults(activity: Pick<ActivityRepo, 'recordSprintResults'>, { everyMs = 15_000, onError }: { everyMs?: number; onError?: (error: unknown) => void } = {}) {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    activity
      .recordSprintResults()
      .catch((error: unknown) => onError?.(error))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref?.();
  return () => clearInterval(timer);
}

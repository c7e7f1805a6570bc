/**
 * One run at a time: a call while it runs makes it run once more afterwards (something new
 * arrived meanwhile), and every caller gets the promise of the run in progress.
 */
export function serially(work: () => Promise<void>, stillUseful: () => boolean, after?: () => void) {
  let running: Promise<void> | null = null;
  let again = false;
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await work();
        } while (again && stillUseful());
      } finally {
        running = null;
        after?.();
      }
    })();
    return running;
  };
  return Object.defineProperty(run, 'running', { get: () => running !== null }) as typeof run & { readonly running: boolean };
}

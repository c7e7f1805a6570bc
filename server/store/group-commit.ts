/**
 * Group commit: while one write is in flight, the items that arrive queue up and go out
 * together as the next write. Under light load every item is written at once, alone; under
 * heavy load (a thousand sprint totals a second) the store sees a few statements a second
 * instead of a thousand, and each caller still learns when its own item is stored.
 */
export function groupCommit<T>(write: (items: T[]) => Promise<void>, maxBatch = 500): (item: T) => Promise<void> {
  let queue: Array<{ item: T; done: () => void; fail: (error: unknown) => void }> = [];
  let writing = false;
  const drain = async () => {
    writing = true;
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(maxBatch);
      try {
        await write(batch.map((b) => b.item));
        for (const b of batch) b.done();
      } catch (error) {
        for (const b of batch) b.fail(error);
      }
    }
    writing = false;
  };
  return (item) =>
    new Promise<void>((done, fail) => {
      queue.push({ item, done, fail });
      if (!writing) void drain();
    });
}

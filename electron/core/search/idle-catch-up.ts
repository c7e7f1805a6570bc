import type { Database } from 'better-sqlite3';
import type { BlockIndex } from './blocks';

export interface IdleCatchUpOptions {
  /** The studio counts as idle when it wrote nothing for this long (and it looks this often). */
  idleMs?: number;
  /** The longest a slice of catch-up work holds the core's thread (one document at least). */
  sliceMs?: number;
}

/**
 * Background catch-up of the search index: when the studio has written nothing for `idleMs`
 * (no save, no import, no sync) and documents wait in search_pending, their blocks are brought
 * up to date in slices of about `sliceMs` (plus the commit), one transaction each, with the
 * event loop free between them, so a call that arrives (a save, a search) waits for one slice
 * at most. A write between slices puts the rest off until the studio is idle again.
 *
 * Why: a search brings every pending document up to date before it searches (blocks.ts), and
 * after an import of a million words that cost the first search about a second. Idle is told
 * by SQLite's total_changes() on this connection (every row any part of the core wrote), so
 * nothing else in the core has to report its writes. The idle timer does not keep the process
 * alive.
 */
export function startIdleCatchUp(db: Database, blocks: BlockIndex, { idleMs = 1000, sliceMs = 8 }: IdleCatchUpOptions = {}) {
  const totalChanges = db.prepare<[], number>('SELECT total_changes()').pluck();
  let seen = totalChanges.get()!;
  let timeout: ReturnType<typeof setTimeout> | null = null;
  let immediate: ReturnType<typeof setImmediate> | null = null;
  let stopped = false;

  const later = () => {
    timeout = setTimeout(look, idleMs);
    timeout.unref?.();
  };
  /** One look: not idle (something was written since the last look: wait), nothing to do (wait), or a slice. */
  const look = () => {
    timeout = immediate = null;
    if (stopped || !db.open) return;
    const now = totalChanges.get()!;
    if (now !== seen) {
      seen = now;
      return later();
    }
    if (!blocks.hasPending()) return later();
    try {
      blocks.catchUpFor(sliceMs);
    } catch (error) {
      // The database busy or locked, the disk full: nothing is lost (the documents stay in
      // search_pending, and a search catches them up itself); try again at the next idle moment.
      console.error('[margin core] search index catch-up', error);
      return later();
    }
    seen = totalChanges.get()!; // our own writes are not the writer's
    if (!blocks.hasPending()) return later();
    // More to do: the next slice as soon as the event loop has served what waits (kept
    // referenced: an unreferenced immediate waits for the next timer or I/O first).
    immediate = setImmediate(look);
  };

  later();
  return {
    stop: () => {
      stopped = true;
      if (timeout) clearTimeout(timeout);
      if (immediate) clearImmediate(immediate);
    },
  };
}

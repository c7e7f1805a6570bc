import fs from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../../shared/api/result';
import { studioEventNames, type StudioEventName, type StudioEvents } from '../../../shared/api/studio-api';
import { lockDataDir, type DataDirLock } from '../data-dir-lock';
import type { StudioCore, StudioCoreOptions } from '../studio-core';
import type { Restorer } from './backup.service';

/** Opens the studio on a data folder this process already holds (the lock stays with the caller). */
export type OpenStudio = (options: StudioCoreOptions, lock: DataDirLock, restore: Restorer) => StudioCore;

const WAL_SUFFIXES = ['', '-wal', '-shm'];
const move = (from: string, to: string) => {
  for (const suffix of WAL_SUFFIXES) if (fs.existsSync(from + suffix)) fs.renameSync(from + suffix, to + suffix);
};

/**
 * The studio as its host sees it: one object for the life of the process, while the core
 * behind it can be closed and opened again on another database (restoring a backup). The
 * data-folder lock belongs to this object, not to the core: it is held across the swap, so
 * no other studio can open the folder between closing the old database and opening the new
 * one. The swap is synchronous from close to reopen: no call can land on a closed core.
 */
export function createRestorableCore(options: StudioCoreOptions, databaseFile: string, open: OpenStudio): StudioCore {
  const lock = lockDataDir(options.dataDir);
  const file = path.join(options.dataDir, databaseFile);
  const listeners = new Map<StudioEventName, Set<(payload: unknown) => void>>();
  const forward = (event: StudioEventName, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  let inner: StudioCore;
  let detach: (() => void)[] = [];
  let localCommunityUrl: string | null | undefined;
  const attach = (core: StudioCore) => {
    inner = core;
    detach = studioEventNames.map((event) => core.on(event, (payload) => forward(event, payload)));
    if (localCommunityUrl !== undefined) core.setLocalCommunityUrl(localCommunityUrl);
  };

  const restore: Restorer = async (verifiedCopy) => {
    const keptAs = `${file}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    for (const off of detach) off();
    inner.close(); // checkpoints the WAL into the file that is kept
    move(file, keptAs);
    fs.renameSync(verifiedCopy, file);
    try {
      attach(open(options, lock, restore));
    } catch (error) {
      // The copy passed its checks but would not open: put the writer's database back as it was.
      fs.rmSync(file, { force: true });
      move(keptAs, file);
      attach(open(options, lock, restore));
      if (error instanceof StudioError) throw error;
      throw new StudioError('database_corrupt', `This backup could not be opened (${(error as Error).message}). Your studio is as it was.`);
    }
    for (const event of studioEventNames) forward(event, inner.current(event)); // views show the restored studio
    return keptAs;
  };

  try {
    attach(open(options, lock, restore));
  } catch (error) {
    lock.release();
    throw error;
  }
  return {
    get db() {
      return inner.db;
    },
    call: (method: string, input: unknown) => inner.call(method, input),
    on<E extends StudioEventName>(event: E, listener: (payload: StudioEvents[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    current: <E extends StudioEventName>(event: E) => inner.current(event),
    setLocalCommunityUrl(url: string | null) {
      localCommunityUrl = url;
      inner.setLocalCommunityUrl(url);
    },
    close() {
      inner.close();
      lock.release();
    },
  } as StudioCore;
}

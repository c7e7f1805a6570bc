import fs from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../shared/api/result';

export const LOCK_FILE = 'margin.lock';
/** Folders this process holds: a second studio in the same process is refused too. */
const held = new Set<string>();

const alive = (pid: number) => {
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, but not ours
  }
};

/**
 * One studio per data folder: two (the desktop app and browser mode, say) would each send the
 * same outbox and keep their own idea of the drafts. The lock is a file holding the owner's
 * pid, made with O_EXCL; a lock whose process is gone (a crash) is taken over.
 */
export interface DataDirLock {
  release(): void;
  /** The last studio on this folder did not close (its lock was left behind): check the data. */
  recovered: boolean;
}

export function lockDataDir(dataDir: string): DataDirLock {
  const dir = path.resolve(dataDir);
  const file = path.join(dir, LOCK_FILE);
  fs.mkdirSync(dir, { recursive: true });
  const refuse = (pid: number | string) =>
    new StudioError('conflict', `Margin is already open with this data folder (${dir}, process ${pid}). Close it first, or use another folder (MARGIN_DATA_DIR, or --data in browser mode). If no Margin is running, delete ${file}.`);
  if (held.has(dir)) throw refuse(process.pid);
  let recovered = false;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      held.add(dir);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        held.delete(dir);
        fs.rmSync(file, { force: true });
      };
      return { release, recovered };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw refuse(pid);
      fs.rmSync(file, { force: true }); // stale: its process is gone (or it was ours, from before a crash)
      recovered = true;
    }
  }
  throw refuse('unknown');
}

import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { BackupOutputs, BackupStatus } from '../../../shared/api/backup';
import { StudioError } from '../../../shared/api/result';
import type { backupInputs } from '../../../shared/schemas/backup';
import type { z } from 'zod';
import type { Clock } from '../clock';
import { readBackupConfig, writeBackupConfig } from './backup-config';
import { listBackups, pruneBackups, verifyCopy, writeBackup } from './backup-files';

const DAY_MS = 24 * 3600_000;
/** How often the studio looks whether a daily backup is due (cheap: one readdir). */
const CHECK_EVERY_MS = 3600_000;
/** The first look, a little after start-up, so opening the studio is not slowed by a copy. */
const FIRST_CHECK_MS = 20_000;
export const RESTORING_FILE = 'margin.db.restoring';

/** Swaps a checked copy in as the studio's database (closing and reopening it); answers where the old one was kept. */
export type Restorer = (verifiedCopy: string) => Promise<string>;

type Inputs = { [M in keyof typeof backupInputs]: z.output<(typeof backupInputs)[M]> };
type BackupHandlers = { [M in keyof BackupOutputs]: (input: Inputs[M]) => BackupOutputs[M] | Promise<BackupOutputs[M]> };

export interface BackupsOptions {
  db: Database;
  dataDir: string;
  clock: Clock;
  restore: Restorer;
  nativeBinding?: string;
  /** Tests turn the timers off and call runDue() themselves. */
  schedule?: boolean;
}

/** Daily backups with SQLite's online backup API, kept for a chosen number of days; back up now; restore. */
export function createBackups(options: BackupsOptions) {
  const { db, dataDir, clock } = options;
  let lastError: string | null = null;
  let running: Promise<BackupStatus> | null = null;
  const config = () => readBackupConfig(dataDir);
  const folder = () => config().folder ?? path.join(dataDir, 'backups');

  const status = (): BackupStatus => {
    const { folder: chosen, keepDays } = config();
    const backups = listBackups(folder());
    const last = backups[0]?.createdAt ?? null;
    const due = last ? Math.max(Date.parse(last) + DAY_MS, clock().getTime()) : clock().getTime();
    return { folder: folder(), isDefault: chosen === null, keepDays, backups, lastBackupAt: last, nextDueAt: new Date(due).toISOString(), lastError };
  };

  /** One backup at a time: a second request while one runs gets the same one. */
  const backUp = (): Promise<BackupStatus> => {
    running ??= (async () => {
      try {
        await writeBackup(db, folder(), clock(), options.nativeBinding);
        pruneBackups(folder(), config().keepDays, clock());
        lastError = null;
        return status();
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
        throw error instanceof StudioError ? error : new StudioError('unavailable', `The backup could not be made in ${folder()}: ${lastError}`);
      } finally {
        running = null;
      }
    })();
    return running;
  };

  /** Backs up when the last backup is a day old (or there is none). Answers whether it did. */
  const runDue = async (): Promise<boolean> => {
    if (running || Date.parse(status().nextDueAt) > clock().getTime()) return false;
    await backUp();
    return true;
  };
  const quietly = () => void runDue().catch(() => {}); // lastError keeps why, for the panel
  const timers = options.schedule === false ? [] : [setTimeout(quietly, FIRST_CHECK_MS), setInterval(quietly, CHECK_EVERY_MS)];
  for (const timer of timers) timer.unref();

  const handlers: BackupHandlers = {
    'backup.status': () => status(),
    'backup.configure': ({ folder: chosen, keepDays }) => {
      const current = config();
      const next = { folder: chosen === undefined ? current.folder : chosen, keepDays: keepDays ?? current.keepDays };
      if (next.folder) {
        try {
          fs.mkdirSync(next.folder, { recursive: true });
          fs.accessSync(next.folder, fs.constants.W_OK);
        } catch (error) {
          throw new StudioError('invalid_input', `Margin cannot write backups to ${next.folder} (${(error as NodeJS.ErrnoException).code ?? 'error'}). Choose another folder.`);
        }
      }
      writeBackupConfig(dataDir, next);
      pruneBackups(folder(), next.keepDays, clock());
      return status();
    },
    'backup.now': () => backUp(),
    // The backup is copied beside the database and checked before anything is replaced; the
    // backup itself is never opened for writing, so a failed restore leaves it as it was.
    'backup.restore': async ({ name }) => {
      const source = path.join(folder(), name);
      if (!fs.existsSync(source)) throw new StudioError('not_found', `There is no backup ${name} in ${folder()}.`);
      const staged = path.join(dataDir, RESTORING_FILE);
      fs.copyFileSync(source, staged);
      try {
        verifyCopy(staged, options.nativeBinding);
      } catch (error) {
        fs.rmSync(staged, { force: true });
        throw error;
      }
      const keptAs = await options.restore(staged);
      return { restoredFrom: name, keptAs };
    },
  };

  return {
    handlers,
    runDue,
    close(): void {
      for (const timer of timers) clearTimeout(timer);
    },
  };
}

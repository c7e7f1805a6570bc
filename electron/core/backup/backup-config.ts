import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { BackupFolder, KeepDays } from '../../../shared/schemas/backup';

export const BACKUP_CONFIG_FILE = 'backup.json';
export const DEFAULT_KEEP_DAYS = 14;

const Config = z.object({ folder: BackupFolder.nullable().catch(null), keepDays: KeepDays.catch(DEFAULT_KEEP_DAYS) });
export type BackupConfig = z.infer<typeof Config>;

/**
 * Where backups go and how long they are kept. A file beside the database rather than a row in
 * it: restoring a backup replaces the database, and must not also put back an old folder.
 * A missing or unreadable file means the defaults (it is a preference, never a reason to fail).
 */
export function readBackupConfig(dataDir: string): BackupConfig {
  try {
    return Config.parse(JSON.parse(fs.readFileSync(path.join(dataDir, BACKUP_CONFIG_FILE), 'utf8')));
  } catch {
    return { folder: null, keepDays: DEFAULT_KEEP_DAYS };
  }
}

export function writeBackupConfig(dataDir: string, config: BackupConfig): void {
  const file = path.join(dataDir, BACKUP_CONFIG_FILE);
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(config, null, 2)}\n`);
  fs.renameSync(`${file}.tmp`, file); // whole or not at all
}

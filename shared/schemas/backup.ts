import { z } from 'zod';

/** A backup's file name as the studio makes it: margin-<UTC time>.db, nothing that could leave its folder. */
export const BACKUP_NAME = /^margin-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.db$/;
export const BackupName = z.string().regex(BACKUP_NAME, 'Not a Margin backup file name.');
/** An absolute folder (POSIX, a Windows drive or a UNC share); relative paths would depend on where Margin started. */
export const BackupFolder = z
  .string()
  .trim()
  .min(1)
  .max(1000)
  .regex(/^(\/|[A-Za-z]:[\\/]|\\\\)/, 'Choose a full folder path (starting with / or a drive letter).')
  .refine((s) => !s.includes('\0'), 'A folder path cannot contain a NUL character.');
export const KeepDays = z.number().int().min(1, 'Keep backups for at least one day.').max(3650, 'Keep backups for at most ten years.');

/** Daily backups of the studio database: where, how long, now, and restoring one. */
export const backupInputs = {
  'backup.status': z.object({}).strict(),
  /** folder null: the default, <data folder>/backups. */
  'backup.configure': z.object({ folder: BackupFolder.nullable().optional(), keepDays: KeepDays.optional() }).strict(),
  'backup.now': z.object({}).strict(),
  /** Replaces the studio's database with a backup; the current one is kept aside first. */
  'backup.restore': z.object({ name: BackupName }).strict(),
} as const;

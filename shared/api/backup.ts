export interface BackupInfo {
  /** The file's name in the backup folder (what backup.restore takes). */
  name: string;
  createdAt: string;
  bytes: number;
}

export interface BackupStatus {
  folder: string;
  /** The folder is the default one, <data folder>/backups. */
  isDefault: boolean;
  keepDays: number;
  backups: BackupInfo[];
  lastBackupAt: string | null;
  /** When the automatic daily backup runs next (it runs at start-up when one is due). */
  nextDueAt: string;
  /** The last automatic backup failed: why (the folder is gone, the disk is full...). */
  lastError: string | null;
}

export interface RestoreResult {
  restoredFrom: string;
  /** Where the database that was replaced is kept, whole. */
  keptAs: string;
}

export interface BackupOutputs {
  'backup.status': BackupStatus;
  'backup.configure': BackupStatus;
  'backup.now': BackupStatus;
  'backup.restore': RestoreResult;
}

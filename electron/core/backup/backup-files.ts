import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { StudioError } from '../../../shared/api/result';
import type { BackupInfo } from '../../../shared/api/backup';
import { BACKUP_NAME } from '../../../shared/schemas/backup';
import { migrations } from '../db/migrations/index';
import { assertNotNewer, recordedVersion } from '../db/schema-version';

const DAY_MS = 24 * 3600_000;

/** margin-2026-11-24T03-25-54-123Z.db: sorts by time, and says when it was made. */
export const backupName = (at: Date) => `margin-${at.toISOString().replace(/[:.]/g, '-')}.db`;

function createdAt(name: string): string {
  const [, date, h, m, s, ms] = /^margin-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.db$/.exec(name)!;
  return `${date}T${h}:${m}:${s}.${ms}Z`;
}

/**
 * Checks a copy before it counts: SQLite's full integrity_check, a Margin database (it records
 * its migrations) and not one from a newer Margin. Leaves it a single file (rollback journal):
 * a backup is copied and moved around, and a WAL beside it would be lost on the way.
 */
export function verifyCopy(file: string, nativeBinding?: string): void {
  let db: Database | undefined;
  try {
    db = new BetterSqlite3(file, { fileMustExist: true, nativeBinding });
    db.pragma('journal_mode = DELETE');
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new StudioError('database_corrupt', `${path.basename(file)} failed SQLite's integrity check (${String(result)}).`);
    if (recordedVersion(db) === 0) throw new StudioError('invalid_input', `${path.basename(file)} is not a Margin database.`);
    assertNotNewer(db, migrations);
  } catch (error) {
    if (error instanceof StudioError) throw error;
    throw new StudioError('database_corrupt', `${path.basename(file)} cannot be read as a database (${(error as Error).message}).`);
  } finally {
    db?.close();
  }
}

/**
 * Copies the live database with SQLite's online backup API (saves may go on meanwhile: the
 * copy follows changes made through the same connection), checks the copy, and only then
 * gives it its name. A copy that fails is removed; no half-made file ever looks like a backup.
 */
export async function writeBackup(db: Database, folder: string, at: Date, nativeBinding?: string): Promise<BackupInfo> {
  fs.mkdirSync(folder, { recursive: true });
  const name = backupName(at);
  const final = path.join(folder, name);
  const partial = `${final}.partial`;
  try {
    await db.backup(partial);
    verifyCopy(partial, nativeBinding);
    fs.renameSync(partial, final);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    fs.rmSync(`${partial}-journal`, { force: true });
    throw error;
  }
  return { name, createdAt: createdAt(name), bytes: fs.statSync(final).size };
}

/** The backups in a folder, newest first. Other files there are not ours and are ignored. */
export function listBackups(folder: string): BackupInfo[] {
  let names: string[];
  try {
    names = fs.readdirSync(folder).filter((name) => BACKUP_NAME.test(name));
  } catch {
    return [];
  }
  return names
    .sort()
    .reverse()
    .flatMap((name) => {
      try {
        return [{ name, createdAt: createdAt(name), bytes: fs.statSync(path.join(folder, name)).size }];
      } catch {
        return []; // removed meanwhile
      }
    });
}

/** Removes backups older than `keepDays`, always keeping the newest: an old backup beats none. */
export function pruneBackups(folder: string, keepDays: number, now: Date): string[] {
  const [, ...older] = listBackups(folder);
  const removed = older.filter((b) => now.getTime() - Date.parse(b.createdAt) > keepDays * DAY_MS).map((b) => b.name);
  for (const name of removed) fs.rmSync(path.join(folder, name), { force: true });
  return removed;
}

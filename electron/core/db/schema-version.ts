import fs from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { StudioError } from '../../../shared/api/result';
import type { Migration } from './migrations/index';

/** The newest version a database records, or 0 for a new (or not yet migrated) file. */
export function recordedVersion(db: Database): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return 0;
  return (db.prepare('SELECT max(version) FROM schema_migrations').pluck().get() as number | null) ?? 0;
}

export const newestKnown = (migrations: Migration[]) => Math.max(0, ...migrations.map((m) => m.version));

/**
 * A database written by a newer Margin holds tables this one does not know: migrating or
 * writing it could lose what the newer one keeps there. It is refused, untouched.
 */
export function assertNotNewer(db: Database, migrations: Migration[]): void {
  if (recordedVersion(db) === 0) return;
  const known = new Set(migrations.map((m) => m.version));
  const versions = db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[];
  // Any version this Margin has no migration for, even one below its newest (numbers are
  // reserved ahead, so a newer Margin may fill a gap).
  const unknown = versions.filter((v) => !known.has(v));
  if (unknown.length > 0) {
    throw new StudioError(
      'database_newer',
      `This data folder was last used by a newer Margin (database version ${Math.max(...versions)}; this Margin knows up to ${newestKnown(migrations)}). ` +
        'Update Margin to open it; nothing in it was changed.',
    );
  }
}

/**
 * Looks at an existing file through a read-only connection before anything opens it for
 * writing: setting WAL mode or checkpointing a leftover WAL would already change the file.
 * A file that cannot be read here is left to the normal open (which handles damage).
 */
export function probeNotNewer(file: string, migrations: Migration[], nativeBinding?: string): void {
  const leftBefore = WAL_SUFFIXES.filter((suffix) => fs.existsSync(file + suffix));
  let db: Database | undefined;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true, nativeBinding });
    assertNotNewer(db, migrations);
  } catch (error) {
    if (error instanceof StudioError) throw error;
  } finally {
    db?.close();
    // A read-only connection to a WAL database makes empty -wal/-shm files and leaves them:
    // tidy away only those it made (an empty WAL holds nothing).
    const wal = file + '-wal';
    if (!leftBefore.includes('-wal') && fs.existsSync(wal) && fs.statSync(wal).size === 0) {
      for (const suffix of WAL_SUFFIXES) if (!leftBefore.includes(suffix)) fs.rmSync(file + suffix, { force: true });
    }
  }
}

const WAL_SUFFIXES = ['-wal', '-shm'];

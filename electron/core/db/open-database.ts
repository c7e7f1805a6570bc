import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { StudioError } from '../../../shared/api/result';
import { migrate } from './migrate';
import { migrations } from './migrations/index';
import { probeNotNewer } from './schema-version';

export interface OpenedDatabase {
  db: Database;
  /** Messages for the writer, e.g. that a damaged file was moved aside. */
  notices: string[];
}

export interface OpenDatabaseOptions {
  /** Path to a better_sqlite3.node built for the running runtime (Electron needs its own). */
  nativeBinding?: string;
  now?: () => Date;
  /**
   * Run SQLite's quick_check (default true). It reads the whole file (1.3 s for 400 MB from a
   * cold disk), so the studio asks for it after an unclean shutdown and once a week.
   */
  integrityCheck?: boolean;
}

const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);
const BUSY_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_BUSY_SNAPSHOT']);

function sqliteCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

function openAndMigrate(file: string, options: OpenDatabaseOptions): Database {
  const db = new BetterSqlite3(file, { nativeBinding: options.nativeBinding, timeout: 3000 });
  try {
    db.pragma('journal_mode = WAL');
    // FULL: a save the writer saw as "Saved" survives a power cut. In WAL mode NORMAL syncs
    // only at checkpoints, so the last commits can vanish; FULL syncs the WAL on every commit
    // (bench:save measures the cost both ways).
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Reading the schema is the cheapest thing that fails on a file that is not a database.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    if (options.integrityCheck !== false) {
      const check = db.pragma('quick_check(1)', { simple: true });
      if (check !== 'ok') throw Object.assign(new Error(`quick_check: ${String(check)}`), { code: 'SQLITE_CORRUPT' });
    }
    migrate(db, undefined, options.now);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Moves a damaged database (and its WAL files) aside; never deletes a writer's data. */
function moveAside(file: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = `${file}.damaged-${stamp}`;
  fs.renameSync(file, target);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, target + suffix);
  }
  return target;
}

/**
 * Opens (creating if needed) the studio database in WAL mode and brings its schema up to date.
 * A locked file is a typed `database_locked` error; a damaged file is moved aside and a fresh
 * database is started, with a notice for the writer. A database from a newer Margin is a
 * typed `database_newer` error and is not touched at all.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  const now = options.now ?? (() => new Date());
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (fs.existsSync(file)) probeNotNewer(file, migrations, options.nativeBinding);
  try {
    return { db: openAndMigrate(file, options), notices: [] };
  } catch (error) {
    const code = sqliteCode(error);
    if (code && BUSY_CODES.has(code)) {
      throw new StudioError(
        'database_locked',
        `The studio database is locked by another program (${path.basename(file)}). Close other copies of Margin and try again.`,
      );
    }
    if (code && CORRUPT_CODES.has(code)) {
      const aside = moveAside(file, now());
      const db = openAndMigrate(file, options);
      return {
        db,
        notices: [
          `The studio database was damaged and could not be opened. It was kept, untouched, as ${aside}; Margin started a new one.`,
        ],
      };
    }
    throw error;
  }
}

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../../shared/api/result';
import { LOCK_FILE } from '../../../../electron/core/data-dir-lock';
import { migrations } from '../../../../electron/core/db/migrations/index';
import { newestKnown } from '../../../../electron/core/db/schema-version';
import { createStudioCore, DATABASE_FILE } from '../../../../electron/core/studio-core';
import { runCoreHost } from '../../../../electron/core/host/core-host';
import { startCoreProcess } from '../../../../electron/main/core-process';
import { tempDir } from '../../../helpers/temp-dir';
import { fakeFork } from '../../electron/electron-fakes';

/** A data folder whose database a newer Margin upgraded: it records a version this one lacks. */
function newerDataDir(extraVersion: number, journal: 'wal' | 'delete' = 'wal') {
  const dir = tempDir();
  createStudioCore({ dataDir: dir, host: 'browser' }).close();
  const file = path.join(dir, DATABASE_FILE);
  const db = new BetterSqlite3(file);
  db.pragma(`journal_mode = ${journal}`);
  db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'from-the-future', '2031-01-01T00:00:00Z')").run(extraVersion);
  db.exec("CREATE TABLE future_things (id TEXT PRIMARY KEY); INSERT INTO future_things VALUES ('kept')");
  db.close();
  const past = new Date('2030-01-01T00:00:00Z');
  fs.utimesSync(file, past, past);
  return { dir, file };
}

const fingerprint = (file: string) => ({ bytes: fs.readFileSync(file).toString('base64'), mtime: fs.statSync(file).mtimeMs });

describe('a database from a newer Margin', () => {
  const known = newestKnown(migrations);

  it('is refused with a typed error and left exactly as it was', () => {
    const { dir, file } = newerDataDir(known + 1);
    const before = fingerprint(file);
    let error: unknown;
    try {
      createStudioCore({ dataDir: dir, host: 'browser' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('database_newer');
    expect((error as StudioError).message).toBe(
      `This data folder was last used by a newer Margin (database version ${known + 1}; this Margin knows up to ${known}). Update Margin to open it; nothing in it was changed.`,
    );
    expect(fingerprint(file)).toEqual(before);
    // Not moved aside as damaged, no WAL left behind, and the folder's lock released.
    expect(fs.readdirSync(dir).sort()).toEqual([DATABASE_FILE, 'margin.checked'].sort());
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('is refused in rollback-journal mode too (setting WAL would rewrite its header)', () => {
    const { dir, file } = newerDataDir(known + 7, 'delete');
    const before = fingerprint(file);
    expect(() => createStudioCore({ dataDir: dir, host: 'browser' })).toThrow(/database version \d+; this Margin knows up to/);
    expect(fingerprint(file)).toEqual(before);
  });

  it('opens a database that holds exactly the versions this Margin knows', () => {
    const dir = tempDir();
    createStudioCore({ dataDir: dir, host: 'browser' }).close();
    const core = createStudioCore({ dataDir: dir, host: 'browser' });
    expect(core.db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(known);
    core.close();
  });

  it('stops browser mode with the message (exit 2)', async () => {
    const { dir, file } = newerDataDir(known + 1);
    const before = fingerprint(file);
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web/index.ts', '--port', '0', '--data', dir, '--community', 'off'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(output).toContain('Margin could not start browser mode: This data folder was last used by a newer Margin');
    expect(fingerprint(file)).toEqual(before);
  }, 30_000);

  it('stops the desktop app’s core process with the message, for main to show', async () => {
    const { dir, file } = newerDataDir(known + 1);
    const before = fingerprint(file);
    const { fork } = fakeFork((parent, exit) => void runCoreHost(parent, { exit }));
    const started = startCoreProcess({
      fork,
      entry: '/opt/Margin/resources/app.asar/out/main/core-host.cjs',
      dataDir: dir,
      vault: { read: () => null, write: () => {} },
      notify: () => {},
      badge: () => {},
      onCrash: () => {},
    });
    await expect(started).rejects.toThrow(`This data folder was last used by a newer Margin (database version ${known + 1}; this Margin knows up to ${known}).`);
    expect(fingerprint(file)).toEqual(before);
  });
});

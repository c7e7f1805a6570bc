import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Result } from '../../shared/api/result';
import { createBackups } from '../../electron/core/backup/backup.service';
import { writeBackup } from '../../electron/core/backup/backup-files';
import { LOCK_FILE } from '../../electron/core/data-dir-lock';
import { migrate } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations/index';
import { openDatabase } from '../../electron/core/db/open-database';
import { createStudioCore, DATABASE_FILE, type StudioCore } from '../../electron/core/studio-core';
import { docJson } from '../fixtures/lexical';
import { call } from '../helpers/studio';
import { tempDir } from '../helpers/temp-dir';

const DAY = 24 * 3600_000;

function studio(dataDir = tempDir(), clock?: () => Date) {
  const core = createStudioCore({ dataDir, host: 'browser', clock });
  onTestFinished(() => core.close());
  return { core, dataDir };
}

async function draft(core: StudioCore, text: string) {
  const project = await call(core, 'projects.create', { title: 'Novel' });
  const doc = await call(core, 'documents.create', { projectId: project.id, title: 'Chapter' });
  await call(core, 'documents.save', { id: doc.id, content: docJson([text]) });
  return doc.id as string;
}

const plainText = (file: string, id: string) => {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db.prepare('SELECT plain_text FROM document_content WHERE document_id = ?').pluck().get(id);
  } finally {
    db.close();
  }
};

const failure = async (maybe: unknown) => {
  const result = (await maybe) as Result<unknown>;
  expect(result.ok).toBe(false);
  return (result as { ok: false; error: { code: string; message: string } }).error;
};

/** Overwrites a page near the end of a file: SQLite still opens it, integrity_check does not pass. */
function damage(file: string) {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(4096, 0xab), 0, 4096, size - 8192);
  fs.closeSync(fd);
}

describe('backups', () => {
  it('"Back up now" copies the live database into <data folder>/backups, checked and complete', async () => {
    const { core, dataDir } = studio();
    const id = await draft(core, 'The snow came early that year.');
    const status = await call(core, 'backup.now');
    expect(status.folder).toBe(path.join(dataDir, 'backups'));
    expect(status.isDefault).toBe(true);
    expect(status.keepDays).toBe(14);
    expect(status.backups).toHaveLength(1);
    const [backup] = status.backups;
    expect(backup.name).toMatch(/^margin-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.db$/);
    expect(status.lastBackupAt).toBe(backup.createdAt);
    // One self-contained file (no WAL beside it), whole, with the draft in it.
    expect(fs.readdirSync(status.folder)).toEqual([backup.name]);
    const copy = new BetterSqlite3(path.join(status.folder, backup.name), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
    expect(plainText(path.join(status.folder, backup.name), id)).toBe('The snow came early that year.');
    expect(backup.bytes).toBe(fs.statSync(path.join(status.folder, backup.name)).size);
  });

  it('backs up once a day by itself and keeps backups for the chosen number of days (always the newest)', async () => {
    const dataDir = tempDir();
    let now = Date.parse('2026-11-01T08:00:00Z');
    const { db } = openDatabase(path.join(dataDir, DATABASE_FILE));
    onTestFinished(() => void db.close());
    const backups = createBackups({ db, dataDir, clock: () => new Date(now), restore: async () => '', schedule: false });
    const folder = path.join(dataDir, 'backups');
    expect(await backups.runDue()).toBe(true); // none yet
    expect(await backups.runDue()).toBe(false); // one today
    now += DAY - 60_000;
    expect(await backups.runDue()).toBe(false);
    now += 60_000;
    expect(await backups.runDue()).toBe(true);
    expect(fs.readdirSync(folder)).toHaveLength(2);
    await backups.handlers['backup.configure']({ keepDays: 3 });
    for (let day = 0; day < 5; day++) {
      now += DAY;
      expect(await backups.runDue()).toBe(true);
    }
    // Seven made; those older than three days are gone.
    const kept = backups.handlers['backup.status']({}) as Awaited<ReturnType<(typeof backups.handlers)['backup.status']>>;
    expect(kept.backups.map((b) => b.createdAt)).toEqual(['2026-11-07T08:00:00.000Z', '2026-11-06T08:00:00.000Z', '2026-11-05T08:00:00.000Z', '2026-11-04T08:00:00.000Z']);
    expect(kept.nextDueAt).toBe('2026-11-08T08:00:00.000Z');
    // A writer who stops writing for a month still has the last backup.
    now += 30 * DAY;
    await backups.handlers['backup.configure']({ keepDays: 1 });
    expect(fs.readdirSync(folder)).toEqual([kept.backups[0]!.name]);
    // Files that are not Margin backups are never touched.
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'mine');
    await backups.handlers['backup.configure']({ keepDays: 1 });
    expect(fs.existsSync(path.join(folder, 'notes.txt'))).toBe(true);
    backups.close();
  });

  it('writes to a folder the writer chooses, remembered across restarts; refuses a relative or unwritable one', async () => {
    const dataDir = tempDir();
    const elsewhere = path.join(tempDir(), 'Margin backups');
    let { core } = studio(dataDir);
    await draft(core, 'Words.');
    const chosen = await call(core, 'backup.configure', { folder: elsewhere, keepDays: 30 });
    expect(chosen).toMatchObject({ folder: elsewhere, isDefault: false, keepDays: 30 });
    await call(core, 'backup.now');
    expect(fs.readdirSync(elsewhere)).toHaveLength(1);
    expect(fs.existsSync(path.join(dataDir, 'backups'))).toBe(false);
    core.close();
    ({ core } = studio(dataDir));
    expect(await call(core, 'backup.status')).toMatchObject({ folder: elsewhere, keepDays: 30 });
    expect((await call(core, 'backup.status')).backups).toHaveLength(1);

    const relative = await failure(core.call('backup.configure', { folder: 'backups' }));
    expect(relative.code).toBe('invalid_input');
    const file = path.join(tempDir(), 'a-file');
    fs.writeFileSync(file, '');
    const notAFolder = await failure(core.call('backup.configure', { folder: path.join(file, 'inside') }));
    expect(notAFolder).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/cannot write backups to/) });
    expect((await failure(core.call('backup.configure', { keepDays: 0 }))).code).toBe('invalid_input');
    expect(await call(core, 'backup.status')).toMatchObject({ folder: elsewhere, keepDays: 30 }); // unchanged
    // Back to the default.
    expect(await call(core, 'backup.configure', { folder: null })).toMatchObject({ folder: path.join(dataDir, 'backups'), isDefault: true });
  });

  it('restores a backup: the current database is kept aside whole, the studio reopens on the copy, the folder stays locked', async () => {
    const { core, dataDir } = studio();
    const id = await draft(core, 'First draft.');
    const { backups } = await call(core, 'backup.now');
    await call(core, 'documents.save', { id, content: docJson(['Second draft, after the backup.']) });
    let events = 0;
    core.on('critique:changed', () => events++);

    const restored = await call(core, 'backup.restore', { name: backups[0].name });
    expect(restored.restoredFrom).toBe(backups[0].name);
    expect(path.dirname(restored.keptAs)).toBe(dataDir);
    expect(path.basename(restored.keptAs)).toMatch(/^margin\.db\.before-restore-/);
    // The studio answers from the restored database, on the same object the host holds.
    expect((await call(core, 'documents.open', { id })).content).toContain('First draft.');
    // The replaced database is kept, whole, with the newer text in it.
    expect(plainText(restored.keptAs, id)).toBe('Second draft, after the backup.');
    // The backup itself is as it was; the folder is still this studio's.
    expect(plainText(path.join(dataDir, 'backups', backups[0].name), id)).toBe('First draft.');
    expect(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    expect(() => createStudioCore({ dataDir, host: 'browser' })).toThrow(/already open with this data folder/);
    expect(events).toBeGreaterThan(0); // listeners held by the host keep hearing the (new) core
    // Writing goes on, into the restored database, and survives a restart.
    await call(core, 'documents.save', { id, content: docJson(['Third, after restoring.']) });
    core.close();
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    const { core: reopened } = studio(dataDir);
    expect((await call(reopened, 'documents.open', { id })).content).toContain('Third, after restoring.');
    expect((await call(reopened, 'backup.status')).backups).toHaveLength(1);
  });

  it('refuses a damaged backup, and a missing one, and changes nothing', async () => {
    const { core, dataDir } = studio();
    const id = await draft(core, 'A '.repeat(20_000)); // a few pages, so one can go bad
    const { backups, folder } = await call(core, 'backup.now');
    await call(core, 'documents.save', { id, content: docJson(['Kept.']) });
    damage(path.join(folder, backups[0].name));

    const damaged = await failure(core.call('backup.restore', { name: backups[0].name }));
    expect(damaged.code).toBe('database_corrupt');
    expect(damaged.message).toMatch(/integrity check/);
    expect((await call(core, 'documents.open', { id })).content).toContain('Kept.');
    expect(fs.readdirSync(dataDir).filter((f) => f.startsWith(DATABASE_FILE)).sort()).toEqual([DATABASE_FILE, `${DATABASE_FILE}-shm`, `${DATABASE_FILE}-wal`]);

    expect((await failure(core.call('backup.restore', { name: 'margin-2020-01-01T00-00-00-000Z.db' }))).code).toBe('not_found');
    expect((await failure(core.call('backup.restore', { name: '../margin.db' }))).code).toBe('invalid_input');
  });

  it('keeps no file when the copy fails its checks, and refuses to restore a backup from a newer Margin', async () => {
    const dataDir = tempDir();
    const { db } = openDatabase(path.join(dataDir, DATABASE_FILE));
    onTestFinished(() => void db.close());
    const folder = path.join(dataDir, 'backups');
    await writeBackup(db, folder, new Date('2026-11-01T08:00:00Z'));
    // A copy that is not one this Margin can open (here: it records a newer schema) does not count.
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', '2031-01-01')").run();
    await expect(writeBackup(db, folder, new Date('2026-11-02T08:00:00Z'))).rejects.toMatchObject({ code: 'database_newer' });
    expect(fs.readdirSync(folder)).toEqual(['margin-2026-11-01T08-00-00-000Z.db']);

    // Restoring such a file is refused before anything is replaced.
    const { core, dataDir: studioDir } = studio();
    const id = await draft(core, 'Mine.');
    const backupsDir = path.join(studioDir, 'backups');
    fs.mkdirSync(backupsDir);
    const future = new BetterSqlite3(path.join(backupsDir, 'margin-2031-01-01T00-00-00-000Z.db'));
    future.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL); INSERT INTO schema_migrations VALUES (999, 'future', '2031-01-01')");
    future.close();
    const refused = await failure(core.call('backup.restore', { name: 'margin-2031-01-01T00-00-00-000Z.db' }));
    expect(refused.code).toBe('database_newer');
    expect((await call(core, 'documents.open', { id })).content).toContain('Mine.');
    expect(fs.readdirSync(studioDir).some((f) => f.includes('restoring') || f.includes('before-restore'))).toBe(false);
  });

  it('puts the writer’s database back when a restored copy passes its checks but will not open', async () => {
    const { core, dataDir } = studio();
    const id = await draft(core, 'Still here.');
    // An old Margin's database (version 5) that the upgrade cannot finish: a table in the way of migration 7.
    const folder = path.join(dataDir, 'backups');
    fs.mkdirSync(folder);
    const name = 'margin-2026-01-01T00-00-00-000Z.db';
    const old = new BetterSqlite3(path.join(folder, name));
    migrate(old, migrations.filter((m) => m.version <= 5));
    old.exec('CREATE TABLE goals (in_the_way INTEGER)');
    old.close();

    const failed = await failure(core.call('backup.restore', { name }));
    expect(failed).toEqual({ code: 'database_corrupt', message: 'This backup could not be opened (table goals already exists). Your studio is as it was.' });
    // The same object answers, from the writer's own database, which is back in its place.
    expect((await call(core, 'documents.open', { id })).content).toContain('Still here.');
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('before-restore') || f.includes('restoring'))).toEqual([]);
    await call(core, 'documents.save', { id, content: docJson(['Still here, and more.']) });
    core.close();
    expect(plainText(path.join(dataDir, DATABASE_FILE), id)).toBe('Still here, and more.');
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  });
});

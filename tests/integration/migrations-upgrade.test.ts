import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { unwrap, type Result } from '../../shared/api/result';
import { migrate } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations/index';
import { createStudioCore, DATABASE_FILE } from '../../electron/core/studio-core';
import { migrationSeeds, SEED, SEED_TEXT } from '../fixtures/migration-seeds';
import { tempDir } from '../helpers/temp-dir';

const ordered = [...migrations].sort((a, b) => a.version - b.version);

/** Ordinary tables: not SQLite's own, not a full-text index or the tables behind it (they are derived). */
function tables(db: Database): string[] {
  const all = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string; sql: string }[];
  const virtual = all.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name);
  return all.map((t) => t.name).filter((name) => !virtual.some((v) => name === v || name.startsWith(`${v}_`)));
}

const columnsOf = (db: Database, table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

/** Every row of every table, as JSON of its values in column order (so a multiset can be compared). */
function contents(db: Database): Map<string, { columns: string[]; rows: string[] }> {
  const out = new Map<string, { columns: string[]; rows: string[] }>();
  for (const table of tables(db)) {
    const columns = columnsOf(db, table);
    const rows = db.prepare(`SELECT ${columns.join(', ')} FROM ${table}`).raw().all().map((row) => JSON.stringify(row));
    out.set(table, { columns, rows });
  }
  return out;
}

/** A database as migration `upTo` left it, with each migration's seed run right after it. */
function databaseAt(file: string, upTo: number): Database {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  for (const migration of ordered.filter((m) => m.version <= upTo)) {
    migrate(db, ordered.filter((m) => m.version <= migration.version));
    migrationSeeds[migration.version]?.(db);
  }
  return db;
}

describe('every older database upgrades with nothing lost', () => {
  it('has a seed for every migration (add one to tests/fixtures/migration-seeds.ts with each migration)', () => {
    const missing = ordered.map((m) => m.version).filter((v) => !migrationSeeds[v]);
    expect(missing, `migrations without a seed: ${missing.join(', ')}`).toEqual([]);
  });

  for (const { version, name } of ordered) {
    it(`opens a database at ${version} (${name}), upgrades it and keeps every row`, () => {
      const dir = tempDir();
      const db = databaseAt(path.join(dir, DATABASE_FILE), version);
      const before = contents(db);
      const empty = [...before].filter(([, t]) => t.rows.length === 0).map(([table]) => table);
      expect(empty, `tables the seeds up to ${version} leave empty`).toEqual([]);
      db.close();

      const core = createStudioCore({ dataDir: dir, host: 'browser' });
      try {
        const applied = core.db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
        expect(applied).toEqual(ordered.map((m) => m.version));
        for (const [table, { columns, rows }] of before) {
          const upgradedColumns = columnsOf(core.db, table);
          expect(upgradedColumns, `${table} lost a column`).toEqual(expect.arrayContaining(columns));
          const after = core.db.prepare(`SELECT ${columns.join(', ')} FROM ${table}`).raw().all().map((row) => JSON.stringify(row));
          for (const row of rows) expect(after, `${table} lost or changed a row`).toContain(row);
        }
        // The app works on it: the seeded project, its tree and the scene's text.
        const call = <T>(method: string, input: unknown = {}) => unwrap(core.call(method, input) as Result<T>);
        expect(call<{ id: string; title: string }[]>('projects.list').map((p) => p.title)).toContain('The Long Winter ❄');
        const tree = call<{ id: string }[]>('documents.tree', { projectId: SEED.project }).map((d) => d.id);
        expect(tree.slice(0, 2)).toEqual([SEED.chapter, SEED.scene]);
        expect(tree).not.toContain(SEED.trashed);
        const scene = call<{ content: string; wordCount: number }>('documents.open', { id: SEED.scene });
        expect(scene.wordCount).toBe(9);
        expect(scene.content).toContain(SEED_TEXT);
      } finally {
        core.close();
      }
    });
  }
});

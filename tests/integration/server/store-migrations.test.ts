import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Migration } from 'kysely';
import { describe, expect, it } from 'vitest';
import { accountsAndCircles } from '../../../server/store/migrations/0001-accounts-and-circles';
import { sprints } from '../../../server/store/migrations/0002-sprints';
import { critique } from '../../../server/store/migrations/0003-critique';
import { critiqueIndexes } from '../../../server/store/migrations/0004-critique-indexes';
import { openStore } from '../../../server/store/open-store';
import { tempDir } from '../../helpers/temp-dir';

describe('server store migrations', () => {
  it('0005 keys remembered operations by (writer, id) and keeps every one remembered before', async () => {
    const file = path.join(tempDir(), 'community.db');
    // The store as it was at 0004, with two remembered operations.
    const old = new Kysely<any>({ dialect: new SqliteDialect({ database: new BetterSqlite3(file) }) });
    const migrations: Record<string, Migration> = {
      '0001-accounts-and-circles': accountsAndCircles,
      '0002-sprints': sprints,
      '0003-critique': critique('sqlite'),
      '0004-critique-indexes': critiqueIndexes,
    };
    const { error } = await new Migrator({ db: old, provider: { getMigrations: async () => migrations } }).migrateToLatest();
    expect(error).toBeUndefined();
    const before = [
      { op_id: 'op-1', user_id: 'ana', error: null, applied_at: '2026-01-01T00:00:00.000Z' },
      { op_id: 'op-2', user_id: 'ben', error: '{"code":"forbidden","message":"No."}', applied_at: '2026-01-02T00:00:00.000Z' },
    ];
    await old.insertInto('applied_ops').values(before).execute();
    await old.destroy();

    const store = await openStore(`sqlite:${file}`);
    try {
      const rows = await store.db.selectFrom('applied_ops').selectAll().orderBy('op_id').execute();
      expect(rows).toEqual(before);
      // Another writer may now use the same id; the same writer still may not.
      await store.db.insertInto('applied_ops').values({ op_id: 'op-1', user_id: 'ben', error: null, applied_at: 'x' }).execute();
      await expect(store.db.insertInto('applied_ops').values({ op_id: 'op-1', user_id: 'ana', error: null, applied_at: 'x' }).execute()).rejects.toThrow(/UNIQUE|PRIMARY/i);
    } finally {
      await store.close();
    }
  });
});

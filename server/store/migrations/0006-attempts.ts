import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../open-store';

/**
 * Sign-in failures and registrations per key, when there is no Redis: every node reads the
 * same rows, so a guesser blocked on one node is blocked on all of them. `at` is ms since epoch.
 */
export const attempts = (kind: StoreKind): Migration => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('attempts')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('at', kind === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('attempts_by_key').on('attempts').columns(['name', 'key', 'at']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('attempts').execute();
  },
});

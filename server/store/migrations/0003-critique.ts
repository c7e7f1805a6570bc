import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreKind } from '../open-store';

/** Shares, comments, critiques, the credits ledger, applied operation ids and the per-writer change feed. */
export const critique = (kind: StoreKind): Migration => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('shares')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('author_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('circle_id', 'text', (c) => c.notNull().references('circles.id').onDelete('cascade'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('queue', 'integer', (c) => c.notNull())
      .addColumn('reader_ids', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('shares_by_circle').on('shares').column('circle_id').execute();
    await db.schema
      .createTable('share_versions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('share_id', 'text', (c) => c.notNull().references('shares.id').onDelete('cascade'))
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('plain_text', 'text', (c) => c.notNull())
      .addColumn('word_count', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('share_versions_number', ['share_id', 'number'])
      .execute();
    await db.schema
      .createTable('comments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('share_id', 'text', (c) => c.notNull().references('shares.id').onDelete('cascade'))
      .addColumn('version_id', 'text', (c) => c.notNull().references('share_versions.id').onDelete('cascade'))
      .addColumn('parent_id', 'text')
      .addColumn('author_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('anchor', 'text')
      .addColumn('resolved', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('resolved_hlc', 'text')
      .addColumn('helpful', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('helpful_hlc', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('comments_by_share').on('comments').column('share_id').execute();
    await db.schema
      .createTable('critiques')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('share_id', 'text', (c) => c.notNull().references('shares.id').onDelete('cascade'))
      .addColumn('version_id', 'text', (c) => c.notNull().references('share_versions.id').onDelete('cascade'))
      .addColumn('author_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('worked', 'text', (c) => c.notNull())
      .addColumn('didnt', 'text', (c) => c.notNull())
      .addColumn('suggestions', 'text', (c) => c.notNull())
      .addColumn('words', 'integer', (c) => c.notNull())
      .addColumn('helpful', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('helpful_hlc', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('critiques_one_per_version', ['version_id', 'author_id'])
      .execute();
    await db.schema
      .createTable('credit_rules')
      .addColumn('circle_id', 'text', (c) => c.primaryKey().references('circles.id').onDelete('cascade'))
      .addColumn('rules', 'text', (c) => c.notNull())
      .execute();
    // Append-only: rows are only ever inserted. The unique key makes every award happen once.
    await db.schema
      .createTable('credit_ledger')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('circle_id', 'text', (c) => c.notNull().references('circles.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('delta', 'integer', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('ref_id', 'text', (c) => c.notNull())
      .addColumn('balance_after', 'integer', (c) => c.notNull().check(sqlNonNegative()))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('credit_ledger_once', ['circle_id', 'user_id', 'reason', 'ref_id'])
      .execute();
    await db.schema
      .createTable('applied_ops')
      .addColumn('op_id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('feed')
      .addColumn('seq', kind === 'postgres' ? 'serial' : 'integer', (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ref_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('feed_by_user').on('feed').columns(['user_id', 'seq']).execute();
  },
  async down(db: Kysely<any>) {
    for (const table of ['feed', 'applied_ops', 'credit_ledger', 'credit_rules', 'critiques', 'comments', 'share_versions', 'shares']) {
      await db.schema.dropTable(table).execute();
    }
  },
});

/** The database itself refuses a negative balance, whatever the code above it does. */
const sqlNonNegative = () => sql`balance_after >= 0`;

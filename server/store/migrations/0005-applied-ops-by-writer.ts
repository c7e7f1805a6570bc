import { sql, type Kysely, type Migration } from 'kysely';

/**
 * An operation id is remembered per writer, (user_id, op_id): ids are made by clients, so a
 * stranger who reuses a member's id must get their own answer, never the member's. The table
 * is rebuilt (SQLite cannot change a primary key in place), keeping what it remembers.
 */
export const appliedOpsByWriter: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('applied_ops_by_writer')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('op_id', 'text', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('applied_ops_writer_pk', ['user_id', 'op_id'])
      .execute();
    await sql`INSERT INTO applied_ops_by_writer (user_id, op_id, error, applied_at) SELECT user_id, op_id, error, applied_at FROM applied_ops`.execute(db);
    await db.schema.dropTable('applied_ops').execute();
    await db.schema.alterTable('applied_ops_by_writer').renameTo('applied_ops').execute();
  },
  async down() {
    throw new Error('0005 cannot be undone: operation ids from different writers may now share an id.');
  },
};

import type { Kysely, Migration } from 'kysely';

/**
 * Writing prompts: a library per circle and the open one (circle_id null), the suggestions
 * members make (status 'suggested' until a curator accepts or declines them), and the prompt
 * picked for each library on each day, stored so every member sees the same one all day.
 * A library is read in index order by status, then oldest first (keyset on created_at, id).
 */
export const prompts: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('prompts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('circle_id', 'text', (c) => c.references('circles.id').onDelete('cascade'))
      /** The circle's id, or 'open': one indexable key for both kinds of library. */
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('decided_by', 'text', (c) => c.references('users.id'))
      .addColumn('thread_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('prompts_listed').on('prompts').columns(['scope', 'status', 'created_at', 'id']).execute();
    await db.schema.createIndex('prompts_by_author').on('prompts').columns(['author_id', 'scope', 'status']).execute();
    await db.schema
      .createTable('prompt_days')
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('prompt_id', 'text', (c) => c.notNull().references('prompts.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('prompt_days_pk', ['scope', 'day'])
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const table of ['prompt_days', 'prompts']) await db.schema.dropTable(table).execute();
  },
};

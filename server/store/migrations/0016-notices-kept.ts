import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Mentions and report outcomes become notices too (before, they were told only to studios
 * connected at that moment): a notice now says where it happened (`circle_id`) and carries a
 * line of its own (`body`: the post's first words, a moderator's reason).
 */
export const noticesKept: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('activity_notices').addColumn('circle_id', 'text').execute();
    await db.schema
      .alterTable('activity_notices')
      .addColumn('body', 'text', (c) => c.notNull().defaultTo(sql`''`))
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const column of ['body', 'circle_id']) await db.schema.alterTable('activity_notices').dropColumn(column).execute();
  },
};

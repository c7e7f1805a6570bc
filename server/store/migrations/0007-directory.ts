import type { Kysely, Migration } from 'kysely';

/**
 * The directory: a circle's visibility (private until its owner lists it, so every circle made
 * before keeps its privacy) and what it is about; requests to join closed circles; indexes for
 * a directory page and for counting a circle's activity over the last 30 days.
 */
export const directory: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('circles').addColumn('visibility', 'text', (c) => c.notNull().defaultTo('private')).execute();
    await db.schema.alterTable('circles').addColumn('genres', 'text', (c) => c.notNull().defaultTo('[]')).execute();
    await db.schema.alterTable('circles').addColumn('language', 'text').execute();
    await db.schema.alterTable('circles').addColumn('time_zone', 'text').execute();
    await db.schema.createIndex('circles_listed').on('circles').columns(['visibility', 'created_at', 'id']).execute();
    await db.schema
      .createTable('circle_join_requests')
      .addColumn('circle_id', 'text', (c) => c.notNull().references('circles.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('circle_join_requests_pk', ['circle_id', 'user_id'])
      .execute();
    await db.schema.createIndex('circle_join_requests_by_user').on('circle_join_requests').column('user_id').execute();
    await db.schema.createIndex('shares_by_circle_time').on('shares').columns(['circle_id', 'created_at']).execute();
    await db.schema.createIndex('sprints_by_circle_time').on('sprints').columns(['circle_id', 'created_at']).execute();
  },
  async down(db: Kysely<any>) {
    for (const index of ['sprints_by_circle_time', 'shares_by_circle_time', 'circle_join_requests_by_user', 'circles_listed']) await db.schema.dropIndex(index).execute();
    await db.schema.dropTable('circle_join_requests').execute();
    for (const column of ['time_zone', 'language', 'genres', 'visibility']) await db.schema.alterTable('circles').dropColumn(column).execute();
  },
};

import type { Kysely, Migration } from 'kysely';

/**
 * Encouragement: kudos on posts, follows of writers and circles, and the activity they read
 * (new threads, kudos given), one row per event, read newest first by keyset per actor and
 * per circle.
 */
export const activity: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('kudos')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('target_kind', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('kudos_pk', ['target_kind', 'target_id', 'user_id'])
      .execute();
    await db.schema
      .createTable('follows')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('followee_kind', 'text', (c) => c.notNull())
      .addColumn('followee_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('follows_pk', ['user_id', 'followee_kind', 'followee_id'])
      .execute();
    await db.schema
      .createTable('activity')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('circle_id', 'text', (c) => c.references('circles.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ref_id', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('activity_by_actor').on('activity').columns(['actor_id', 'created_at', 'id']).execute();
    await db.schema.createIndex('activity_by_circle').on('activity').columns(['circle_id', 'created_at', 'id']).execute();
    // The feed's first page reads backwards in time and keeps what the reader follows: a follow
    // list is a small share of all activity, so a page stops after a few hundred rows (bench:hub).
    await db.schema.createIndex('activity_by_time').on('activity').columns(['created_at', 'id']).execute();
  },
  async down(db: Kysely<any>) {
    for (const table of ['activity', 'follows', 'kudos']) await db.schema.dropTable(table).execute();
  },
};

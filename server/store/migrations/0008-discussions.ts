import type { Kysely, Migration } from 'kysely';

/**
 * Discussions in every circle: categories its owner sets, threads (a title and a first post)
 * and their replies, and when each writer last read each thread (the unread markers). A page
 * of a circle's threads is read in index order: pinned first, then by last activity.
 */
export const discussions: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('discussion_categories')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('circle_id', 'text', (c) => c.notNull().references('circles.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('discussion_categories_by_circle').on('discussion_categories').columns(['circle_id', 'position']).execute();
    await db.schema
      .createTable('discussion_threads')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('circle_id', 'text', (c) => c.notNull().references('circles.id').onDelete('cascade'))
      .addColumn('category_id', 'text', (c) => c.references('discussion_categories.id').onDelete('set null'))
      .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('post_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_post_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('discussion_threads_listed').on('discussion_threads').columns(['circle_id', 'pinned', 'last_post_at', 'id']).execute();
    await db.schema
      .createTable('discussion_posts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('thread_id', 'text', (c) => c.notNull().references('discussion_threads.id').onDelete('cascade'))
      .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('discussion_posts_by_thread').on('discussion_posts').columns(['thread_id', 'created_at', 'id']).execute();
    await db.schema
      .createTable('discussion_reads')
      .addColumn('thread_id', 'text', (c) => c.notNull().references('discussion_threads.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('read_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('discussion_reads_pk', ['thread_id', 'user_id'])
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const table of ['discussion_reads', 'discussion_posts', 'discussion_threads', 'discussion_categories']) await db.schema.dropTable(table).execute();
  },
};

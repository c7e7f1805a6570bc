import type { Kysely, Migration } from 'kysely';

/**
 * Moderation from day one: reports of posts (reason and note) waiting in their circle's queue,
 * every moderator action in an audit log (who, what, why, when), posts hidden by a moderator,
 * and the writers each writer has blocked.
 */
export const moderation: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('reports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('circle_id', 'text', (c) => c.notNull().references('circles.id').onDelete('cascade'))
      .addColumn('target_kind', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('reporter_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'text')
      .execute();
    await db.schema.createIndex('reports_queue').on('reports').columns(['circle_id', 'status', 'created_at']).execute();
    await db.schema
      .createTable('moderation_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('circle_id', 'text', (c) => c.notNull().references('circles.id').onDelete('cascade'))
      .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target_kind', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('report_id', 'text')
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('moderation_log_by_circle').on('moderation_log').columns(['circle_id', 'created_at']).execute();
    await db.schema.alterTable('discussion_posts').addColumn('hidden_at', 'text').execute();
    await db.schema
      .createTable('blocks')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('blocked_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('blocks_pk', ['user_id', 'blocked_id'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('blocks').execute();
    await db.schema.alterTable('discussion_posts').dropColumn('hidden_at').execute();
    await db.schema.dropTable('moderation_log').execute();
    await db.schema.dropTable('reports').execute();
  },
};

import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Moderation beyond one circle's posts: reports of comments, critiques, shares and profiles
 * (a profile belongs to no circle, so a report's and a log entry's circle may be empty: the
 * site queue), sanctions on writers (a warning, a suspension until a time, a ban from a circle
 * or the site), posts hidden on shares too, and muted threads.
 *
 * `reports` and `moderation_log` are rebuilt to let circle_id be null: SQLite cannot drop a NOT
 * NULL in place, and one way for both stores keeps the two schemas the same.
 */
export const siteModeration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('reports_new')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('circle_id', 'text', (c) => c.references('circles.id').onDelete('cascade'))
      .addColumn('target_kind', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
      .addColumn('reporter_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'text')
      .execute();
    await sql`INSERT INTO reports_new (id, circle_id, target_kind, target_id, author_id, reporter_id, reason, note, status, created_at, decided_by, decided_at)
      SELECT r.id, r.circle_id, r.target_kind, r.target_id, p.author_id, r.reporter_id, r.reason, r.note, r.status, r.created_at, r.decided_by, r.decided_at
      FROM reports r LEFT JOIN discussion_posts p ON p.id = r.target_id`.execute(db);
    await db.schema.dropTable('reports').execute();
    await db.schema.alterTable('reports_new').renameTo('reports').execute();
    await db.schema.createIndex('reports_queue').on('reports').columns(['circle_id', 'status', 'created_at']).execute();
    // The site queue: every open report, oldest first.
    await db.schema.createIndex('reports_open').on('reports').columns(['status', 'created_at']).execute();
    await db.schema.createIndex('reports_target').on('reports').columns(['target_id', 'status']).execute();

    await db.schema
      .createTable('moderation_log_new')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('circle_id', 'text', (c) => c.references('circles.id').onDelete('cascade'))
      .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target_kind', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text')
      .addColumn('report_id', 'text')
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await sql`INSERT INTO moderation_log_new (id, circle_id, actor_id, action, target_kind, target_id, subject_id, report_id, reason, created_at)
      SELECT id, circle_id, actor_id, action, target_kind, target_id, NULL, report_id, reason, created_at FROM moderation_log`.execute(db);
    await db.schema.dropTable('moderation_log').execute();
    await db.schema.alterTable('moderation_log_new').renameTo('moderation_log').execute();
    await db.schema.createIndex('moderation_log_by_circle').on('moderation_log').columns(['circle_id', 'created_at']).execute();
    await db.schema.createIndex('moderation_log_by_time').on('moderation_log').columns(['created_at']).execute();

    await db.schema
      .createTable('sanctions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('circle_id', 'text', (c) => c.references('circles.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('until', 'text')
      .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sanctions_by_user').on('sanctions').columns(['user_id', 'created_at']).execute();

    for (const table of ['comments', 'critiques', 'shares']) await db.schema.alterTable(table).addColumn('hidden_at', 'text').execute();

    await db.schema
      .createTable('thread_mutes')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('thread_id', 'text', (c) => c.notNull().references('discussion_threads.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('thread_mutes_pk', ['user_id', 'thread_id'])
      .execute();
    await db.schema.createIndex('thread_mutes_by_thread').on('thread_mutes').columns(['thread_id']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('thread_mutes').execute();
    for (const table of ['comments', 'critiques', 'shares']) await db.schema.alterTable(table).dropColumn('hidden_at').execute();
    await db.schema.dropTable('sanctions').execute();
    // Site-wide rows have no circle to go back to.
    await db.deleteFrom('moderation_log').where('circle_id', 'is', null).execute();
    await db.schema.dropIndex('moderation_log_by_time').execute();
    await db.schema.alterTable('moderation_log').dropColumn('subject_id').execute();
    await db.deleteFrom('reports').where('circle_id', 'is', null).execute();
    await db.schema.dropIndex('reports_open').execute();
    await db.schema.dropIndex('reports_target').execute();
    await db.schema.alterTable('reports').dropColumn('author_id').execute();
  },
};

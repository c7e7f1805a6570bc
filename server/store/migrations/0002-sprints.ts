import type { Kysely, Migration } from 'kysely';

export const sprints: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('sprints')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('circle_id', 'text', (c) => c.references('circles.id').onDelete('cascade'))
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('ends_at', 'text', (c) => c.notNull())
      .addColumn('duration_min', 'integer', (c) => c.notNull())
      .addColumn('goal_words', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sprints_by_end').on('sprints').column('ends_at').execute();
    await db.schema
      .createTable('sprint_writers')
      .addColumn('sprint_id', 'text', (c) => c.notNull().references('sprints.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('joined_at', 'text', (c) => c.notNull())
      .addColumn('words', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('left_at', 'text')
      .addPrimaryKeyConstraint('sprint_writers_pk', ['sprint_id', 'user_id'])
      .execute();
    await db.schema.createIndex('sprint_writers_by_user').on('sprint_writers').column('user_id').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('sprint_writers').execute();
    await db.schema.dropTable('sprints').execute();
  },
};

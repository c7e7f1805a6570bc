import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../open-store';

/**
 * Encouragement, part two: the notices a writer receives (kudos on their things, a new
 * follower, a milestone of someone they follow), one row each, read by the studio after its
 * cursor so nothing is missed while it was offline; and which sprints had their results put in
 * the activity feed (once, whichever node saw the sprint end first).
 */
export const encouragement = (kind: StoreKind): Migration => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('activity_notices')
      .addColumn('seq', kind === 'postgres' ? 'serial' : 'integer', (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('target_kind', 'text')
      .addColumn('ref_id', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('activity_notices_by_user').on('activity_notices').columns(['user_id', 'seq']).execute();
    await db.schema
      .createTable('sprint_results')
      .addColumn('sprint_id', 'text', (c) => c.primaryKey().references('sprints.id').onDelete('cascade'))
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .execute();
    // A follower's list of whom follows a writer (milestone notices fan out to followers).
    await db.schema.createIndex('follows_by_followee').on('follows').columns(['followee_kind', 'followee_id']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('follows_by_followee').execute();
    for (const table of ['sprint_results', 'activity_notices']) await db.schema.dropTable(table).execute();
  },
});

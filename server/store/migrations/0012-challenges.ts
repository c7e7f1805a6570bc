import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Challenges: a goal (words, days with writing, minutes) between a start and a deadline, in a
 * circle or open to everyone; cabins (teams of up to 12); who joined (having agreed to send
 * their daily totals); each writer's totals per local day; and the progress worked out from
 * them, precomputed so the leaderboard is read in index order (total, then account) by keyset.
 */
export const challenges: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('challenges')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('circle_id', 'text', (c) => c.references('circles.id').onDelete('cascade'))
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('goal_kind', 'text', (c) => c.notNull())
      .addColumn('goal', 'integer', (c) => c.notNull())
      .addColumn('start_day', 'text', (c) => c.notNull())
      .addColumn('end_day', 'text', (c) => c.notNull())
      .addColumn('cabins', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('participants', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    // Listing: open ones and a circle's, latest start first.
    await db.schema.createIndex('challenges_by_circle').on('challenges').columns(['circle_id', 'start_day', 'id']).execute();
    await db.schema.createIndex('challenges_by_start').on('challenges').columns(['start_day', 'id']).execute();
    await db.schema
      .createTable('challenge_cabins')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('challenge_id', 'text', (c) => c.notNull().references('challenges.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('members', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('challenge_cabins_by_challenge').on('challenge_cabins').columns(['challenge_id']).execute();
    await db.schema
      .createTable('challenge_participants')
      .addColumn('challenge_id', 'text', (c) => c.notNull().references('challenges.id').onDelete('cascade'))
      .addColumn('account_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('cabin_id', 'text', (c) => c.references('challenge_cabins.id').onDelete('set null'))
      .addColumn('consented_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('challenge_participants_pk', ['challenge_id', 'account_id'])
      .execute();
    await db.schema.createIndex('challenge_participants_by_account').on('challenge_participants').columns(['account_id']).execute();
    await db.schema
      .createTable('challenge_days')
      .addColumn('challenge_id', 'text', (c) => c.notNull().references('challenges.id').onDelete('cascade'))
      .addColumn('account_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('words', 'integer', (c) => c.notNull())
      .addColumn('minutes', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('challenge_days_pk', ['challenge_id', 'account_id', 'day'])
      .execute();
    await db.schema
      .createTable('challenge_progress')
      .addColumn('challenge_id', 'text', (c) => c.notNull().references('challenges.id').onDelete('cascade'))
      .addColumn('account_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('cabin_id', 'text')
      .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('words', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('minutes', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('days_written', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('milestone', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('completed_at', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('challenge_progress_pk', ['challenge_id', 'account_id'])
      .execute();
    // The leaderboard, read in this order by keyset; and one cabin's standings.
    await sql`CREATE INDEX challenge_leaderboard ON challenge_progress (challenge_id, total DESC, account_id)`.execute(db);
    await sql`CREATE INDEX challenge_cabin_leaderboard ON challenge_progress (challenge_id, cabin_id, total DESC, account_id)`.execute(db);
  },
  async down(db: Kysely<any>) {
    for (const table of ['challenge_progress', 'challenge_days', 'challenge_participants', 'challenge_cabins', 'challenges']) await db.schema.dropTable(table).execute();
  },
};

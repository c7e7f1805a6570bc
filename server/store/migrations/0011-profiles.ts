import type { Kysely, Migration } from 'kysely';

/**
 * Writer profiles: what a writer adds to their account's name, bio and genres (which stay on
 * `users`, where accounts and the directory read them): who may see each field, the one
 * project they chose to show ("what I'm working on") and the stamps of the last updates applied
 * (an update sent again from the outbox, or an older one arriving late, changes nothing).
 * Badges: a generic store any feature awards into (challenges first), one row per key.
 */
export const profiles: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('profiles')
      .addColumn('account_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
      // JSON: { bio, genres, workingOn, circles, badges, activity } → 'everyone' | 'circles' | 'me'.
      .addColumn('privacy', 'text', (c) => c.notNull())
      .addColumn('working_title', 'text')
      .addColumn('working_genre', 'text')
      .addColumn('working_words', 'integer')
      // Hybrid logical clock stamps of the last profile and privacy updates applied (two kinds in the outbox).
      .addColumn('stamp', 'text', (c) => c.notNull())
      .addColumn('privacy_stamp', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('badges')
      .addColumn('account_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('awarded_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('badges_pk', ['account_id', 'key'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('badges').execute();
    await db.schema.dropTable('profiles').execute();
  },
};

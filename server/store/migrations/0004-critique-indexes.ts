import type { Kysely, Migration } from 'kysely';

/**
 * Indexes the critique queries need as a community grows: a share's versions are listed on
 * every pull (covering, so SQLite never walks a draft's text to reach the columns stored
 * after it), and a share's critiques are read when someone joins its circle. (A critic's
 * critique of a version already has the unique index of its constraint.)
 */
export const critiqueIndexes: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.createIndex('share_versions_listed').on('share_versions').columns(['share_id', 'number', 'id', 'word_count', 'created_at']).execute();
    await db.schema.createIndex('critiques_by_share').on('critiques').columns(['share_id', 'created_at']).execute();
  },
  async down(db: Kysely<any>) {
    for (const name of ['share_versions_listed', 'critiques_by_share']) await db.schema.dropIndex(name).execute();
  },
};

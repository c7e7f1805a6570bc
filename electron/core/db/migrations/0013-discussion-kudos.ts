import type { Migration } from './index';

/** Kudos on discussion posts, as last read from the server: how many, and whether this account gave one. */
export const discussionKudos: Migration = {
  version: 13,
  name: 'discussion-kudos',
  up: (db) => {
    db.exec(`
      ALTER TABLE discussion_posts ADD COLUMN kudos INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE discussion_posts ADD COLUMN kudos_mine INTEGER NOT NULL DEFAULT 0;
    `);
  },
};

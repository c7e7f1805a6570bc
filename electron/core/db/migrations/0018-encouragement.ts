import type { Migration } from './index';

/**
 * Encouragement in the studio: kudos this account gave (kept here and sent through the outbox,
 * with the counts last read from the server); the cursor of the notices read from the server;
 * per kind, whether notifications are kept in the centre at all; notifications held for the
 * daily digest; and the centre's preferences (quiet hours, the digest, the time zone, the day
 * of the last digest).
 */
export const encouragement: Migration = {
  version: 18,
  name: 'encouragement',
  up: (db) => {
    db.exec(`
      CREATE TABLE activity_kudos (
        owner TEXT NOT NULL,
        target_kind TEXT NOT NULL,
        target_id TEXT NOT NULL,
        count INTEGER NOT NULL,
        mine INTEGER NOT NULL,
        PRIMARY KEY (owner, target_kind, target_id)
      );
      CREATE TABLE activity_cursor (owner TEXT PRIMARY KEY, seq INTEGER NOT NULL);
      ALTER TABLE notification_settings ADD COLUMN in_app INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE notifications ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX notifications_held ON notifications(owner) WHERE held = 1;
      CREATE TABLE notification_prefs (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
  },
};

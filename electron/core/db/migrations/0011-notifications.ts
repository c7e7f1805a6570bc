import type { Migration } from './index';

/**
 * The notification centre: what happened in the writer's community (comments, replies,
 * critiques, shares received, circle joins, sprints planned in their circles), one row each,
 * read or unread. A row belongs to an account like every community row; `source` names what
 * it was made from, so a feed item delivered twice makes one notification. Which kinds may
 * show on the desktop is a setting of this studio.
 */
export const notifications: Migration = {
  version: 11,
  name: 'notifications',
  up: (db) => {
    db.exec(`
      CREATE TABLE notifications (
        id TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        source TEXT NOT NULL,
        kind TEXT NOT NULL,
        tab TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        share_id TEXT,
        comment_id TEXT,
        circle_id TEXT,
        created_at TEXT NOT NULL,
        read_at TEXT,
        UNIQUE (owner, source)
      );
      CREATE INDEX notifications_by_owner ON notifications(owner, created_at);
      CREATE INDEX notifications_unread ON notifications(owner, tab) WHERE read_at IS NULL;
      CREATE TABLE notification_settings (kind TEXT PRIMARY KEY, desktop INTEGER NOT NULL);
    `);
  },
};

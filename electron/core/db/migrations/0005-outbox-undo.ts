import type { Migration } from './index';

/**
 * What an outbox operation replaced locally, so that discarding it (when the community
 * refused it) puts back exactly what was there: a share's title and readers before a new
 * version, a flag's value and stamp before it was set. Never sent anywhere.
 */
export const outboxUndo: Migration = {
  version: 5,
  name: 'outbox-undo',
  up: (db) => {
    db.exec('ALTER TABLE outbox ADD COLUMN undo TEXT');
  },
};

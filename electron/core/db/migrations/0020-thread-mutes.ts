import type { Migration } from './index';

/**
 * Whether the writer muted a discussion thread, kept with this studio's copy of it: shown on the
 * Mute button after a restart and offline, and loaded back from the server (which keeps the mute)
 * on another computer. A mute made offline waits in the outbox like any other action.
 */
export const threadMutes: Migration = {
  version: 20,
  name: 'thread-mutes',
  up: (db) => {
    db.exec('ALTER TABLE discussion_threads ADD COLUMN muted INTEGER NOT NULL DEFAULT 0');
  },
};

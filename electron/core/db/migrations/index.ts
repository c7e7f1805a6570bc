import type { Database } from 'better-sqlite3';
import { initial } from './0001-initial';
import { sprintSessions } from './0002-sprint-sessions';
import { critique } from './0003-critique';
import { versionListIndex } from './0004-version-list-index';
import { outboxUndo } from './0005-outbox-undo';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
}

/** Every migration, in the order it is applied. Append; never edit one that has shipped. */
export const migrations: Migration[] = [initial, sprintSessions, critique, versionListIndex, outboxUndo];

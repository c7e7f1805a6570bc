import type { Database } from 'better-sqlite3';
import { initial } from './0001-initial';
import { sprintSessions } from './0002-sprint-sessions';
import { critique } from './0003-critique';
import { versionListIndex } from './0004-version-list-index';
import { outboxUndo } from './0005-outbox-undo';
import { goalsStats } from './0007-goals-stats';
import { syncOwnership } from './0006-sync-ownership';
import { search } from './0008-search';
import { projectsArchiveTrash } from './0009-projects-archive-trash';
import { notifications } from './0011-notifications';
import { discussions } from './0012-discussions';
import { discussionKudos } from './0013-discussion-kudos';
import { searchBlocks } from './0019-search-blocks';
import { challenges } from './0014-challenges';
import { profiles } from './0016-profiles';
import { prompts } from './0015-prompts';
import { encouragement } from './0018-encouragement';
import { threadMutes } from './0020-thread-mutes';
import { searchBlockPlaces } from './0021-search-block-places';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
}

/** Every migration, in the order it is applied. Append; never edit one that has shipped. */
export const migrations: Migration[] = [initial, sprintSessions, critique, versionListIndex, outboxUndo, syncOwnership, goalsStats, search, projectsArchiveTrash, notifications, discussions, discussionKudos, challenges, prompts, profiles, encouragement, searchBlocks, threadMutes, searchBlockPlaces];

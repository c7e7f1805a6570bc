import type { KudosTargetKind } from '../rules/kudos';

export interface Follow {
  kind: 'writer' | 'circle';
  id: string;
  name: string;
  since: string;
}

export type ActivityKind = 'thread' | 'kudos' | 'challenge_milestone' | 'sprint_result' | 'share';

/** One thing that happened, as the feed shows it. Titles are plain text from other people. */
export interface ActivityItem {
  id: string;
  kind: ActivityKind;
  actorId: string;
  actorName: string;
  circleId: string | null;
  circleName: string | null;
  /**
   * What it is about: the thread (a new thread, or the thread of the post given kudos), the
   * sprint (a result), the challenge (a milestone), the share (a draft asking for critique).
   */
  refId: string;
  title: string;
  createdAt: string;
  /** Kudos on the item itself (sprint results and milestones); 0 and false for the others. */
  kudos: number;
  kudosMine: boolean;
}

export interface ActivityPage {
  items: ActivityItem[];
  next: string | null;
}

export interface KudosCount {
  targetId: string;
  count: number;
  mine: boolean;
}

/** One writer's result in a finished sprint, as a feed item one may give kudos on. */
export interface SprintResultKudos extends KudosCount {
  writerId: string;
  words: number;
}

/**
 * Something that happened to the writer, for their notification centre. Kept on the server and
 * read after the studio's cursor, so what happens while it is offline is not lost.
 */
export interface ActivityNotice {
  seq: number;
  kind: 'kudos' | 'follow' | 'milestone' | 'mention' | 'report';
  /** Who did it; for a report's outcome, the reporter themselves (the moderator is not named). */
  actorId: string;
  actorName: string;
  /** For kudos: what was given kudos. */
  targetKind: KudosTargetKind | null;
  /** The thing given kudos, the follower, the challenge, the post that mentions, the report. */
  refId: string;
  /** What it is about; for a report's outcome, the moderator's action (a ModerationAction). */
  title: string;
  createdAt: string;
  /** Where it happened: a mention's circle, a report's circle (null elsewhere). */
  circleId: string | null;
  /** A line of its own: a mention's first words, the moderator's reason ('' otherwise). */
  body: string;
}

export interface ActivityOutputs {
  'activity:kudos': KudosCount;
  'activity:kudosOf': KudosCount[];
  'activity:sprintResults': SprintResultKudos[];
  'activity:follow': Follow[];
  'activity:follows': Follow[];
  'activity:feed': ActivityPage;
  'activity:notices': { notices: ActivityNotice[]; last: number };
}

/** Told live to the writer: new notices wait after their cursor. */
export interface ActivityServerEvents {
  'activity:notice': (event: { seq: number }) => void;
}

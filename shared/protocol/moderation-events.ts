import type { reportReasons } from './moderation-schemas';

export type ReportReason = (typeof reportReasons)[number];
export type ReportStatus = 'open' | 'hidden' | 'dismissed';

export interface Report {
  id: string;
  circleId: string;
  targetKind: 'post';
  targetId: string;
  reason: ReportReason;
  note: string;
  status: ReportStatus;
  createdAt: string;
}

/** A report as the circle's moderators see it: with what was reported and by whom. */
export interface QueuedReport extends Report {
  reporterName: string;
  authorId: string;
  authorName: string;
  threadId: string;
  threadTitle: string;
  /** The post's text, as the moderator must judge it. */
  excerpt: string;
}

export interface ModerationEntry {
  id: string;
  circleId: string;
  actorId: string;
  actorName: string;
  action: 'hide' | 'dismiss';
  targetKind: 'post';
  targetId: string;
  reportId: string | null;
  reason: string;
  createdAt: string;
}

export interface BlockedWriter {
  userId: string;
  displayName: string;
  since: string;
}

export interface ModerationOutputs {
  'moderation:report': Report;
  'moderation:queue': QueuedReport[];
  'moderation:decide': ModerationEntry;
  'moderation:log': ModerationEntry[];
  'moderation:block': BlockedWriter[];
  'moderation:blocks': BlockedWriter[];
}

export interface ModerationServerEvents {
  /** To the circle's room: a report arrived (moderators reload their queue). */
  'moderation:reported': (event: { circleId: string }) => void;
  /** To the reporter: what the moderators did about their report. */
  'moderation:outcome': (event: { reportId: string; circleId: string; action: 'hide' | 'dismiss'; reason: string }) => void;
}

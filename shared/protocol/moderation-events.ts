import type { ModerationAction, ReportTargetKind, SanctionKind } from '../rules/moderation';
import type { reportReasons } from './moderation-schemas';

export type ReportReason = (typeof reportReasons)[number];
export type ReportStatus = 'open' | 'hidden' | 'dismissed' | 'actioned';

export interface Report {
  id: string;
  /** null: something that belongs to no circle (a profile): for the site's moderators. */
  circleId: string | null;
  targetKind: ReportTargetKind;
  targetId: string;
  reason: ReportReason;
  note: string;
  status: ReportStatus;
  createdAt: string;
}

/** A report as moderators see it: with what was reported, where, and by whom. */
export interface QueuedReport extends Report {
  reporterName: string;
  authorId: string | null;
  authorName: string;
  /** The discussion thread of a reported post; null for other kinds. */
  threadId: string | null;
  /** Where it was: the thread's title, the share's title, the profile's name. */
  threadTitle: string;
  /** The text, as the moderator must judge it. */
  excerpt: string;
}

export interface ModerationEntry {
  id: string;
  circleId: string | null;
  actorId: string;
  actorName: string;
  action: ModerationAction | 'grant' | 'revoke';
  targetKind: ReportTargetKind | 'writer';
  targetId: string;
  /** The writer the action fell on, when it fell on one. */
  subjectId: string | null;
  reportId: string | null;
  reason: string;
  createdAt: string;
}

/** A warning, suspension or ban, as the writer it falls on sees it. */
export interface Sanction {
  id: string;
  kind: SanctionKind;
  circleId: string | null;
  reason: string;
  until: string | null;
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
  'moderation:sanction': ModerationEntry;
  'moderation:sanctions': Sanction[];
  'moderation:setSiteModerator': ModerationEntry;
  'moderation:mute': { threadId: string; muted: boolean };
}

export interface ModerationServerEvents {
  /** To the circle's room (or the site staff's): a report arrived (moderators reload their queue). */
  'moderation:reported': (event: { circleId: string | null }) => void;
  /** To the reporter: what the moderators did about their report. */
  'moderation:outcome': (event: { reportId: string; circleId: string | null; action: ModerationAction; reason: string }) => void;
  /** To the writer a warning, suspension or ban falls on. */
  'moderation:sanctioned': (event: Sanction) => void;
}

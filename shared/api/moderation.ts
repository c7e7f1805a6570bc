import type { BlockedWriter, ModerationEntry, QueuedReport, ReportReason, Sanction } from '../protocol/moderation-events';
import type { ModerationAction, ReportTargetKind } from '../rules/moderation';

export type { BlockedWriter, ModerationEntry, QueuedReport, ReportReason, Sanction } from '../protocol/moderation-events';

/** A report as the reporter's studio answers it: queued in the outbox, sent when it can be. */
export interface QueuedLocalReport {
  id: string;
  targetKind: ReportTargetKind;
  targetId: string;
  reason: ReportReason;
  note: string;
}

export interface ModerationStudioOutputs {
  'moderation.report': QueuedLocalReport;
  'moderation.queue': QueuedReport[];
  'moderation.decide': ModerationEntry;
  'moderation.log': ModerationEntry[];
  'moderation.block': BlockedWriter[];
  'moderation.blocks': BlockedWriter[];
  'moderation.sanction': ModerationEntry;
  'moderation.sanctions': Sanction[];
  'moderation.setSiteModerator': ModerationEntry;
  'moderation.mute': { threadId: string; muted: boolean };
}

/** A report arrived where the writer moderates, their own report was decided, or a sanction fell on them. */
export type ModerationChange = { at: number } & (
  | { kind: 'reported'; circleId: string | null }
  | { kind: 'outcome'; circleId: string | null; reportId: string; action: ModerationAction; reason: string }
  | { kind: 'sanctioned'; sanction: Sanction }
);

import type { BlockedWriter, ModerationEntry, QueuedReport, ReportReason } from '../protocol/moderation-events';

export type { BlockedWriter, ModerationEntry, QueuedReport, ReportReason } from '../protocol/moderation-events';

/** A report as the reporter's studio answers it: queued in the outbox, sent when it can be. */
export interface QueuedLocalReport {
  id: string;
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
}

/** A report arrived in a circle the writer moderates, or the writer's own report was decided. */
export type ModerationChange = { at: number } & ({ kind: 'reported'; circleId: string } | { kind: 'outcome'; circleId: string; reportId: string; action: 'hide' | 'dismiss'; reason: string });

import type { BlockedWriter, ModerationChange, ModerationEntry, QueuedReport, ReportReason, Sanction } from '../../../../shared/api/moderation';
import type { StudioApi } from '../../../../shared/api/studio-api';
import type { ModerationAction, ReportTargetKind } from '../../../../shared/rules/moderation';
import { panelState } from '../../app/panel-state';

/** A circle's id, or SITE for the site queue (site moderators and admins). */
export const SITE = 'site';

export interface ModerationState {
  /** Open reports and the audit log, per circle the writer moderates (and SITE for site staff). */
  queues: Record<string, QueuedReport[]>;
  logs: Record<string, ModerationEntry[]>;
  /** Whether the signed-in writer works the site queue (the server said so by answering it). */
  siteStaff: boolean;
  blocks: BlockedWriter[];
  /** Warnings, suspensions and bans on the writer, newest first. */
  sanctions: Sanction[];
  /** What became of the writer's own reports, newest first. */
  outcomes: string[];
  notice: string | null;
  error: string | null;
}

const OUTCOME: Record<ModerationAction, string> = {
  hide: 'Something you reported was hidden by a moderator',
  dismiss: 'A moderator looked at something you reported and left it',
  warn: 'A moderator warned the writer you reported',
  suspend: 'A moderator suspended the writer you reported',
  ban: 'A moderator banned the writer you reported',
};
const WHAT: Record<ReportTargetKind, string> = { post: 'post', comment: 'comment', critique: 'critique', share: 'shared draft', profile: 'profile' };

/** Moderation's one store in the renderer: reports sent, the queues the writer works, sanctions on them, blocks. */
export function createModerationStore(api: StudioApi) {
  const cell = panelState<ModerationState>({ queues: {}, logs: {}, siteStaff: false, blocks: [], sanctions: [], outcomes: [], notice: null, error: null });
  const { set, attempt } = cell;
  const load = async (scope: string) => {
    const input = scope === SITE ? {} : { circleId: scope };
    const [queue, log] = await Promise.all([api.moderation.queue(input), api.moderation.log(input)]);
    set({ queues: { ...cell.state.queues, [scope]: queue }, logs: { ...cell.state.logs, [scope]: log } });
  };

  api.on('moderation:changed', (change: ModerationChange | null) => {
    if (!change) return;
    if (change.kind === 'reported') {
      if (change.circleId && change.circleId in cell.state.queues) void attempt(() => load(change.circleId!));
      if (cell.state.siteStaff) void attempt(() => load(SITE));
      return;
    }
    if (change.kind === 'sanctioned') {
      set({ sanctions: [change.sanction, ...cell.state.sanctions] });
      return;
    }
    set({ outcomes: [`${OUTCOME[change.action]}: ${change.reason}`, ...cell.state.outcomes].slice(0, 20) });
  });

  return {
    subscribe: cell.subscribe,
    state: () => cell.state,
    loadCircle: (circleId: string) => attempt(() => load(circleId)),
    /** The site queue, if this writer is site staff; anyone else is quietly not. */
    loadSite: async () => {
      try {
        await load(SITE);
        set({ siteStaff: true });
      } catch {
        set({ siteStaff: false });
      }
    },
    loadBlocks: () => attempt(async () => set({ blocks: await api.moderation.blocks() })),
    loadSanctions: () => attempt(async () => set({ sanctions: await api.moderation.sanctions() })),
    report: (targetKind: ReportTargetKind, targetId: string, reason: ReportReason, note: string) =>
      attempt(async () => {
        await api.moderation.report({ targetKind, targetId, reason, note });
        set({ notice: `Report of the ${WHAT[targetKind]} sent to the moderators. You will be told what they decide.` });
      }),
    decide: (scope: string, reportId: string, action: ModerationAction, reason: string, options: { days?: number; site?: boolean } = {}) =>
      attempt(async () => {
        await api.moderation.decide({ reportId, action, reason, ...options });
        await load(scope);
      }),
    block: (userId: string, blocked: boolean) =>
      attempt(async () => {
        set({ blocks: await api.moderation.block({ userId, blocked }), notice: blocked ? 'Blocked: their writing is gone for you, and they cannot answer you.' : 'Unblocked.' });
      }),
    mute: (threadId: string, muted: boolean) =>
      attempt(async () => {
        await api.moderation.mute({ threadId, muted });
        set({ notice: muted ? 'Thread muted: no more notifications from it.' : 'Thread unmuted.' });
      }),
  };
}
export type ModerationStore = ReturnType<typeof createModerationStore>;

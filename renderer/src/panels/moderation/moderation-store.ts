import type { BlockedWriter, ModerationChange, ModerationEntry, QueuedReport, ReportReason } from '../../../../shared/api/moderation';
import type { StudioApi } from '../../../../shared/api/studio-api';
import { errorMessage } from '../../app/studio-client';

type Listener = () => void;

export interface ModerationState {
  /** Circles the writer moderates, with their open reports and the audit log. */
  queues: Record<string, QueuedReport[]>;
  logs: Record<string, ModerationEntry[]>;
  blocks: BlockedWriter[];
  /** What became of the writer's own reports, newest first. */
  outcomes: string[];
  notice: string | null;
  error: string | null;
}

/** Moderation's one store in the renderer: reports sent, the queues the writer works, blocks. */
export function createModerationStore(api: StudioApi) {
  const listeners = new Set<Listener>();
  let state: ModerationState = { queues: {}, logs: {}, blocks: [], outcomes: [], notice: null, error: null };
  const set = (patch: Partial<ModerationState>) => {
    state = { ...state, ...patch };
    listeners.forEach((listener) => listener());
  };
  const attempt = async (work: () => Promise<unknown>) => {
    try {
      set({ error: null });
      await work();
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  };
  const loadCircle = async (circleId: string) => {
    const [queue, log] = await Promise.all([api.moderation.queue({ circleId }), api.moderation.log({ circleId })]);
    set({ queues: { ...state.queues, [circleId]: queue }, logs: { ...state.logs, [circleId]: log } });
  };

  api.on('moderation:changed', (change: ModerationChange | null) => {
    if (!change) return;
    if (change.kind === 'reported') {
      if (change.circleId in state.queues) void attempt(() => loadCircle(change.circleId));
      return;
    }
    const line = change.action === 'hide' ? `A post you reported was hidden by a moderator: ${change.reason}` : `A moderator looked at a post you reported and left it: ${change.reason}`;
    set({ outcomes: [line, ...state.outcomes].slice(0, 20) });
  });

  return {
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    state: () => state,
    loadCircle: (circleId: string) => attempt(() => loadCircle(circleId)),
    loadBlocks: () => attempt(async () => set({ blocks: await api.moderation.blocks() })),
    report: (postId: string, reason: ReportReason, note: string) =>
      attempt(async () => {
        await api.moderation.report({ postId, reason, note });
        set({ notice: 'Report sent to the circle’s moderators. You will be told what they decide.' });
      }),
    decide: (circleId: string, reportId: string, action: 'hide' | 'dismiss', reason: string) =>
      attempt(async () => {
        await api.moderation.decide({ reportId, action, reason });
        await loadCircle(circleId);
      }),
    block: (userId: string, blocked: boolean) =>
      attempt(async () => {
        set({ blocks: await api.moderation.block({ userId, blocked }), notice: blocked ? 'Blocked: their posts are gone for you.' : 'Unblocked.' });
      }),
  };
}
export type ModerationStore = ReturnType<typeof createModerationStore>;

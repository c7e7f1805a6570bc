import type { DiscussionCategory, LocalThread, LocalThreadView } from '../../../../shared/api/discussions';
import type { StudioApi } from '../../../../shared/api/studio-api';
import type { Circle } from '../../../../shared/protocol/community-events';
import { panelState } from '../../app/panel-state';

export interface DiscussionsState {
  /** The writer's circles as last fetched: kept while offline, so what was read stays reachable. */
  circles: Circle[];
  /** The signed-in writer, whose own posts get no Report or Block. */
  me: string | null;
  circleId: string | null;
  categories: DiscussionCategory[];
  threads: LocalThread[];
  /** The list came from this studio's copy: the server could not be reached. */
  offline: boolean;
  open: LocalThreadView | null;
  error: string | null;
}

/**
 * Discussions' one store in the renderer: the chosen circle's threads and the thread open.
 * It reloads what is shown when the core says threads changed (written here, settled by the
 * outbox, or posted by others).
 */
export function createDiscussionsStore(api: StudioApi) {
  const cell = panelState<DiscussionsState>({ circles: [], me: null, circleId: null, categories: [], threads: [], offline: false, open: null, error: null }, { clearError: false });
  const { set, attempt } = cell;
  const loadList = async () => {
    const circleId = cell.state.circleId;
    if (!circleId) return;
    const [list, categories] = await Promise.all([api.discussions.threads({ circleId }), api.discussions.categories({ circleId })]);
    if (cell.state.circleId === circleId) set({ threads: list.threads, offline: list.offline, categories });
  };
  const loadOpen = async () => {
    const threadId = cell.state.open?.thread.id;
    if (!threadId) return;
    const view = await api.discussions.thread({ threadId });
    if (cell.state.open?.thread.id === threadId) set({ open: view });
  };

  api.on('discussions:changed', (change) => {
    if (!change || !cell.state.circleId) return;
    if (change.circleId === null || change.circleId === cell.state.circleId) void attempt(loadList);
    if (cell.state.open && (change.threadId === null || change.threadId === cell.state.open.thread.id)) void attempt(loadOpen);
  });

  const store = {
    subscribe: cell.subscribe,
    state: () => cell.state,
    select: (circleId: string | null) => {
      set({ circleId, threads: [], categories: [], open: null, error: null });
      return attempt(loadList);
    },
    reload: () => attempt(loadList),
    /** The writer's circles (online); offline the last list stays. The first is chosen until the writer picks another. */
    loadCircles: async () => {
      const [circles, status] = await Promise.all([api.circles.list().catch(() => null), api.community.status().catch(() => null)]);
      if (circles) set({ circles });
      if (status?.account) set({ me: status.account.id });
      const list = circles ?? cell.state.circles;
      if (list.length && !list.some((c) => c.id === cell.state.circleId)) await store.select(list[0]!.id);
      else await attempt(loadList);
    },
    open: (threadId: string) =>
      attempt(async () => {
        set({ error: null });
        set({ open: await api.discussions.thread({ threadId }) });
        await loadList(); // its unread marker goes
      }),
    close: () => set({ open: null }),
    start: (input: { title: string; body: string; categoryId: string | null }) =>
      attempt(async () => {
        if (!cell.state.circleId) return;
        set({ error: null, open: await api.discussions.start({ circleId: cell.state.circleId, ...input }) });
        await loadList();
      }),
    reply: (body: string) =>
      attempt(async () => {
        if (!cell.state.open) return;
        set({ error: null });
        await api.discussions.reply({ threadId: cell.state.open.thread.id, body });
        await loadOpen();
      }),
    moderate: (patch: { pinned?: boolean; locked?: boolean }) =>
      attempt(async () => {
        if (!cell.state.open) return;
        await api.discussions.moderate({ threadId: cell.state.open.thread.id, ...patch });
        await Promise.all([loadOpen(), loadList()]);
      }),
    setCategories: (names: string[]) =>
      attempt(async () => {
        if (!cell.state.circleId) return;
        set({ categories: await api.discussions.setCategories({ circleId: cell.state.circleId, names }) });
      }),
  };
  return store;
}
export type DiscussionsStore = ReturnType<typeof createDiscussionsStore>;

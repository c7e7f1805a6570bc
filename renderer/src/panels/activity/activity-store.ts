import type { ActivityItem, Follow } from '../../../../shared/api/activity';
import type { StudioApi } from '../../../../shared/api/studio-api';
import { errorMessage } from '../../app/studio-client';

type Listener = () => void;

export interface ActivityState {
  items: ActivityItem[];
  next: string | null;
  follows: Follow[];
  /** Kudos counts of posts the writer gave or took back kudos on, this session. */
  kudos: Record<string, { count: number; mine: boolean }>;
  error: string | null;
}

/** Encouragement's one store in the renderer: the activity feed, who and what the writer follows, kudos given. */
export function createActivityStore(api: StudioApi) {
  const listeners = new Set<Listener>();
  let state: ActivityState = { items: [], next: null, follows: [], kudos: {}, error: null };
  const set = (patch: Partial<ActivityState>) => {
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
  const load = async () => {
    const [page, follows] = await Promise.all([api.activity.feed({}), api.activity.follows()]);
    set({ items: page.items, next: page.next, follows });
  };
  // New threads in followed circles arrive as discussions change: the feed follows.
  api.on('discussions:changed', (change) => {
    if (change && state.follows.length > 0) void attempt(load);
  });
  return {
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    state: () => state,
    load: () => attempt(load),
    more: () =>
      attempt(async () => {
        if (!state.next) return;
        const page = await api.activity.feed({ before: state.next });
        set({ items: [...state.items, ...page.items], next: page.next });
      }),
    kudos: (postId: string, given: boolean) =>
      attempt(async () => {
        const answer = await api.activity.kudos({ targetKind: 'post', targetId: postId, given });
        set({ kudos: { ...state.kudos, [postId]: { count: answer.count, mine: answer.mine } } });
      }),
    follow: (kind: 'writer' | 'circle', id: string, following: boolean) =>
      attempt(async () => {
        set({ follows: await api.activity.follow({ kind, id, following }) });
        await load();
      }),
    isFollowing: (kind: 'writer' | 'circle', id: string) => state.follows.some((f) => f.kind === kind && f.id === id),
  };
}
export type ActivityStore = ReturnType<typeof createActivityStore>;

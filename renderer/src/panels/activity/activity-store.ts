import type { ActivityItem, Follow, SprintResultKudos } from '../../../../shared/api/activity';
import type { KudosTargetKind } from '../../../../shared/rules/kudos';
import type { StudioApi } from '../../../../shared/api/studio-api';
import { serially } from '../../../../shared/async/serially';
import { panelState } from '../../app/panel-state';

export interface ActivityState {
  items: ActivityItem[];
  next: string | null;
  follows: Follow[];
  /** Kudos counts of things the writer gave or took back kudos on, or looked at (critiques), by target id. */
  kudos: Record<string, { count: number; mine: boolean }>;
  /** Finished sprints' results, to give kudos on, by sprint id. */
  sprintResults: Record<string, SprintResultKudos[]>;
  error: string | null;
}

/** Encouragement's one store in the renderer: the activity feed, who and what the writer follows, kudos given. */
export function createActivityStore(api: StudioApi) {
  const cell = panelState<ActivityState>({ items: [], next: null, follows: [], kudos: {}, sprintResults: {}, error: null });
  const { set, attempt } = cell;
  // The feed is read while the Activity section shows it (watchers); the follows, which the
  // Follow buttons in Discussions show too, once any of them needs them, then kept current.
  let watchers = 0;
  let followsRead = false;
  // Reloads come in bursts (a thread, a kudos and a notice arrive together): one at a time, and
  // one more after it for what came meanwhile, so answers never land out of order.
  const load = serially(
    async () => {
      const [page, follows] = await Promise.all([api.activity.feed({}), api.activity.follows()]);
      set({ items: page.items, next: page.next, follows });
      followsRead = true;
    },
    () => true,
  );
  const loadFollows = serially(
    async () => {
      set({ follows: await api.activity.follows() });
      followsRead = true;
    },
    () => true,
  );
  // New threads in followed circles arrive as discussions change: a feed on screen follows.
  api.on('discussions:changed', (change) => {
    if (change && watchers > 0 && cell.state.follows.length > 0) void attempt(load);
  });
  // Kudos settled in the outbox, a notice, or a follow changed: the feed on screen shows the
  // server's counts; off screen only the follows are kept current, and only once they were read.
  api.on('activity:changed', (change) => {
    if (!change) return;
    if (watchers > 0) void attempt(load);
    else if (followsRead) void attempt(loadFollows);
  });
  const setKudos = (targetId: string, k: { count: number; mine: boolean }) => {
    const items = cell.state.items.map((i) => (i.id === targetId ? { ...i, kudos: k.count, kudosMine: k.mine } : i));
    set({ kudos: { ...cell.state.kudos, [targetId]: { count: k.count, mine: k.mine } }, items });
  };
  return {
    subscribe: cell.subscribe,
    state: () => cell.state,
    /** The Activity section shows the feed: read it now and keep it current until the disposer runs. */
    watch(): () => void {
      watchers += 1;
      void attempt(load);
      return () => {
        watchers -= 1;
      };
    },
    /** A Follow button is shown: the follows are read, once. */
    needFollows: () => (followsRead ? Promise.resolve() : attempt(loadFollows)),
    more: () =>
      attempt(async () => {
        if (!cell.state.next) return;
        const page = await api.activity.feed({ before: cell.state.next });
        set({ items: [...cell.state.items, ...page.items], next: page.next });
      }),
    /** Gives or takes back kudos (kept in the studio, sent through the outbox). */
    kudos: (targetId: string, given: boolean, targetKind: KudosTargetKind = 'post') =>
      attempt(async () => {
        setKudos(targetId, await api.activity.kudos({ targetKind, targetId, given }));
      }),
    /** Reads the kudos of critiques (say) the writer is looking at. */
    loadKudos: (targetKind: KudosTargetKind, targetIds: string[]) =>
      attempt(async () => {
        if (targetIds.length === 0) return;
        const counts = await api.activity.kudosOf({ targetKind, targetIds: targetIds.slice(0, 100) });
        set({ kudos: { ...cell.state.kudos, ...Object.fromEntries(counts.map((k) => [k.targetId, { count: k.count, mine: k.mine }])) } });
      }),
    /** A finished sprint's results, with their kudos. */
    loadSprintResults: (sprintId: string) =>
      attempt(async () => {
        const results = await api.activity.sprintResults({ sprintId });
        set({ sprintResults: { ...cell.state.sprintResults, [sprintId]: results }, kudos: { ...cell.state.kudos, ...Object.fromEntries(results.map((k) => [k.targetId, { count: k.count, mine: k.mine }])) } });
      }),
    follow: (kind: 'writer' | 'circle', id: string, following: boolean) =>
      attempt(async () => {
        set({ follows: await api.activity.follow({ kind, id, following }) });
        followsRead = true;
        if (watchers > 0) await load();
      }),
    isFollowing: (kind: 'writer' | 'circle', id: string) => cell.state.follows.some((f) => f.kind === kind && f.id === id),
  };
}
export type ActivityStore = ReturnType<typeof createActivityStore>;

import type { StudioApi, StudioSprintTick, SyncStatus } from '../../../../shared/api/studio-api';
import type { Circle, Sprint, SprintResult, SprintStatus } from '../../../../shared/protocol/community-events';
import { serially } from '../../../../shared/async/serially';
import { sprintNotice } from './sprint-notices';

type Listener = () => void;

/** A desktop notification, if the writer allowed them. */
function notify(title: string, body: string) {
  if (typeof Notification !== 'undefined' && Notification.permission === 'granted') new Notification(title, { body });
}

/**
 * Sprints' one store in the renderer: the live tick, the cheers, the last result and final
 * leaderboard, the sprints the writer may join, their history and circles. It subscribes to the
 * core's events once, for the whole app, so a sprint's start and end notify the writer wherever
 * they are, the list updates when a sprint is planned in their circles, and the sprint stays
 * visible (status bar, focus mode) whichever tab is open.
 */
export function createSprintStore(api: StudioApi) {
  const listeners = new Set<Listener>();
  let tick: StudioSprintTick | null = null;
  /** The last tick of the sprint that just ended: its final leaderboard, shown with the result. */
  let finalTick: StudioSprintTick | null = null;
  let cheers: string[] = [];
  let result: SprintResult | null = null;
  let lastStatus: SprintStatus | null = null;
  let list: Sprint[] = [];
  let history: SprintResult[] = [];
  let circles: Circle[] = [];
  let online = false;
  const notifyAll = () => listeners.forEach((listener) => listener());

  const loadResult = (sprintId: string) =>
    api.sprints.results({ sprintId }).then((r) => {
      result = r;
      notifyAll();
    }, () => undefined);
  // One reload at a time: a burst of announcements (a busy circle, or a peer spamming sprints)
  // asks the core three questions once, and once more after, not three per announcement.
  const reload = serially(async () => {
    if (!online) return;
    const [nextList, nextHistory, nextCircles] = await Promise.all([api.sprints.list(), api.sprints.history(), api.circles.list()]);
    list = nextList;
    history = nextHistory;
    circles = nextCircles;
    notifyAll();
  }, () => online);

  api.on('sprint:tick', (next) => {
    tick = next;
    if (next) {
      const previous = lastStatus;
      lastStatus = next.status;
      const notice = sprintNotice(previous, next.status);
      if (notice) notify(notice.title, notice.body);
      // At the bell: the leaderboard as it stood and the writer's result, together.
      if ((next.status === 'grace' || next.status === 'finished') && previous !== next.status) {
        finalTick = next;
        void loadResult(next.sprintId);
        if (next.status === 'finished') void reload().catch(() => undefined);
      } else if (next.status === 'grace' || next.status === 'finished') finalTick = next;
      if (next.status === 'running' || next.status === 'upcoming') {
        finalTick = null;
        result = null;
      }
    } else lastStatus = null;
    notifyAll();
  });
  api.on('sprint:cheer', (cheer) => {
    if (!cheer) return;
    cheers = [...cheers.slice(-4), `${cheer.from} ${cheer.reaction}`];
    notifyAll();
  });
  api.on('sprints:changed', () => void reload().catch(() => undefined));
  api.on('sync:status', (status: SyncStatus) => {
    const was = online;
    online = status.state === 'online';
    if (online && !was) void reload().catch(() => undefined);
    notifyAll();
  });

  return {
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    tick: () => tick,
    /** The sprint the writer is in, while it is on (upcoming or running); null otherwise. */
    active: () => (tick && (tick.status === 'upcoming' || tick.status === 'running') ? tick : null),
    finalTick: () => finalTick,
    cheers: () => cheers,
    result: () => result,
    list: () => list,
    history: () => history,
    circles: () => circles,
    reload,
    /** Asked the first time the writer joins or starts a sprint, when the browser has not been asked yet. */
    askToNotify() {
      if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
    },
  };
}
export type SprintStore = ReturnType<typeof createSprintStore>;

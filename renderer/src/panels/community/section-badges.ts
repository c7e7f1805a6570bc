import { useEffect, useState } from 'react';
import { useStore, useStores } from '../../app/stores';
import { useStudio } from '../../app/studio-context';
import type { SectionId } from './community-sections';

export interface SectionBadge {
  count: number;
  /** Read after the count: "3, 3 unread". */
  what: string;
}

/**
 * What a section has waiting: unread threads in all the writer's circles, reports waiting in
 * the queues they work. The circles are fetched here (not only by Discussions), so Moderation
 * knows which circles the writer moderates whichever section is open.
 */
export function useSectionBadges(online: boolean, section: SectionId): Partial<Record<SectionId, SectionBadge>> {
  const api = useStudio();
  const { discussions, moderation } = useStores();
  const circleIds = useStore(discussions, (s) =>
    s
      .state()
      .circles.map((c) => c.id)
      .join(),
  );
  const moderated = useStore(discussions, (s) =>
    s
      .state()
      .circles.filter((c) => c.role === 'owner' || c.role === 'moderator')
      .map((c) => c.id)
      .join(),
  );
  // The open circle's unread count moves when the writer reads a thread: count again then.
  const unreadShown = useStore(discussions, (s) => s.state().threads.filter((t) => t.unread).length);
  // A report can wait in two queues (its circle's and the site's): counted once.
  const waiting = useStore(moderation, (s) => new Set(Object.values(s.state().queues).flatMap((queue) => queue.map((r) => r.id))).size);
  const [unread, setUnread] = useState(0);

  // Read again on each move between sections: a circle made, joined or left since shows up.
  useEffect(() => {
    void discussions.loadCircles();
  }, [discussions, online, section]);
  useEffect(() => {
    if (!online) return;
    for (const id of moderated.split(',').filter(Boolean)) void moderation.loadCircle(id);
  }, [moderation, moderated, online]);

  // One list per circle, all of them when the circles change; after that only the circles a
  // change names are read again, a moment later, so a burst of posts in one circle costs one read.
  useEffect(() => {
    const ids = circleIds.split(',').filter(Boolean);
    const counts = new Map<string, number>();
    const stale = new Set<string>();
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const count = async (which: string[]) => {
      const lists = await Promise.all(which.map((circleId) => api.discussions.threads({ circleId }).catch(() => null)));
      which.forEach((id, i) => counts.set(id, lists[i]?.threads.filter((t) => t.unread).length ?? counts.get(id) ?? 0));
      if (live) setUnread([...counts.values()].reduce((n, c) => n + c, 0));
    };
    void count(ids);
    const off = api.on('discussions:changed', (change) => {
      // News from a circle not known here yet: the list of circles is stale.
      if (change?.circleId && !ids.includes(change.circleId)) void discussions.loadCircles();
      for (const id of change?.circleId && ids.includes(change.circleId) ? [change.circleId] : ids) stale.add(id);
      clearTimeout(timer);
      timer = setTimeout(() => {
        const which = [...stale];
        stale.clear();
        void count(which);
      }, 250);
    });
    return () => {
      live = false;
      clearTimeout(timer);
      off();
    };
  }, [api, discussions, circleIds, unreadShown]);

  return {
    ...(unread > 0 ? { discussions: { count: unread, what: 'unread' } } : {}),
    ...(waiting > 0 ? { moderation: { count: waiting, what: 'to review' } } : {}),
  };
}

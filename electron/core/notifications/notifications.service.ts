import type { NotificationAlert, NotificationsOutputs, NotificationsSummary, NotificationTab, StudioNotification } from '../../../shared/api/notifications';
import type { FeedItem } from '../../../shared/protocol/community-events';
import type { StudioParsedInput } from '../../../shared/schemas/studio';
import type { Clock } from '../clock';
import type { CommunityClient } from '../community/community-client';
import type { FeedLookup } from '../critique/critique.feed';
import { excerpt, notificationFromFeed } from './from-feed';
import { createNotificationsRepo, type NotificationDraft } from './notifications.repo';
import type { Database } from 'better-sqlite3';

type In<M extends keyof NotificationsOutputs> = StudioParsedInput<M>;

export interface NotificationsOptions {
  db: Database;
  clock: Clock;
  community: CommunityClient;
  /** The account whose notifications are shown (the outbox's owner), or null. */
  owner: () => string | null;
  onChanged: (summary: NotificationsSummary) => void;
}

const minutesUntil = (at: string, now: Date) => Math.round((Date.parse(at) - now.getTime()) / 60_000);

/**
 * The notification centre in the core. Notifications are derived here from what arrives (the
 * change feed, through the critique feed's `arrived` hook, and live server events), kept in
 * SQLite, and announced as `notifications:changed` with the unread counts; the desktop alert
 * rides along when the writer allows that kind. Arrivals of one synced batch are announced once.
 */
export function createNotifications({ db, clock, community, owner, onChanged }: NotificationsOptions) {
  const repo = createNotificationsRepo(db);
  const now = () => clock();
  const circleNames = new Map<string, string>();

  const summary = (alert: NotificationAlert | null = null): NotificationsSummary => {
    const who = owner();
    const byTab = who ? repo.unreadByTab(who) : { comments: 0, inbox: 0, community: 0, sprint: 0 };
    return { unread: Object.values(byTab).reduce((a, b) => a + b, 0), byTab, alert };
  };

  // What arrived since the last announcement; announced on the next turn, so a batch rings once.
  let arrived: StudioNotification[] = [];
  let scheduled = false;
  const announce = () => {
    scheduled = false;
    if (!db.open) return; // the studio closed meanwhile: what arrived is kept, and counted on the next open
    const batch = arrived;
    arrived = [];
    const desktop = repo.settings().desktop;
    const allowed = batch.filter((n) => desktop[n.kind]);
    const newest = allowed.at(-1);
    const at = Date.now();
    const alert: NotificationAlert | null = !newest
      ? null
      : allowed.length > 1
        ? { id: newest.id, kind: newest.kind, title: `${allowed.length} new notifications`, body: newest.title, at }
        : { id: newest.id, kind: newest.kind, title: newest.title, body: newest.body, at };
    onChanged(summary(alert));
  };
  const keep = (who: string, draft: NotificationDraft | null) => {
    if (!draft || !db.open) return; // a live event answered after the studio closed
    const kept = repo.add(who, draft);
    if (!kept) return;
    arrived.push(kept);
    if (!scheduled) {
      scheduled = true;
      setImmediate(announce);
    }
  };

  const circleName = async (circleId: string) => {
    if (!circleNames.has(circleId)) {
      const answer = await community.request('circle:list', {});
      if (answer.ok) for (const c of answer.data) circleNames.set(c.id, c.name);
    }
    return circleNames.get(circleId) ?? 'your circle';
  };

  // Another account signed in: its own counts.
  community.onSignedIn(() => onChanged(summary()));
  // Live events: someone joined one of the writer's circles; a sprint was planned in one.
  community.onServer('circle:memberJoined', ({ circleId, member }) => {
    const who = community.account?.id;
    if (!who || member.userId === who) return;
    void circleName(circleId).then((name) =>
      keep(who, { source: `join:${circleId}:${member.userId}`, kind: 'join', tab: 'community', title: `${member.displayName} joined ${name}`, body: '', shareId: null, commentId: null, circleId, createdAt: now().toISOString() }),
    );
  });
  community.onServer('circle:sprintCreated', ({ circleId, sprintId, title, startsAt, createdBy, by }) => {
    const who = community.account?.id;
    if (!who || createdBy === who) return;
    void circleName(circleId).then((name) => {
      const minutes = minutesUntil(startsAt, now());
      const when = minutes <= 0 ? 'Starting now' : `Starts in ${minutes} min`;
      keep(who, { source: `sprint:${sprintId}`, kind: 'sprint', tab: 'sprint', title: `${by} planned the sprint “${excerpt(title, 80)}” in ${name}`, body: `${when}: join it from the Sprint tab.`, shareId: null, commentId: null, circleId, createdAt: now().toISOString() });
    });
  });

  const handlers = {
    'notifications.list': ({ limit, unreadOnly }: In<'notifications.list'>) => {
      const who = owner();
      return who ? repo.list(who, limit, unreadOnly) : [];
    },
    'notifications.summary': () => summary(),
    'notifications.markRead': (input: In<'notifications.markRead'>) => {
      const who = owner();
      if (who) {
        const at = now().toISOString();
        if ('ids' in input) repo.markRead(who, input.ids, at);
        else repo.markAll(who, (input.tab ?? null) as NotificationTab | null, at);
      }
      const next = summary();
      onChanged(next);
      return next;
    },
    'notifications.settings': () => repo.settings(),
    'notifications.setSettings': ({ desktop }: In<'notifications.setSettings'>) => {
      repo.setDesktop(desktop);
      return repo.settings();
    },
  };

  return {
    handlers,
    /** Told by the critique feed of each item it stored, with what it knows of shares and comments. */
    arrived(item: FeedItem, me: string, lookup: FeedLookup) {
      keep(me, notificationFromFeed(item, me, lookup, now()));
    },
    summary,
  };
}

import type { NotificationAlert, NotificationsOutputs, NotificationsSummary, NotificationTab, StudioNotification } from '../../../shared/api/notifications';
import type { FeedItem } from '../../../shared/protocol/community-events';
import { noticeKinds } from '../../../shared/protocol/activity-schemas';
import type { StudioParsedInput } from '../../../shared/schemas/studio';
import type { Clock } from '../clock';
import type { CommunityClient } from '../community/community-client';
import type { FeedLookup } from '../critique/critique.feed';
import { deliveryOf, digestDue, digestOf, localDay, type Delivery } from '../../../shared/rules/notifications';
import { excerpt, notificationFromFeed } from './from-feed';
import { notificationFromNotice } from './from-notice';
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
  /** How often the daily digest is looked at (default a minute). */
  digestEveryMs?: number;
}

const minutesUntil = (at: string, now: Date) => Math.round((Date.parse(at) - now.getTime()) / 60_000);

/**
 * The notification centre in the core. Notifications are derived here from what arrives (the
 * change feed, through the critique feed's `arrived` hook, and live server events), kept in
 * SQLite, and announced as `notifications:changed` with the unread counts; the desktop alert
 * rides along when the writer allows that kind. Arrivals of one synced batch are announced once.
 */
export function createNotifications({ db, clock, community, owner, onChanged, digestEveryMs = 60_000 }: NotificationsOptions) {
  const repo = createNotificationsRepo(db);
  const now = () => clock();
  const circleNames = new Map<string, string>();

  const summary = (alert: NotificationAlert | null = null): NotificationsSummary => {
    const who = owner();
    const byTab = who ? repo.unreadByTab(who) : { comments: 0, inbox: 0, community: 0, sprint: 0 };
    return { unread: Object.values(byTab).reduce((a, b) => a + b, 0), byTab, alert };
  };

  // What arrived since the last announcement; announced on the next turn, so a batch rings once.
  let arrived: { kept: StudioNotification; delivery: Delivery }[] = [];
  let scheduled = false;
  const announce = () => {
    scheduled = false;
    if (!db.open) return; // the studio closed meanwhile: what arrived is kept, and counted on the next open
    const batch = arrived;
    arrived = [];
    // Only what the writer's settings and the hour allow on the desktop (shared/rules/notifications.ts); the rest waits in the centre.
    const allowed = batch.filter((a) => a.delivery === 'desktop').map((a) => a.kept);
    const newest = allowed.at(-1);
    const at = Date.now();
    const alert: NotificationAlert | null = !newest
      ? null
      : allowed.length > 1
        ? { id: newest.id, kind: newest.kind, title: `${allowed.length} new notifications`, body: newest.title, at }
        : { id: newest.id, kind: newest.kind, title: newest.title, body: newest.body, at };
    onChanged(summary(alert));
  };
  const deliveryFor = (kind: NotificationDraft['kind']) => {
    const s = repo.settings();
    return deliveryOf({ inApp: s.inApp[kind], desktop: s.desktop[kind], digest: s.digest.on, quiet: s.quiet, timeZone: s.timeZone }, now());
  };
  const keep = (who: string, draft: NotificationDraft | null) => {
    if (!draft || !db.open) return; // a live event answered after the studio closed
    const delivery = deliveryFor(draft.kind);
    if (delivery === 'none') return; // the writer turned this kind off
    const kept = repo.add(who, draft, delivery === 'digest');
    if (!kept) return;
    arrived.push({ kept, delivery });
    // Held for the digest: if today's is due (its time passed while the studio was closed, say), it goes now.
    if (delivery === 'digest') sendDigest();
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

  // Notices from the server (kudos received, new followers, milestones of writers followed,
  // mentions, outcomes of the writer's reports), read after this account's cursor: on every
  // sign-in (what came while offline) and when told. The one path to the centre for these: the
  // live `discussion:mentioned` and `moderation:outcome` events only refresh other views.
  let pulling: Promise<void> | null = null;
  let again = false;
  const pullNotices = (): Promise<void> => {
    if (pulling) {
      again = true;
      return pulling;
    }
    pulling = (async () => {
      do {
        again = false;
        const who = community.account?.id;
        if (!who || !db.open) return;
        for (;;) {
          const answer = await community.request('activity:notices', { after: repo.noticeCursor(who), limit: 100, kinds: [...noticeKinds] });
          if (!answer.ok || !db.open || community.account?.id !== who) return;
          for (const n of answer.data.notices) keep(who, notificationFromNotice(n));
          repo.setNoticeCursor(who, answer.data.last);
          if (answer.data.notices.length < 100) break;
        }
      } while (again);
    })().finally(() => {
      pulling = null;
    });
    return pulling;
  };
  community.onServer('activity:notice', () => void pullNotices());

  // The daily digest: at the chosen time, one summary of what was held for it.
  const sendDigest = () => {
    const who = owner();
    if (!who || !db.open) return;
    const prefs = repo.prefs();
    if (!prefs.digest.on || !digestDue(prefs.digest.at, prefs.digestDay, now(), prefs.timeZone)) return;
    const held = repo.held(who);
    const digest = digestOf(held.map((n) => ({ kind: n.kind, title: n.title })));
    repo.setDigestDay(localDayOf(prefs.timeZone));
    repo.release(who);
    if (!digest) return;
    const newest = held.at(-1)!;
    onChanged(summary({ id: newest.id, kind: newest.kind, title: digest.title, body: digest.body, at: Date.now(), digest: true }));
  };
  const localDayOf = (timeZone: string | null) => localDay(now(), timeZone);
  const digestTimer = setInterval(sendDigest, digestEveryMs);
  digestTimer.unref?.();

  // Another account signed in: its own counts, and the notices it has not read.
  community.onSignedIn(() => {
    onChanged(summary());
    void pullNotices();
  });
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
    'notifications.setSettings': (patch: In<'notifications.setSettings'>) => {
      repo.setSettings(patch);
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
    /** Reads the notices waiting on the server now (tests, and after a reconnect). */
    pullNotices,
    /** Sends the daily digest if it is due (the timer does this every minute). */
    sendDigest,
    close: () => clearInterval(digestTimer),
  };
}

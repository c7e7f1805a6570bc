import type { ActivityNotice } from '../../../shared/protocol/activity-events';
import type { ModerationAction } from '../../../shared/rules/moderation';
import { excerpt } from './from-feed';
import type { NotificationDraft } from './notifications.repo';

const none = { body: '', shareId: null, commentId: null, circleId: null } as const;

/** What a moderator did about the writer's report, as the reporter reads it. */
const OUTCOME: Partial<Record<ModerationAction, string>> = {
  hide: 'the post was hidden',
  dismiss: 'it was looked at and left as it is',
};

function notificationFromOutcome(o: { reportId: string; circleId: string | null; action: string; reason: string }, at: string): NotificationDraft {
  const what = OUTCOME[o.action as ModerationAction] ?? `a moderator acted on it (${o.action})`;
  return { ...none, source: `report:${o.reportId}`, kind: 'report', tab: 'community', title: `Your report was answered: ${what}`, body: excerpt(o.reason), circleId: o.circleId, createdAt: at };
}

function notificationFromMention(m: { circleId: string | null; postId: string; title: string; by: string; body: string }, at: string): NotificationDraft {
  return { ...none, source: `mention:${m.postId}`, kind: 'mention', tab: 'community', title: `${m.by} mentioned you in “${excerpt(m.title, 100)}”`, body: excerpt(m.body), circleId: m.circleId, createdAt: at };
}

/**
 * The notification a notice from the server makes: kudos received, a new follower, a followed
 * writer's milestone, a mention, the outcome of the writer's report. A mention and an outcome
 * keep the sources they had when they came as live events (one notification per post, per report).
 */
export function notificationFromNotice(n: ActivityNotice): NotificationDraft {
  const source = `notice:${n.seq}:${n.kind}:${n.refId}`;
  if (n.kind === 'follow') return { ...none, source, kind: 'follow', tab: 'community', title: `${n.actorName} follows you now`, createdAt: n.createdAt };
  if (n.kind === 'milestone') return { ...none, source, kind: 'milestone', tab: 'community', title: `${n.actorName} reached ${excerpt(n.title, 100)}`, createdAt: n.createdAt };
  if (n.kind === 'mention') return notificationFromMention({ circleId: n.circleId, postId: n.refId, title: n.title, by: n.actorName, body: n.body }, n.createdAt);
  if (n.kind === 'report') return notificationFromOutcome({ reportId: n.refId, circleId: n.circleId, action: n.title, reason: n.body }, n.createdAt);
  // A critique's kudos are about a draft of the writer's critiques: the Inbox holds them.
  return { ...none, source, kind: 'kudos', tab: n.targetKind === 'critique' ? 'inbox' : 'community', title: `${n.actorName} gave kudos on ${excerpt(n.title, 120)}`, createdAt: n.createdAt };
}

import type { FeedItem } from '../../../shared/protocol/community-events';
import type { FeedLookup } from '../critique/critique.feed';
import type { NotificationDraft } from './notifications.repo';

/** A comment's first words, on one line. */
export const excerpt = (text: string, max = 140) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/**
 * Older than this when it first arrives: history, not news (a new device pulling the whole
 * feed would otherwise ring for every comment ever made).
 */
export const NEWS_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The notification a feed item makes for `me`, or null. Nothing of the writer's own; a comment
 * on their draft, a reply on their draft or to their comment, a critique of their draft, a
 * draft shared with them.
 */
export function notificationFromFeed(item: FeedItem, me: string, lookup: FeedLookup, now: Date): NotificationDraft | null {
  const fresh = (createdAt: string) => now.getTime() - Date.parse(createdAt) < NEWS_MS;
  switch (item.kind) {
    case 'share': {
      const s = item.share;
      if (s.authorId === me || s.revoked || !fresh(s.createdAt)) return null;
      const tab = 'inbox';
      return { source: `share:${s.id}`, kind: 'share', tab, title: `${s.authorName} shared “${s.title}” with you`, body: excerpt(s.note), shareId: s.id, commentId: null, circleId: s.circleId, createdAt: s.createdAt };
    }
    case 'comment': {
      const c = item.comment;
      if (c.authorId === me || !fresh(c.createdAt)) return null;
      const share = lookup.share(c.shareId);
      if (!share) return null;
      const mine = share.authorId === me;
      const toMe = c.parentId !== null && lookup.commentAuthor(c.parentId) === me;
      if (!mine && !toMe) return null;
      const tab = mine ? 'comments' : 'inbox';
      const title = c.parentId ? `${c.authorName} replied on “${share.title}”` : `${c.authorName} commented on “${share.title}”`;
      return { source: `comment:${c.id}`, kind: c.parentId ? 'reply' : 'comment', tab, title, body: excerpt(c.body), shareId: c.shareId, commentId: c.parentId ?? c.id, circleId: null, createdAt: c.createdAt };
    }
    case 'critique': {
      const c = item.critique;
      if (c.authorId === me || !fresh(c.createdAt)) return null;
      const share = lookup.share(c.shareId);
      if (!share || share.authorId !== me) return null;
      return { source: `critique:${c.id}`, kind: 'critique', tab: 'comments', title: `${c.authorName} wrote a critique of “${share.title}”`, body: excerpt(c.worked), shareId: c.shareId, commentId: null, circleId: null, createdAt: c.createdAt };
    }
    default:
      return null;
  }
}

import { describe, expect, it } from 'vitest';
import type { FeedLookup } from '../../../../electron/core/critique/critique.feed';
import { notificationFromFeed, NEWS_MS } from '../../../../electron/core/notifications/from-feed';
import type { CommentRecord, FeedItem } from '../../../../shared/protocol/community-events';

const ADA = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const CAL = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const DEE = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';
const now = new Date('2026-11-24T10:00:00.000Z');
const at = '2026-11-24T09:00:00.000Z';

const lookup: FeedLookup = {
  share: (id) => (id === 'ada-share' ? { authorId: ADA, title: 'Chapter one' } : id === 'dee-share' ? { authorId: DEE, title: 'Dee’s draft' } : undefined),
  commentAuthor: (id) => ({ 'cal-root': CAL, 'ada-root': ADA } as Record<string, string>)[id],
};
const comment = (c: Partial<CommentRecord>): FeedItem => ({
  seq: 1,
  kind: 'comment',
  comment: { id: 'c1', shareId: 'ada-share', versionId: 'v1', parentId: null, authorId: CAL, authorName: 'cal', body: 'How   many\nships?', anchor: null, resolved: false, resolvedHlc: null, helpful: false, helpfulHlc: null, createdAt: at, ...c },
});

describe('what the feed makes a notification of', () => {
  it('a comment on my draft, with its first words on one line, to the Comments tab', () => {
    expect(notificationFromFeed(comment({}), ADA, lookup, now)).toMatchObject({ kind: 'comment', tab: 'comments', title: 'cal commented on “Chapter one”', body: 'How many ships?', shareId: 'ada-share', commentId: 'c1', source: 'comment:c1' });
  });

  it('a reply on my draft or to my comment on someone else’s; the thread is what opens', () => {
    expect(notificationFromFeed(comment({ id: 'r1', parentId: 'cal-root' }), ADA, lookup, now)).toMatchObject({ kind: 'reply', tab: 'comments', commentId: 'cal-root' });
    expect(notificationFromFeed(comment({ id: 'r2', shareId: 'dee-share', parentId: 'cal-root', authorId: DEE, authorName: 'dee' }), CAL, lookup, now)).toMatchObject({ kind: 'reply', tab: 'inbox', title: 'dee replied on “Dee’s draft”' });
  });

  it('nothing of my own, nothing on other people’s threads, nothing unknown or old', () => {
    expect(notificationFromFeed(comment({ authorId: ADA }), ADA, lookup, now)).toBeNull();
    expect(notificationFromFeed(comment({ shareId: 'dee-share' }), ADA, lookup, now)).toBeNull(); // a comment on Dee’s draft, not to Ada
    expect(notificationFromFeed(comment({ shareId: 'gone' }), ADA, lookup, now)).toBeNull();
    const old = new Date(now.getTime() - NEWS_MS - 1000).toISOString();
    expect(notificationFromFeed(comment({ createdAt: old }), ADA, lookup, now)).toBeNull();
  });

  it('a draft shared with me (not a revoked one), a critique of mine; never versions or credits', () => {
    const share = { id: 'dee-share', authorId: DEE, authorName: 'dee', circleId: 'circle', title: 'Dee’s draft', note: 'Pacing?', queue: false, readerIds: [], revoked: false, createdAt: at, versions: [] };
    expect(notificationFromFeed({ seq: 2, kind: 'share', share }, CAL, lookup, now)).toMatchObject({ kind: 'share', tab: 'inbox', title: 'dee shared “Dee’s draft” with you', body: 'Pacing?' });
    expect(notificationFromFeed({ seq: 2, kind: 'share', share: { ...share, revoked: true } }, CAL, lookup, now)).toBeNull();
    const critique = { id: 'k1', shareId: 'ada-share', versionId: 'v1', authorId: CAL, authorName: 'cal', worked: 'The ships.', didnt: '', suggestions: '', words: 2, helpful: false, helpfulHlc: null, createdAt: at };
    expect(notificationFromFeed({ seq: 3, kind: 'critique', critique }, ADA, lookup, now)).toMatchObject({ kind: 'critique', tab: 'comments', body: 'The ships.' });
    expect(notificationFromFeed({ seq: 4, kind: 'credit', entry: { id: 'e', circleId: 'c', delta: 1, reason: 'critique', refId: 'k1', balanceAfter: 4, createdAt: at } }, ADA, lookup, now)).toBeNull();
  });
});

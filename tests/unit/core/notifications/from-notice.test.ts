import { describe, expect, it } from 'vitest';
import { notificationFromNotice } from '../../../../electron/core/notifications/from-notice';
import type { ActivityNotice } from '../../../../shared/protocol/activity-events';

const at = '2026-11-24T09:00:00.000Z';
const base: ActivityNotice = { seq: 7, kind: 'kudos', actorId: 'a', actorName: 'Ada', targetKind: null, refId: 'r', title: '', createdAt: at, circleId: null, body: '' };

describe('notificationFromNotice', () => {
  it('a mention: its kind, the circle, the post’s first words, one notification per post whichever notice brings it', () => {
    const n = notificationFromNotice({ ...base, kind: 'mention', refId: 'post-1', title: 'Endings', circleId: 'circle-1', body: 'Ask @bo, she knows.' });
    expect(n).toEqual({ source: 'mention:post-1', kind: 'mention', tab: 'community', title: 'Ada mentioned you in “Endings”', body: 'Ask @bo, she knows.', shareId: null, commentId: null, circleId: 'circle-1', createdAt: at });
    expect(notificationFromNotice({ ...base, seq: 99, kind: 'mention', refId: 'post-1', title: 'Endings', circleId: 'circle-1', body: 'x' }).source).toBe(n.source);
  });

  it('a report’s outcome: what the moderator did and why, never who; an action without words of its own is named', () => {
    expect(notificationFromNotice({ ...base, kind: 'report', refId: 'report-1', title: 'hide', circleId: 'circle-1', body: 'No spam.' })).toEqual({
      source: 'report:report-1',
      kind: 'report',
      tab: 'community',
      title: 'Your report was answered: the post was hidden',
      body: 'No spam.',
      shareId: null,
      commentId: null,
      circleId: 'circle-1',
      createdAt: at,
    });
    expect(notificationFromNotice({ ...base, kind: 'report', refId: 'report-2', title: 'suspend', body: 'Repeated.' }).title).toBe('Your report was answered: a moderator acted on it (suspend)');
    expect(notificationFromNotice({ ...base, kind: 'report', refId: 'report-3', title: 'dismiss' }).title).toBe('Your report was answered: it was looked at and left as it is');
  });
});

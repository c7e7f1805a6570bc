import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core/studio-core';
import type { NotificationsSummary, StudioNotification } from '../../shared/api/notifications';
import type { LocalShare } from '../../shared/api/studio-api';
import { anchorAt } from '../../shared/text/anchor';
import { docJson } from '../fixtures/lexical';
import { call, serverOn, studioFor, waitFor } from '../helpers/studio';

const P1 = 'The lighthouse keeper counted the ships that never came.';

/** Every `notifications:changed` a core sends, in order. */
function events(core: Parameters<typeof call>[0]) {
  const seen: NotificationsSummary[] = [];
  core.on('notifications:changed', (s) => s && seen.push(s));
  return seen;
}

describe('notifications in the studio core', () => {
  it('derives them from the feed and live events, once each, per account; read state and desktop settings persist', async () => {
    const server = await serverOn();
    const ada = await studioFor(server.url, 'ada_notes');
    const cal = await studioFor(server.url, 'cal_notes');
    const adaSeen = events(ada.core);
    const calSeen = events(cal.core);

    const circle = await call(ada.core, 'circles.create', { name: 'Tuesday critiquers' });
    const invite = await call(ada.core, 'circles.invite', { circleId: circle.id });
    await call(cal.core, 'circles.join', { code: invite.link });
    await waitFor(async () => (await call<NotificationsSummary>(ada.core, 'notifications.summary')).byTab.community === 1, 'ada hears cal joined');
    expect(adaSeen.at(-1)?.alert).toMatchObject({ kind: 'join', title: 'cal_notes joined Tuesday critiquers' });
    expect(await call(cal.core, 'notifications.summary')).toMatchObject({ unread: 0 }); // not of one's own joining

    // Ada shares; Cal comments (on the draft) and Ada replies.
    const project = await call(ada.core, 'projects.create', { title: 'Keeper' });
    const doc = await call(ada.core, 'documents.create', { projectId: project.id, title: 'Chapter one' });
    await call(ada.core, 'documents.save', { id: doc.id, content: docJson([P1]) });
    const share = await call<LocalShare>(ada.core, 'shares.publish', { documentIds: [doc.id], circleId: circle.id, title: 'Chapter one', note: '' });
    await waitFor(async () => (await call<NotificationsSummary>(cal.core, 'notifications.summary')).byTab.inbox === 1, 'cal hears of the share');
    const version = (await call<LocalShare[]>(cal.core, 'shares.list')).find((s) => s.id === share.id)!.versions[0]!;
    const start = P1.indexOf('counted the ships');
    const root = await call(cal.core, 'comments.add', { shareId: share.id, versionId: version.id, body: 'How many?', anchor: anchorAt(P1, start, start + 17) });
    await waitFor(async () => (await call<NotificationsSummary>(ada.core, 'notifications.summary')).byTab.comments === 1, 'ada hears of the comment');
    await call(ada.core, 'comments.add', { shareId: share.id, versionId: version.id, parentId: root.id, body: 'Seven.' });
    await waitFor(async () => (await call<NotificationsSummary>(cal.core, 'notifications.summary')).unread === 2, 'cal hears of the reply');
    const calList = await call<StudioNotification[]>(cal.core, 'notifications.list', {});
    expect(calList.map((n) => [n.kind, n.title, n.body, n.commentId])).toEqual([
      ['reply', 'ada_notes replied on “Chapter one”', 'Seven.', root.id],
      ['share', 'ada_notes shared “Chapter one” with you', '', null],
    ]);
    // Ada's own reply, and Cal's own comment, rang for no one who wrote them.
    expect((await call<StudioNotification[]>(ada.core, 'notifications.list', {})).map((n) => n.kind)).toEqual(['comment', 'join']);
    expect(calSeen.some((s) => s.alert?.kind === 'comment')).toBe(false);

    // The feed again from the start (a cursor lost): nothing new is made.
    const file = new Database(path.join(cal.dataDir, DATABASE_FILE));
    expect(file.prepare("UPDATE sync_meta SET value = '0' WHERE key = ?").run(`cursor:${cal.userId}`).changes).toBe(1);
    file.close();
    await call(cal.core, 'community.signOut');
    await call(cal.core, 'community.signIn', { username: 'cal_notes', password: 'a long enough password' });
    await waitFor(async () => (await call<LocalShare[]>(cal.core, 'shares.list')).length === 1, 'cal pulled again');
    await new Promise((r) => setTimeout(r, 300));
    expect(await call<StudioNotification[]>(cal.core, 'notifications.list', {})).toHaveLength(2);

    // Read one, then a tab; settings per kind turn the alert off, not the notification.
    let summary = await call<NotificationsSummary>(cal.core, 'notifications.markRead', { ids: [calList[0]!.id] });
    expect(summary).toMatchObject({ unread: 1, byTab: { inbox: 1 } });
    summary = await call<NotificationsSummary>(cal.core, 'notifications.markRead', { all: true, tab: 'inbox' });
    expect(summary.unread).toBe(0);
    expect((await call(cal.core, 'notifications.setSettings', { desktop: { reply: false } })).desktop).toMatchObject({ reply: false, comment: true, sprint: true });
    await call(ada.core, 'comments.add', { shareId: share.id, versionId: version.id, parentId: root.id, body: 'Or eight.' });
    await waitFor(async () => (await call<NotificationsSummary>(cal.core, 'notifications.summary')).unread === 1, 'cal hears of the second reply');
    expect(calSeen.at(-1)).toMatchObject({ unread: 1, alert: null });

    // Bad input: a typed error, nothing changed.
    expect(await cal.core.call('notifications.markRead', { ids: [] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await cal.core.call('notifications.setSettings', { desktop: { bell: true } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(cal.core, 'notifications.summary')).toMatchObject({ unread: 1 });
  });
});

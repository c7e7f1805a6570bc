import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core/studio-core';
import type { DocumentReview, LocalShare, ShareView } from '../../shared/api/studio-api';
import { anchorAt } from '../../shared/text/anchor';
import { docJson } from '../fixtures/lexical';
import { faultProxy } from '../helpers/fault-proxy';
import { call, serverOn, studioFor, waitFor } from '../helpers/studio';

const P1 = 'The lighthouse keeper counted the ships that never came.';
const P2 = 'Her brother wrote letters he would never send to anyone at all.';
const P3 = 'A gull stood on the rail and watched the storm arrive.';
const P4 = 'By morning the lamp was dark and the keeper was gone.';
const critiqueText = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

/** `criticUrl`: where the critic connects (a fault proxy, say); the author always goes direct. */
async function sharedDraft(criticUrl?: (serverPort: number) => Promise<string>) {
  const server = await serverOn();
  const author = await studioFor(server.url, 'ada_author');
  const critic = await studioFor(criticUrl ? await criticUrl(server.port) : server.url, 'cal_critic');
  const circle = await call(author.core, 'circles.create', { name: 'Tuesday critiquers' });
  const invite = await call(author.core, 'circles.invite', { circleId: circle.id });
  await call(critic.core, 'circles.join', { code: invite.link });
  const project = await call(author.core, 'projects.create', { title: 'The Keeper' });
  const doc = await call(author.core, 'documents.create', { projectId: project.id, title: 'Chapter one' });
  await call(author.core, 'documents.save', { id: doc.id, content: docJson([P1, P2, P3, P4]) });
  const share = await call<LocalShare>(author.core, 'shares.publish', { documentIds: [doc.id], circleId: circle.id, title: 'The Keeper, ch. 1', note: 'Looking for pacing feedback' });
  await waitFor(async () => (await call<LocalShare[]>(critic.core, 'shares.list')).some((s) => s.id === share.id && s.versions.length === 1), 'the critic has the draft');
  return { server, author, critic, circle, doc, share };
}

const outboxEmpty = (core: Parameters<typeof call>[0]) => async () => (await call(core, 'sync.outbox')).pending === 0;

describe('share for critique between two studios', () => {
  it('comments written offline while the author edits arrive once, anchor where they should, and replies flow back', async () => {
    const { server, author, critic, doc, share } = await sharedDraft();
    const view = await call<ShareView>(critic.core, 'shares.open', { shareId: share.id });
    expect(view.share).toMatchObject({ role: 'reader', authorName: 'ada_author', note: 'Looking for pacing feedback' });
    const text = (await call<ShareView>(critic.core, 'shares.open', { shareId: share.id })).version;
    expect(text.content).toContain('lighthouse');

    // The server goes away; both keep working.
    await server.close();
    await waitFor(() => critic.core.current('sync:status').state !== 'online', 'the critic is offline');
    const plain = [P1, P2, P3, P4].join('\n\n');
    const on = (passage: string) => {
      const start = plain.indexOf(passage);
      return anchorAt(plain, start, start + passage.length);
    };
    const c1 = await call(critic.core, 'comments.add', { shareId: share.id, versionId: view.version.id, body: 'Strong opening image.', anchor: on(P1) });
    const c2 = await call(critic.core, 'comments.add', { shareId: share.id, versionId: view.version.id, body: 'Who is the brother?', anchor: on(P2) });
    const c3 = await call(critic.core, 'comments.add', { shareId: share.id, versionId: view.version.id, body: 'Love the gull.', anchor: on(P3) });
    expect(c1.syncState).toBe('pending');
    await call(critic.core, 'critiques.submit', { shareId: share.id, versionId: view.version.id, worked: critiqueText(100), didnt: critiqueText(40), suggestions: critiqueText(20) });
    expect((await call(critic.core, 'sync.outbox')).pending).toBe(4);

    // Meanwhile the author revises: a new opening paragraph, a reworded sentence, a cut passage.
    const P2edited = 'Her brother wrote letters he would never send to anybody at all.';
    await call(author.core, 'documents.save', { id: doc.id, content: docJson(['A new first paragraph, written on the train.', P1, P2edited, P4]) });

    const again = await serverOn(server.dbFile, server.port);
    await waitFor(outboxEmpty(critic.core), 'the critic’s outbox is sent');
    await waitFor(async () => (await call<DocumentReview>(author.core, 'comments.forDocument', { documentId: doc.id })).critiques.length === 1, 'the author has the critique');
    const review = await call<DocumentReview>(author.core, 'comments.forDocument', { documentId: doc.id });
    expect(review.threads.map((t) => t.root.body)).toEqual(['Strong opening image.', 'Who is the brother?']);
    const authorText = ['A new first paragraph, written on the train.', P1, P2edited, P4].join('\n\n');
    const [t1, t2] = review.threads;
    expect(t1!.match).toMatchObject({ how: 'exact' });
    expect(authorText.slice(t1!.match!.start, t1!.match!.end)).toBe(P1);
    expect(t2!.match).toMatchObject({ how: 'approximate' });
    expect(authorText.slice(t2!.match!.start, t2!.match!.end)).toContain('anybody');
    expect(review.detached.map((t) => t.root.body)).toEqual(['Love the gull.']);
    expect(review.critiques[0]).toMatchObject({ authorName: 'cal_critic', words: 160, syncState: 'synced' });

    // Exactly once on the server.
    const rows = await again.store.db.selectFrom('comments').select(['id']).execute();
    expect(rows.map((r) => r.id).sort()).toEqual([c1.id, c2.id, c3.id].sort());

    // The author replies, resolves and thanks; it flows back to the critic.
    await call(author.core, 'comments.add', { shareId: share.id, versionId: view.version.id, parentId: c1.id, body: 'Thank you!' });
    await call(author.core, 'comments.setFlag', { target: 'comment', id: c2.id, flag: 'resolved', value: true });
    await call(author.core, 'comments.setFlag', { target: 'critique', id: review.critiques[0]!.id, flag: 'helpful', value: true });
    await waitFor(async () => {
      const seen = await call<ShareView>(critic.core, 'shares.open', { shareId: share.id });
      const thread1 = seen.threads.find((t) => t.root.id === c1.id);
      const thread2 = seen.threads.find((t) => t.root.id === c2.id);
      return thread1?.replies[0]?.body === 'Thank you!' && thread2?.root.resolved === true && seen.critiques[0]?.helpful === true;
    }, 'the reply, the resolution and the helpful mark reach the critic');
    // Credits: welcome 3, a critique over 150 words +1, marked helpful +1.
    const credits = await call(critic.core, 'credits.get', { circleId: share.circleId });
    await waitFor(async () => (await call(critic.core, 'credits.get', { circleId: share.circleId })).balance === 5, 'the critic’s credits arrive');
    expect(credits.rules).toMatchObject({ postCost: 3, critiqueMinWords: 150 });
  });

  it('a revoked share leaves the reader’s machine; a critic sees what changed in a passage they commented on', async () => {
    const { author, critic, doc, share } = await sharedDraft();
    const view = await call<ShareView>(critic.core, 'shares.open', { shareId: share.id });
    const plain = [P1, P2, P3, P4].join('\n\n');
    const start = plain.indexOf(P2);
    const comment = await call(critic.core, 'comments.add', { shareId: share.id, versionId: view.version.id, body: 'Unclear.', anchor: anchorAt(plain, start, start + P2.length) });
    await waitFor(outboxEmpty(critic.core), 'the comment is sent');

    await call(author.core, 'documents.save', { id: doc.id, content: docJson([P1, 'Her brother, Tom, wrote letters he would never send to anyone at all.', P3, P4]) });
    await call(author.core, 'shares.publish', { documentIds: [doc.id], shareId: share.id, circleId: share.circleId, title: share.title });
    await waitFor(async () => (await call<LocalShare[]>(critic.core, 'shares.list'))[0]?.versions.length === 2, 'version 2 arrives');
    const diff = await call(critic.core, 'comments.passageDiff', { commentId: comment.id });
    expect(diff).toMatchObject({ fromVersion: 1, toVersion: 2, found: true });
    expect(diff.parts.filter((p: { kind: string }) => p.kind === 'added').map((p: { text: string }) => p.text).join('')).toContain('Tom');
    // The old comment stays attached to version 1.
    expect((await call<ShareView>(critic.core, 'shares.open', { shareId: share.id, versionId: view.version.id })).threads[0]!.match).toMatchObject({ how: 'exact' });

    await call(author.core, 'shares.revoke', { shareId: share.id });
    await waitFor(async () => (await call<LocalShare[]>(critic.core, 'shares.list'))[0]?.revoked === true, 'the revocation arrives');
    const opened = await critic.core.call('shares.open', { shareId: share.id });
    expect(opened).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await call<LocalShare[]>(critic.core, 'shares.list'))[0]!.versions).toEqual([]);
  });

  it('posting to the critique queue costs credits, and is refused (and shown as failed) without them', async () => {
    const { author, circle, doc } = await sharedDraft();
    const queued = await call<LocalShare>(author.core, 'shares.publish', { documentIds: [doc.id], circleId: circle.id, title: 'Queued', queue: true });
    await waitFor(async () => (await call<LocalShare[]>(author.core, 'shares.list')).find((s) => s.id === queued.id)?.syncState === 'synced', 'the queued share is acknowledged');
    await waitFor(async () => (await call(author.core, 'credits.get', { circleId: circle.id })).balance === 0, 'the cost is booked');
    const broke = await call<LocalShare>(author.core, 'shares.publish', { documentIds: [doc.id], circleId: circle.id, title: 'One too many', queue: true });
    await waitFor(async () => (await call<LocalShare[]>(author.core, 'shares.list')).find((s) => s.id === broke.id)?.syncState === 'failed', 'the second is refused');
    const failed = (await call<LocalShare[]>(author.core, 'shares.list')).find((s) => s.id === broke.id)!;
    expect(failed.syncError).toMatch(/costs 3 credits; you have 0/);
    const outbox = await call(author.core, 'sync.outbox');
    expect(outbox).toMatchObject({ pending: 0, failed: [{ kind: 'share.publish' }] });
    const credits = await call(author.core, 'credits.get', { circleId: circle.id });
    expect(credits.entries.map((e: { reason: string; delta: number }) => [e.reason, e.delta])).toEqual([
      ['welcome', 3],
      ['post', -3],
    ]);
  });

  it('a writer discards what the community refused (a share without credits; comments on a draft revoked meanwhile), never what only waits', async () => {
    let proxy!: Awaited<ReturnType<typeof faultProxy>>;
    const { author, critic, circle, doc, share } = await sharedDraft(async (port) => (proxy = await faultProxy(port)).url);

    // The author's queued share is refused for want of credits; discarding it removes it, and sharing without the queue works.
    const queued = await call<LocalShare>(author.core, 'shares.publish', { documentIds: [doc.id], circleId: circle.id, title: 'Queued', queue: true });
    await waitFor(async () => (await call<LocalShare[]>(author.core, 'shares.list')).find((s) => s.id === queued.id)?.syncState === 'synced', 'the first queued share is taken');
    const broke = await call<LocalShare>(author.core, 'shares.publish', { documentIds: [doc.id], circleId: circle.id, title: 'One too many', queue: true });
    await waitFor(async () => (await call<LocalShare[]>(author.core, 'shares.list')).find((s) => s.id === broke.id)?.syncState === 'failed', 'the second is refused');
    const afterDiscard = await call(author.core, 'sync.discard', { entityId: broke.id });
    expect(afterDiscard).toMatchObject({ pending: 0, failed: [] });
    expect((await call<LocalShare[]>(author.core, 'shares.list')).map((s) => s.id).sort()).toEqual([share.id, queued.id].sort());
    expect(await author.core.call('sync.discard', { entityId: broke.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // A new version of the first share, renamed and queued, is refused too: discarding it puts the share back as it was.
    await call(author.core, 'shares.publish', { documentIds: [doc.id], shareId: share.id, circleId: circle.id, title: 'Renamed and queued', note: 'new note', queue: true });
    await call(author.core, 'shares.publish', { documentIds: [doc.id], shareId: share.id, circleId: circle.id, title: 'Renamed again', note: 'newer note', queue: true });
    await waitFor(async () => (await call(author.core, 'sync.outbox')).failed.length === 2, 'both new versions are refused');
    await call(author.core, 'sync.discard', { entityId: share.id });
    expect((await call<LocalShare[]>(author.core, 'shares.list')).find((s) => s.id === share.id)).toMatchObject({
      title: 'The Keeper, ch. 1',
      note: 'Looking for pacing feedback',
      queue: false,
      versions: [{ number: 1 }],
      syncState: 'synced',
    });

    // The critic, offline, comments and replies to themself while the author revokes the draft.
    const view = await call<ShareView>(critic.core, 'shares.open', { shareId: share.id });
    const plain = [P1, P2, P3, P4].join('\n\n');
    const early = await call(critic.core, 'comments.add', { shareId: share.id, versionId: view.version.id, body: 'Made while online.', anchor: anchorAt(plain, plain.indexOf(P3), plain.indexOf(P3) + P3.length) });
    await waitFor(outboxEmpty(critic.core), 'the first comment is taken');
    const dbFile = path.join(critic.dataDir, DATABASE_FILE);
    const flagRow = (id: string) => {
      const file = new Database(dbFile, { readonly: true });
      const row = file.prepare('SELECT resolved, resolved_hlc, sync_state FROM comments WHERE id = ?').get(id);
      file.close();
      return row;
    };
    const beforeResolving = flagRow(early.id);
    proxy.setDown(true);
    await waitFor(() => critic.core.current('sync:status').state !== 'online', 'the critic is offline');
    await call(critic.core, 'comments.setFlag', { target: 'comment', id: early.id, flag: 'resolved', value: true });
    const critique = await call(critic.core, 'critiques.submit', { shareId: share.id, versionId: view.version.id, worked: critiqueText(100), didnt: critiqueText(40), suggestions: critiqueText(20) });
    const root = await call(critic.core, 'comments.add', { shareId: share.id, versionId: view.version.id, body: 'Too late?', anchor: anchorAt(plain, 0, P1.length) });
    const reply = await call(critic.core, 'comments.add', { shareId: share.id, versionId: view.version.id, parentId: root.id, body: 'And a second thought.' });
    // Waiting is not refused: nothing to discard.
    expect(await critic.core.call('sync.discard', { entityId: root.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await call(author.core, 'shares.revoke', { shareId: share.id });
    await waitFor(async () => (await call(author.core, 'sync.outbox')).pending === 0, 'the revocation is sent');
    proxy.setDown(false);
    await waitFor(async () => (await call(critic.core, 'sync.outbox')).failed.length === 4, 'all four are refused');
    const outbox = await call(critic.core, 'sync.outbox');
    expect(outbox.failed.map((f: { kind: string }) => f.kind)).toEqual(['flag.set', 'critique.submit', 'comment.add', 'comment.add']);
    // Discarding the comment takes its reply with it; the critique goes; the resolution is undone.
    expect(await call(critic.core, 'sync.discard', { entityId: root.id })).toMatchObject({ failed: [{ kind: 'flag.set' }, { kind: 'critique.submit' }] });
    await call(critic.core, 'sync.discard', { entityId: critique.id });
    expect(await call(critic.core, 'sync.discard', { entityId: early.id })).toMatchObject({ pending: 0, failed: [] });
    const file = new Database(dbFile, { readonly: true });
    expect(file.prepare('SELECT id FROM comments WHERE id IN (?, ?)').all(root.id, reply.id)).toEqual([]);
    expect(file.prepare('SELECT id FROM critiques WHERE id = ?').all(critique.id)).toEqual([]);
    file.close();
    // The resolution is undone: value and stamp as they were before it.
    expect(beforeResolving).toMatchObject({ resolved: 0 });
    expect(flagRow(early.id)).toEqual(beforeResolving);
  });

  it('shares several chapters as one draft, and files each comment under the chapter its passage is in', async () => {
    const { author, critic, circle, doc } = await sharedDraft();
    const project = (await call(author.core, 'projects.list'))[0];
    const two = await call(author.core, 'documents.create', { projectId: project.id, title: 'Chapter two' });
    await call(author.core, 'documents.save', { id: two.id, content: docJson(['The ferry came back at dawn with nobody aboard.']) });
    const share = await call<LocalShare>(author.core, 'shares.publish', { documentIds: [doc.id, two.id], circleId: circle.id, title: 'Chapters one and two' });
    await waitFor(async () => (await call<LocalShare[]>(critic.core, 'shares.list')).some((s) => s.id === share.id && s.versions.length === 1), 'the critic has both chapters');
    const view = await call<ShareView>(critic.core, 'shares.open', { shareId: share.id });
    const plain = ['Chapter one', P1, P2, P3, P4, 'Chapter two', 'The ferry came back at dawn with nobody aboard.'].join('\n\n');
    const phrase = 'came back at dawn';
    const start = plain.indexOf(phrase);
    await call(critic.core, 'comments.add', { shareId: share.id, versionId: view.version.id, body: 'Eerie.', anchor: anchorAt(plain, start, start + phrase.length) });
    await waitFor(async () => (await call<DocumentReview>(author.core, 'comments.forDocument', { documentId: two.id })).threads.length === 1, 'the comment reaches chapter two');
    const onTwo = await call<DocumentReview>(author.core, 'comments.forDocument', { documentId: two.id });
    expect(onTwo.threads[0]!.match).toMatchObject({ how: 'exact', start: 'The ferry '.length });
    const onOne = await call<DocumentReview>(author.core, 'comments.forDocument', { documentId: doc.id });
    expect(onOne.threads.filter((t) => t.root.shareId === share.id)).toEqual([]);
  });
});

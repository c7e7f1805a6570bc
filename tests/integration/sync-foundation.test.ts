import { randomUUID } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createStudioCore, type StudioCore, type StudioCoreOptions } from '../../electron/core/studio-core';
import type { LocalShare, OutboxStatus, ReviewCritique, ShareView } from '../../shared/api/studio-api';
import { docJson } from '../fixtures/lexical';
import { encodeHlc } from '../../shared/sync/hlc';
import { must, newWriter } from '../helpers/community';
import { call, serverOn, waitFor } from '../helpers/studio';
import { tempDir } from '../helpers/temp-dir';

const PASSWORD = 'a long enough password';
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
/** Short waits, so eight failed attempts take a second or two instead of minutes. */
const QUICK = { baseMs: 40, capMs: 200 };

function studio(url: string, options: Partial<StudioCoreOptions> = {}, dataDir = tempDir()): StudioCore {
  const core = createStudioCore({ dataDir, host: 'browser', deviceName: 'test', communityBackoff: { delayMs: 100, maxDelayMs: 300 }, outboxBackoff: QUICK, ...options });
  onTestFinished(() => core.close());
  void call(core, 'community.setServer', { url });
  return core;
}
async function register(core: StudioCore, username: string) {
  await waitFor(() => core.current('sync:status').state === 'offline' || core.current('sync:status').state === 'online', `${username}'s studio reached the server`);
  return (await call(core, 'community.register', { username, password: PASSWORD })).account.id as string;
}

/** An author with a draft shared to a circle, and a critic who has it. */
async function sharedDraft(url: string, critic: StudioCore, author = studio(url)) {
  await register(author, `ada_${Math.random().toString(36).slice(2, 7)}`);
  const circle = await call(author, 'circles.create', { name: 'Night writers' });
  const invite = await call(author, 'circles.invite', { circleId: circle.id });
  await call(critic, 'circles.join', { code: invite.link });
  const project = await call(author, 'projects.create', { title: 'The Keeper' });
  const doc = await call(author, 'documents.create', { projectId: project.id, title: 'Chapter one' });
  await call(author, 'documents.save', { id: doc.id, content: docJson(['The lighthouse keeper counted the ships.', 'A gull watched the storm arrive.']) });
  const share = await call<LocalShare>(author, 'shares.publish', { documentIds: [doc.id], circleId: circle.id, title: 'Keeper', note: '' });
  await waitFor(async () => (await call<LocalShare[]>(critic, 'shares.list')).some((s) => s.id === share.id && s.versions.length === 1), 'the critic has the draft');
  const view = await call<ShareView>(critic, 'shares.open', { shareId: share.id });
  return { author, share, view, doc };
}

const outbox = (core: StudioCore) => call<OutboxStatus>(core, 'sync.outbox');

describe('the one outbox: whose it is, and nothing stuck', () => {
  it('keeps each account’s offline work for that account: another writer on the same data folder never sends it; it goes when its writer signs in again', async () => {
    const server = await serverOn();
    const folder = tempDir();
    const shared = studio(server.url, {}, folder);
    const bobId = await register(shared, 'bob_writer');
    const { share, view } = await sharedDraft(server.url, shared);

    // Offline: bob comments, then signs out. The server could not be told.
    await server.close();
    await waitFor(() => shared.current('sync:status').state !== 'online', 'offline');
    const comment = await call(shared, 'comments.add', { shareId: share.id, versionId: view.version.id, body: 'Written on the train by bob.' });
    await call(shared, 'community.signOut');
    expect((await outbox(shared)).pending).toBe(1);

    // Back online: bob's session is ended on the server, and carol signs in on the same folder.
    const again = await serverOn(server.dbFile, server.port);
    const sessionOf = (userId: string) => again.store.db.selectFrom('sessions').select(['revoked_at']).where('user_id', '=', userId).execute();
    await waitFor(async () => (await sessionOf(bobId)).every((s) => s.revoked_at !== null), 'bob’s session was ended on the server');
    await waitFor(() => /Not signed in/.test(JSON.stringify(shared.current('sync:status'))), 'the studio is back, signed out');
    const carolId = await call(shared, 'community.register', { username: 'carol_writer', password: PASSWORD }).then((s) => s.account.id as string);
    await new Promise((r) => setTimeout(r, 600)); // time enough for anything that would be sent
    expect(await again.store.db.selectFrom('comments').select('id').execute()).toEqual([]);
    const forCarol = await outbox(shared);
    expect(forCarol).toMatchObject({ pending: 0, failed: [], others: [{ displayName: 'bob_writer', pending: 1, failed: 0 }] });
    expect(await call<LocalShare[]>(shared, 'shares.list')).toEqual([]); // bob's copies are not carol's
    const rows = shared.db.prepare('SELECT owner FROM outbox').pluck().all();
    expect(rows).toEqual([bobId]);

    // Bob is back: his comment goes, as his.
    await call(shared, 'community.signOut');
    await call(shared, 'community.signIn', { username: 'bob_writer', password: PASSWORD });
    await waitFor(async () => (await again.store.db.selectFrom('comments').select(['id', 'author_id']).execute()).length === 1, 'bob’s comment arrived');
    expect(await again.store.db.selectFrom('comments').select(['id', 'author_id']).execute()).toEqual([{ id: comment.id, author_id: bobId }]);
    expect(carolId).not.toBe(bobId);
    expect((await outbox(shared)).others).toEqual([]);
  });

  it('an operation the server fails on waits with backoff and is marked failed after eight tries; the ones behind it go at once', async () => {
    const server = await serverOn();
    const critic = studio(server.url);
    await register(critic, 'cal_critic');
    const { share, view } = await sharedDraft(server.url, critic);
    // The server's store throws whenever a critique is written: an unexpected fault for that one operation.
    const raw = new BetterSqlite3(server.dbFile);
    onTestFinished(() => void raw.close());
    raw.exec("CREATE TRIGGER poison BEFORE INSERT ON critiques BEGIN SELECT RAISE(ABORT, 'poisoned'); END");

    const critique = await call<ReviewCritique>(critic, 'critiques.submit', { shareId: share.id, versionId: view.version.id, worked: words(10), didnt: '', suggestions: '' });
    const later = [];
    for (const body of ['one', 'two', 'three']) later.push(await call(critic, 'comments.add', { shareId: share.id, versionId: view.version.id, body }));
    await waitFor(async () => (await server.store.db.selectFrom('comments').select('id').execute()).length === 3, 'the comments behind it arrived');
    const attempts = () => critic.db.prepare('SELECT attempts FROM outbox WHERE entity_id = ?').pluck().get(critique.id) as number | undefined;
    expect(attempts()).toBeGreaterThanOrEqual(1);

    await waitFor(async () => (await outbox(critic)).failed.length === 1, 'the poisoned critique is marked failed', 20_000);
    const status = await outbox(critic);
    expect(status.pending).toBe(0);
    expect(status.failed[0]).toMatchObject({ entityId: critique.id, kind: 'critique.submit' });
    expect(status.failed[0]!.error).toMatch(/error id .*tried 8 times/);
    const shown = (await call<ShareView>(critic, 'shares.open', { shareId: share.id })).critiques.find((c) => c.id === critique.id);
    expect(shown).toMatchObject({ syncState: 'failed' });

    // Mended on the server: Retry sends it.
    raw.exec('DROP TRIGGER poison');
    await call(critic, 'sync.retryFailed');
    await waitFor(async () => (await server.store.db.selectFrom('critiques').select('id').execute()).length === 1, 'the critique arrived after Retry');
    expect((await outbox(critic)).failed).toEqual([]);
  });

  it('backs off exponentially, with jitter and a cap, while the server answers unavailable to everything; then marks it failed', async () => {
    const server = await serverOn();
    const writer = studio(server.url);
    await register(writer, 'dee_writer');
    const { share, view } = await sharedDraft(server.url, writer);
    await waitFor(async () => (await outbox(writer)).pending === 0, 'settled');
    // From now on the server answers every push "unavailable": a refusal of the moment, forever.
    // The server notes when each attempt arrives: the studio's waits are the gaps between them
    // (polling the outbox row for them missed attempts and mis-timed waits on a busy machine).
    const refusedBy = new Set<string>();
    const arrivals: number[] = [];
    for (const socket of server.server.io.sockets.sockets.values()) {
      socket.removeAllListeners('sync:push');
      socket.on('sync:push', (_payload, ack) => {
        refusedBy.add(socket.id);
        arrivals.push(performance.now());
        ack({ ok: false, error: { code: 'unavailable', message: 'The server is not taking changes right now.' } });
      });
    }
    const comment = await call(writer, 'comments.add', { shareId: share.id, versionId: view.version.id, body: 'Patience.' });
    await waitFor(() => (writer.db.prepare('SELECT state FROM outbox WHERE entity_id = ?').pluck().get(comment.id) as string | undefined) === 'failed', 'the comment is marked failed', 20_000);
    expect(refusedBy.size).toBe(1);
    expect(arrivals).toHaveLength(8);
    // Each wait within 50–150 % of its step (40, 80, 160, then the 200 ms cap), plus the round
    // trip and a late timer: no wait at all, or an uncapped one (640 ms and up by attempt 6), falls outside.
    for (let attempt = 1; attempt < arrivals.length; attempt++) {
      const step = Math.min(QUICK.capMs, QUICK.baseMs * 2 ** (attempt - 1));
      const gap = arrivals[attempt]! - arrivals[attempt - 1]!;
      expect(gap, `wait after attempt ${attempt}`).toBeGreaterThanOrEqual(step * 0.5 - 5);
      expect(gap, `wait after attempt ${attempt}`).toBeLessThanOrEqual(step * 1.5 + 300);
    }
    expect((await outbox(writer)).failed[0]!.error).toMatch(/tried 8 times/);
  });

  it('a batch the server refuses as a whole is split until the one bad operation is found; the rest go', async () => {
    const server = await serverOn();
    const writer = studio(server.url);
    await register(writer, 'eve_writer');
    const { share, view } = await sharedDraft(server.url, writer);
    await server.close();
    await waitFor(() => writer.current('sync:status').state !== 'online', 'offline');
    const bodies = Array.from({ length: 9 }, (_, i) => `note ${i}`);
    for (const body of bodies.slice(0, 4)) await call(writer, 'comments.add', { shareId: share.id, versionId: view.version.id, body });
    // An operation whose envelope the server cannot take at all (an id that is not a UUID): the whole push is refused.
    const me = writer.db.prepare('SELECT owner FROM outbox LIMIT 1').pluck().get() as string;
    writer.db
      .prepare("INSERT INTO outbox (op_id, kind, entity_id, payload, created_at, owner) VALUES ('not-a-uuid', 'comment.add', 'broken', ?, ?, ?)")
      .run(JSON.stringify({ kind: 'comment.add', commentId: 'broken' }), new Date().toISOString(), me);
    for (const body of bodies.slice(4)) await call(writer, 'comments.add', { shareId: share.id, versionId: view.version.id, body });

    const again = await serverOn(server.dbFile, server.port);
    await waitFor(async () => (await again.store.db.selectFrom('comments').select('id').execute()).length === 9, 'all nine good comments arrived', 20_000);
    await waitFor(async () => (await outbox(writer)).pending === 0, 'every answer is in');
    const status = await outbox(writer);
    expect(status.pending).toBe(0);
    expect(status.failed.map((f) => f.opId)).toEqual(['not-a-uuid']);
  });

  it('stamps flags on the server’s clock: a studio whose clock is a year ahead does not win every resolve', async () => {
    const server = await serverOn();
    const yearAhead = () => new Date(Date.now() + 365 * 24 * 3600_000);
    const critic = studio(server.url);
    await register(critic, 'fay_critic');
    const author = studio(server.url, { clock: yearAhead });
    const { share, view } = await sharedDraft(server.url, critic, author);
    const comment = await call(critic, 'comments.add', { shareId: share.id, versionId: view.version.id, body: 'Is this the right word?' });
    const authorSees = async () => (await call(author, 'comments.forDocument', { documentId: (await call<LocalShare[]>(author, 'shares.list'))[0]!.documentIds[0] })).threads.length === 1;
    await waitFor(authorSees, 'the author has the comment');

    // The author (clock a year ahead) resolves; then the critic reopens it.
    await call(author, 'comments.setFlag', { target: 'comment', id: comment.id, flag: 'resolved', value: true });
    await waitFor(async () => (await server.store.db.selectFrom('comments').select('resolved').where('id', '=', comment.id).executeTakeFirst())?.resolved === 1, 'resolved on the server');
    const stamped = (await server.store.db.selectFrom('comments').select('resolved_hlc').where('id', '=', comment.id).executeTakeFirstOrThrow()).resolved_hlc!;
    expect(Math.abs(Number(stamped.split(':')[0]) - Date.now())).toBeLessThan(60_000);
    await waitFor(async () => (await call<ShareView>(critic, 'shares.open', { shareId: share.id })).threads[0]?.root.resolved === true, 'the critic sees it resolved');
    await call(critic, 'comments.setFlag', { target: 'comment', id: comment.id, flag: 'resolved', value: false });
    await waitFor(async () => (await server.store.db.selectFrom('comments').select('resolved').where('id', '=', comment.id).executeTakeFirst())?.resolved === 0, 'the later reopen wins');
  });

  it('discarding a refused revision of a critique puts back the critique the server already has', async () => {
    const server = await serverOn();
    const critic = studio(server.url);
    await register(critic, 'gil_critic');
    const { author, share, view } = await sharedDraft(server.url, critic);
    const first = await call<ReviewCritique>(critic, 'critiques.submit', { shareId: share.id, versionId: view.version.id, worked: 'The opening image.', didnt: '', suggestions: '' });
    await waitFor(async () => (await outbox(critic)).pending === 0, 'the first critique synced');

    // The critic revises offline; meanwhile the author withdraws the draft, so the revision is refused.
    await server.close();
    await waitFor(() => critic.current('sync:status').state !== 'online', 'offline');
    await call(critic, 'critiques.submit', { shareId: share.id, versionId: view.version.id, worked: 'Second thoughts, rewritten.', didnt: '', suggestions: '' });
    const again = await serverOn(server.dbFile, server.port);
    await again.store.db.updateTable('shares').set({ revoked_at: new Date().toISOString() }).where('id', '=', share.id).execute();
    await waitFor(async () => (await outbox(critic)).failed.length === 1, 'the revision was refused');
    void author;

    await call(critic, 'sync.discard', { entityId: first.id });
    const kept = critic.db.prepare('SELECT worked, sync_state FROM critiques WHERE id = ?').get(first.id);
    expect(kept).toEqual({ worked: 'The opening image.', sync_state: 'synced' });
    expect((await outbox(critic)).failed).toEqual([]);
  });

  it('a commenter’s stamp at the edge of the future (counter 999,999) neither jams the author’s outbox nor wins for good', async () => {
    const server = await serverOn();
    const author = studio(server.url);
    await register(author, 'hal_author');
    const circle = await call(author, 'circles.create', { name: 'Open door' });
    const invite = await call(author, 'circles.invite', { circleId: circle.id });
    const project = await call(author, 'projects.create', { title: 'Doors' });
    const doc = await call(author, 'documents.create', { projectId: project.id, title: 'One' });
    await call(author, 'documents.save', { id: doc.id, content: docJson(['A door opened onto the sea.']) });
    const hostile = await newWriter(server.url);
    await must(hostile.socket, 'circle:join', { code: invite.code });
    const share = await call<LocalShare>(author, 'shares.publish', { documentIds: [doc.id], circleId: circle.id, title: 'Doors', note: '' });
    await waitFor(async () => (await server.store.db.selectFrom('share_versions').select('id').execute()).length === 1, 'the draft is on the server');
    const commentId = randomUUID();
    const versionId = share.versions[0]!.id;
    // The hostile member comments, then resolves with the largest stamp the server still takes.
    const edge = encodeHlc({ wallMs: Date.now() + 50_000, counter: 999_999 }, 'hostile');
    const pushed = await must(hostile.socket, 'sync:push', {
      ops: [
        { opId: randomUUID(), op: { kind: 'comment.add', commentId, shareId: share.id, versionId, parentId: null, body: 'Mine.', anchor: null } },
        { opId: randomUUID(), op: { kind: 'flag.set', target: 'comment', id: commentId, flag: 'resolved', value: true, hlc: edge } },
      ],
    });
    expect(pushed.results.every((r) => r.ok)).toBe(true);
    await waitFor(async () => (await call(author, 'comments.forDocument', { documentId: doc.id })).threads[0]?.root.resolved === true, 'the author pulled the resolved comment');

    // The author reopens it, and writes more: nothing waits behind a refused batch, and the reopen wins.
    await call(author, 'comments.setFlag', { target: 'comment', id: commentId, flag: 'resolved', value: false });
    await call(author, 'comments.add', { shareId: share.id, versionId, parentId: commentId, body: 'Not yet: one more pass.' });
    await waitFor(async () => (await outbox(author)).pending === 0, 'the author’s outbox is through');
    expect((await outbox(author)).failed).toEqual([]);
    const row = await server.store.db.selectFrom('comments').select(['resolved', 'resolved_hlc']).where('id', '=', commentId).executeTakeFirstOrThrow();
    expect(row.resolved).toBe(0);
    expect(row.resolved_hlc! > edge).toBe(true);
  });
});

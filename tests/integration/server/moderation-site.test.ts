import { randomUUID } from 'node:crypto';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { migrationsFor, openStore } from '../../../server/store/open-store';
import { tempDir } from '../../helpers/temp-dir';
import { describe, expect, it } from 'vitest';
import type { SyncOp } from '../../../shared/protocol/critique-schemas';
import { anchorAt } from '../../../shared/text/anchor';
import { POST_LIMITS } from '../../../shared/rules/limits';
import { createAccountsRepo } from '../../../server/features/accounts/accounts.repo';
import { docJson } from '../../fixtures/lexical';
import { call, connect, must, newWriter, nextEvent, startCommunity, type ClientSocket, type StoreKind } from '../../helpers/community';
import { serviceAvailable } from '../../helpers/services';

const pg = await serviceAvailable('PostgreSQL');
const TEXT = ['The harbour was quiet before the storm.', 'Nobody on the quay had seen the boat leave.'];
const PLAIN = TEXT.join('\n\n');
const quoteOf = (phrase: string) => anchorAt(PLAIN, PLAIN.indexOf(phrase), PLAIN.indexOf(phrase) + phrase.length);
const pushOne = async (socket: ClientSocket, op: SyncOp) => (await must(socket, 'sync:push', { ops: [{ opId: randomUUID(), op }] })).results[0]!;
const thread = (circleId: string, title = 'A thread') => ({ threadId: randomUUID(), postId: randomUUID(), circleId, title, body: 'Hello there.' });

/** A circle with its owner (a circle moderator), a writer whose work gets reported, a critic, a reporter; an admin and a site moderator. */
async function world(kind: StoreKind, options: { postLimitScale?: number } = {}) {
  const { url, store } = await startCommunity(kind, { limits: { burst: 1000, perSecond: 1000 }, ...options });
  const owner = await newWriter(url);
  const writer = await newWriter(url);
  const critic = await newWriter(url);
  const reporter = await newWriter(url);
  const admin = await newWriter(url);
  await createAccountsRepo(store.db).setRoles(admin.userId, ['writer', 'admin']);
  const circle = await must(owner.socket, 'circle:create', { name: 'Harbour' });
  const { code } = await must(owner.socket, 'circle:invite', { circleId: circle.id });
  for (const w of [writer, critic, reporter]) await must(w.socket, 'circle:join', { code });
  return { url, store, owner, writer, critic, reporter, admin, circle, code };
}

for (const kind of ['sqlite', 'postgres'] as StoreKind[]) {
  describe.skipIf(kind === 'postgres' && !pg)(`site moderation on ${kind}`, () => {
    it('anything can be reported; a circle queue holds its circle’s, the site queue everything; a hidden comment leaves others’ pulls; every decision is logged and the reporter told', async () => {
      const { url, store, owner, writer, critic, reporter, admin, circle } = await world(kind);
      const share = { kind: 'share.publish' as const, shareId: randomUUID(), versionId: randomUUID(), circleId: circle.id, readerIds: [], title: 'Harbour', note: 'Buy watches', queue: false, content: docJson(TEXT) };
      expect(await pushOne(writer.socket, share)).toMatchObject({ ok: true });
      const commentId = randomUUID();
      expect(await pushOne(critic.socket, { kind: 'comment.add', commentId, shareId: share.shareId, versionId: share.versionId, parentId: null, body: 'Rude words here.', anchor: quoteOf('quiet before the storm') })).toMatchObject({ ok: true });
      const critiqueId = randomUUID();
      expect(await pushOne(critic.socket, { kind: 'critique.submit', critiqueId, shareId: share.shareId, versionId: share.versionId, worked: 'Nothing.', didnt: 'All of it, idiot.', suggestions: '' })).toMatchObject({ ok: true });

      const staffTold = nextEvent(admin.socket, 'moderation:reported');
      const ids: Record<string, string> = {};
      for (const [targetKind, targetId] of [['share', share.shareId], ['comment', commentId], ['critique', critiqueId], ['profile', critic.userId]] as const) {
        ids[targetKind] = randomUUID();
        const filed = await must(reporter.socket, 'moderation:report', { reportId: ids[targetKind], targetKind, targetId, reason: 'harassment', note: `the ${targetKind}` });
        expect(filed).toMatchObject({ targetKind, targetId, circleId: targetKind === 'profile' ? null : circle.id, status: 'open' });
      }
      expect(await staffTold).toEqual({ circleId: circle.id });
      // Reporting one's own writing is refused; an outsider learns nothing of a thing they cannot see.
      expect(await call(critic.socket, 'moderation:report', { reportId: randomUUID(), targetKind: 'comment', targetId: commentId, reason: 'other' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
      const outsider = await newWriter(url);
      expect(await call(outsider.socket, 'moderation:report', { reportId: randomUUID(), targetKind: 'comment', targetId: commentId, reason: 'other' })).toEqual(
        await call(outsider.socket, 'moderation:report', { reportId: randomUUID(), targetKind: 'comment', targetId: randomUUID(), reason: 'other' }),
      );

      const circleQueue = await must(owner.socket, 'moderation:queue', { circleId: circle.id });
      expect(circleQueue.map((r) => [r.targetKind, r.authorId, r.excerpt]).sort()).toEqual([
        ['comment', critic.userId, 'Rude words here.'],
        ['critique', critic.userId, 'Nothing.\n\nAll of it, idiot.'],
        ['share', writer.userId, 'Buy watches'],
      ]);
      // The site queue: site staff only.
      expect(await call(owner.socket, 'moderation:queue', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect((await must(admin.socket, 'moderation:queue', {})).map((r) => r.targetKind).sort()).toEqual(['comment', 'critique', 'profile', 'share']);

      // The circle's moderator hides the comment: gone from the reporter's pull, still the critic's own.
      const told = nextEvent(reporter.socket, 'moderation:outcome');
      const entry = await must(owner.socket, 'moderation:decide', { reportId: ids.comment, action: 'hide', reason: 'Name-calling.' });
      expect(entry).toMatchObject({ action: 'hide', targetKind: 'comment', targetId: commentId, subjectId: critic.userId, actorId: owner.userId, reason: 'Name-calling.', circleId: circle.id });
      expect(await told).toMatchObject({ reportId: ids.comment, action: 'hide', reason: 'Name-calling.' });
      const row = await store.db.selectFrom('comments').select('hidden_at').where('id', '=', commentId).executeTakeFirstOrThrow();
      expect(row.hidden_at).not.toBeNull();
      const pulled = async (s: ClientSocket) => (await must(s, 'sync:pull', { after: 0 })).items.filter((i) => i.kind === 'comment').map((i) => (i as { comment: { id: string } }).comment.id);
      expect(await pulled(reporter.socket)).not.toContain(commentId);
      expect(await pulled(critic.socket)).toContain(commentId);

      // A profile report is the site's: a circle moderator cannot decide it; the admin can.
      expect(await call(owner.socket, 'moderation:decide', { reportId: ids.profile, action: 'warn', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const warned = nextEvent(critic.socket, 'moderation:sanctioned');
      await must(admin.socket, 'moderation:decide', { reportId: ids.profile, action: 'warn', reason: 'Be kind in critiques.' });
      expect(await warned).toMatchObject({ kind: 'warn', reason: 'Be kind in critiques.', circleId: null });
      expect(await must(critic.socket, 'moderation:sanctions', {})).toMatchObject([{ kind: 'warn', reason: 'Be kind in critiques.' }]);

      const log = await must(admin.socket, 'moderation:log', {});
      expect(log.map((e) => [e.action, e.targetKind, e.actorId])).toEqual([
        ['warn', 'profile', admin.userId],
        ['hide', 'comment', owner.userId],
      ]);
      expect(log.every((e) => e.reason && e.createdAt)).toBe(true);
      expect(await must(owner.socket, 'moderation:log', { circleId: circle.id })).toHaveLength(1);

      // A hidden share is gone for its readers (as a revoked one is) and stays its writer's.
      await must(owner.socket, 'moderation:decide', { reportId: ids.share, action: 'hide', reason: 'Not the writer’s own work.' });
      const shareIn = async (s: ClientSocket) => (await must(s, 'sync:pull', { after: 0 })).items.filter((i) => i.kind === 'share').map((i) => (i as { share: { title: string; revoked: boolean } }).share);
      expect(await shareIn(reporter.socket)).toEqual([expect.objectContaining({ title: '', revoked: true })]);
      expect(await shareIn(writer.socket)).toEqual([expect.objectContaining({ title: 'Harbour', revoked: false })]);
    });

    it('an admin names site moderators; nobody else may; the naming is logged', async () => {
      const { url, store, owner, critic, admin, circle } = await world(kind);
      expect(await call(owner.socket, 'moderation:setSiteModerator', { userId: critic.userId, moderator: true, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const entry = await must(admin.socket, 'moderation:setSiteModerator', { userId: critic.userId, moderator: true, reason: 'Trusted reader.' });
      expect(entry).toMatchObject({ action: 'grant', subjectId: critic.userId, circleId: null });
      const roles = await store.db.selectFrom('users').select('roles').where('id', '=', critic.userId).executeTakeFirstOrThrow();
      expect(JSON.parse(roles.roles)).toContain('moderator');
      // The new site moderator works the site queue and any circle's (on a fresh socket: roles are read per request).
      const again = await connect(url, critic.session.token);
      expect((await call(again, 'moderation:queue', {})).ok).toBe(true);
      expect((await call(again, 'moderation:log', { circleId: circle.id })).ok).toBe(true);
      // But cannot name others.
      expect(await call(again, 'moderation:setSiteModerator', { userId: owner.userId, moderator: true, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    });

    it('a suspension stops posting for its period: in one circle, or everywhere when it is the site’s', async () => {
      const { url, owner, writer, admin, circle } = await world(kind);
      const other = await must(writer.socket, 'circle:create', { name: 'Elsewhere' });
      const reportId = randomUUID();
      const start = thread(circle.id, 'Spam');
      await must(writer.socket, 'discussion:start', start);
      const reader = await newWriter(url);
      await must(reader.socket, 'circle:join', { code: (await must(owner.socket, 'circle:invite', { circleId: circle.id })).code });
      await must(reader.socket, 'moderation:report', { reportId, targetKind: 'post', targetId: start.postId, reason: 'spam' });
      const sanctioned = nextEvent(writer.socket, 'moderation:sanctioned');
      // A circle moderator may not suspend on the whole site.
      expect(await call(owner.socket, 'moderation:decide', { reportId, action: 'suspend', days: 3, reason: 'Spam.', site: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      await must(owner.socket, 'moderation:decide', { reportId, action: 'suspend', days: 3, reason: 'Spam.' });
      const s = await sanctioned;
      expect(s).toMatchObject({ kind: 'suspend', circleId: circle.id });
      expect(Date.parse(s.until!) - Date.parse(s.createdAt)).toBe(3 * 86_400_000);
      expect(await call(writer.socket, 'discussion:start', thread(circle.id))).toMatchObject({ ok: false, error: { code: 'suspended' } });
      expect(await call(writer.socket, 'discussion:reply', { postId: randomUUID(), threadId: start.threadId, body: 'again' })).toMatchObject({ ok: false, error: { code: 'suspended' } });
      expect((await call(writer.socket, 'discussion:start', thread(other.id))).ok).toBe(true);
      // A site suspension: nowhere, shares included.
      await must(admin.socket, 'moderation:sanction', { userId: writer.userId, kind: 'suspend', days: 1, reason: 'Cool off.' });
      expect(await call(writer.socket, 'discussion:start', thread(other.id))).toMatchObject({ ok: false, error: { code: 'suspended' } });
      const share = { kind: 'share.publish' as const, shareId: randomUUID(), versionId: randomUUID(), circleId: other.id, readerIds: [], title: 'T', note: '', queue: false, content: docJson(TEXT) };
      expect(await pushOne(writer.socket, share)).toMatchObject({ ok: false, error: { code: 'suspended' } });
      expect((await must(admin.socket, 'moderation:log', {})).map((e) => e.action)).toEqual(['suspend', 'suspend']);
    });

    it('a site ban ends the writer’s sessions and refuses sign-in with a clear typed error; a circle ban takes them out of the circle', async () => {
      const { url, store, owner, writer, critic, admin, circle } = await world(kind);
      // Circle ban, from the circle's moderator.
      await must(owner.socket, 'moderation:sanction', { userId: critic.userId, circleId: circle.id, kind: 'ban', reason: 'Harassment.' });
      const role = await store.db.selectFrom('circle_members').select('role').where('circle_id', '=', circle.id).where('user_id', '=', critic.userId).executeTakeFirstOrThrow();
      expect(role.role).toBe('banned');
      expect(await call(critic.socket, 'discussion:start', thread(circle.id))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      // Nobody bans the circle's owner from it.
      expect(await call(admin.socket, 'moderation:sanction', { userId: owner.userId, circleId: circle.id, kind: 'ban', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'conflict' } });

      // Site ban, from an admin.
      const revoked = nextEvent(writer.socket, 'session:revoked');
      const gone = new Promise<void>((resolve) => writer.socket.once('disconnect', () => resolve()));
      await must(admin.socket, 'moderation:sanction', { userId: writer.userId, kind: 'ban', reason: 'Spam accounts.' });
      expect((await revoked).reason).toContain('Spam accounts.');
      await gone;
      expect(await store.db.selectFrom('sessions').select('id').where('user_id', '=', writer.userId).execute()).toEqual([]);
      await expect(connect(url, writer.session.token)).rejects.toMatchObject({ code: 'unauthorized' });
      const fresh = await connect(url);
      expect(await call(fresh, 'account:signIn', { username: writer.username, password: 'correct horse battery', device: 'Laptop' })).toEqual({
        ok: false,
        error: { code: 'banned', message: 'This account is banned from this server: Spam accounts.' },
      });
      // A wrong password still reads as one: the ban is told only to the account's owner.
      expect(await call(fresh, 'account:signIn', { username: writer.username, password: 'wrong horse battery', device: 'Laptop' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    });

    it('posting limits: tighter in an account’s first day, answered rate_limited with when to try again', async () => {
      const { owner, writer, reporter, circle } = await world(kind, { postLimitScale: 1 });
      const limit = POST_LIMITS.thread.firstDay.limit;
      for (let i = 0; i < limit; i++) await must(writer.socket, 'discussion:start', thread(circle.id, `T${i}`));
      const refused = await call(writer.socket, 'discussion:start', thread(circle.id));
      expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
      const retry = (refused as { error: { retryAfterMs: number } }).error.retryAfterMs;
      expect(retry).toBeGreaterThan(POST_LIMITS.thread.firstDay.windowMs - 60_000);
      expect(retry).toBeLessThanOrEqual(POST_LIMITS.thread.firstDay.windowMs);
      // Another kind, another writer: their own allowance.
      expect((await call(owner.socket, 'discussion:start', thread(circle.id))).ok).toBe(true);
      const t = thread(circle.id);
      await must(owner.socket, 'discussion:start', t);
      for (let i = 0; i < POST_LIMITS.reply.firstDay.limit; i++) await must(reporter.socket, 'discussion:reply', { postId: randomUUID(), threadId: t.threadId, body: `r${i}` });
      expect(await call(reporter.socket, 'discussion:reply', { postId: randomUUID(), threadId: t.threadId, body: 'one more' })).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    });

    it('blocks on every path: no comments or replies on the blocker’s shares, no joining their sprints, their sprints and threads unseen; a muted thread tells nothing', async () => {
      const { url, owner, writer, critic, circle } = await world(kind);
      const share = { kind: 'share.publish' as const, shareId: randomUUID(), versionId: randomUUID(), circleId: circle.id, readerIds: [], title: 'Harbour', note: '', queue: false, content: docJson(TEXT) };
      await pushOne(writer.socket, share);
      const earlier = randomUUID();
      await pushOne(critic.socket, { kind: 'comment.add', commentId: earlier, shareId: share.shareId, versionId: share.versionId, parentId: null, body: 'Before the block.', anchor: quoteOf('quiet before the storm') });
      const sprint = await must(writer.socket, 'sprint:create', { circleId: circle.id, durationMin: 30 });
      const criticSprint = await must(critic.socket, 'sprint:create', { circleId: circle.id, durationMin: 30, title: 'Critic sprint' });
      await must(writer.socket, 'moderation:block', { userId: critic.userId, blocked: true });

      expect(await pushOne(critic.socket, { kind: 'comment.add', commentId: randomUUID(), shareId: share.shareId, versionId: share.versionId, parentId: null, body: 'After.', anchor: quoteOf('quiet before the storm') })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(await pushOne(critic.socket, { kind: 'critique.submit', critiqueId: randomUUID(), shareId: share.shareId, versionId: share.versionId, worked: 'a', didnt: 'b', suggestions: '' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await call(critic.socket, 'sprint:join', { sprintId: sprint.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect((await must(writer.socket, 'sprint:list', {})).map((s) => s.id)).not.toContain(criticSprint.id);
      expect((await must(owner.socket, 'sprint:list', {})).map((s) => s.id)).toContain(criticSprint.id);
      // The earlier comment disappears for the blocker; others still see it.
      const comments = async (s: ClientSocket) => (await must(s, 'sync:pull', { after: 0 })).items.filter((i) => i.kind === 'comment').map((i) => (i as { comment: { id: string } }).comment.id);
      expect(await comments(writer.socket)).not.toContain(earlier);
      expect(await comments(owner.socket)).toContain(earlier);

      // Mute: mentioned in a muted thread, the writer hears nothing; unmuted, they do.
      const t = thread(circle.id, 'Muted');
      await must(owner.socket, 'discussion:start', t);
      expect(await must(writer.socket, 'moderation:mute', { threadId: t.threadId, muted: true })).toEqual({ threadId: t.threadId, muted: true });
      let mentions = 0;
      writer.socket.on('discussion:mentioned', () => void (mentions += 1));
      await must(owner.socket, 'discussion:reply', { postId: randomUUID(), threadId: t.threadId, body: `@${writer.username} look` });
      const heard = nextEvent(owner.socket, 'discussion:changed');
      await must(owner.socket, 'discussion:reply', { postId: randomUUID(), threadId: t.threadId, body: 'no mention' });
      await heard; // the circle was told of both replies: a mention would have arrived by now
      expect(mentions).toBe(0);
      await must(writer.socket, 'moderation:mute', { threadId: t.threadId, muted: false });
      const mentioned = nextEvent(writer.socket, 'discussion:mentioned');
      await must(owner.socket, 'discussion:reply', { postId: randomUUID(), threadId: t.threadId, body: `@${writer.username} now?` });
      expect(await mentioned).toMatchObject({ threadId: t.threadId });
      // A stranger cannot mute a thread they cannot see: the same answer as for none.
      const stranger = await newWriter(url);
      expect(await call(stranger.socket, 'moderation:mute', { threadId: t.threadId, muted: true })).toEqual(await call(stranger.socket, 'moderation:mute', { threadId: randomUUID(), muted: true }));
    });
  });
}

describe('server migration 0014 (site moderation)', () => {
  it('keeps every report and log entry made before, with the reported post’s writer filled in', async () => {
    const file = path.join(tempDir(), 'community.db');
    const old = new Kysely<any>({ dialect: new SqliteDialect({ database: new BetterSqlite3(file) }) });
    const before = Object.fromEntries(Object.entries(migrationsFor('sqlite')).filter(([name]) => name < '0014'));
    expect((await new Migrator({ db: old, provider: { getMigrations: async () => before } }).migrateToLatest()).error).toBeUndefined();
    const at = '2026-01-01T00:00:00.000Z';
    const user = (id: string) => ({ id, username: id, password_hash: 'x', display_name: id, bio: '', genres: '[]', links: '[]', roles: '["writer"]', created_at: at });
    await old.insertInto('users').values([user('ann'), user('bo')]).execute();
    await old.insertInto('circles').values({ id: 'c1', name: 'C', description: '', owner_id: 'ann', created_at: at }).execute();
    await old.insertInto('discussion_threads').values({ id: 't1', circle_id: 'c1', category_id: null, author_id: 'ann', title: 'T', pinned: 0, locked: 0, post_count: 1, created_at: at, last_post_at: at }).execute();
    await old.insertInto('discussion_posts').values({ id: 'p1', thread_id: 't1', author_id: 'bo', body: 'spam', created_at: at }).execute();
    await old
      .insertInto('reports')
      .values({ id: 'r1', circle_id: 'c1', target_kind: 'post', target_id: 'p1', reporter_id: 'ann', reason: 'spam', note: '', status: 'hidden', created_at: at, decided_by: 'ann', decided_at: at })
      .execute();
    await old.insertInto('moderation_log').values({ id: 'l1', circle_id: 'c1', actor_id: 'ann', action: 'hide', target_kind: 'post', target_id: 'p1', report_id: 'r1', reason: 'Spam.', created_at: at }).execute();
    await old.destroy();

    const store = await openStore(`sqlite:${file}`);
    try {
      expect(await store.db.selectFrom('reports').selectAll().execute()).toEqual([
        { id: 'r1', circle_id: 'c1', target_kind: 'post', target_id: 'p1', author_id: 'bo', reporter_id: 'ann', reason: 'spam', note: '', status: 'hidden', created_at: at, decided_by: 'ann', decided_at: at },
      ]);
      expect(await store.db.selectFrom('moderation_log').selectAll().execute()).toEqual([
        { id: 'l1', circle_id: 'c1', actor_id: 'ann', action: 'hide', target_kind: 'post', target_id: 'p1', subject_id: null, report_id: 'r1', reason: 'Spam.', created_at: at },
      ]);
      // A site report (no circle) is now possible.
      await store.db
        .insertInto('reports')
        .values({ id: 'r2', circle_id: null, target_kind: 'profile', target_id: 'bo', author_id: 'bo', reporter_id: 'ann', reason: 'spam', note: '', status: 'open', created_at: at, decided_by: null, decided_at: null })
        .execute();
    } finally {
      await store.close();
    }
  });
});

import { describe, expect, it, onTestFinished } from 'vitest';
import type { LocalThreadView } from '../../shared/api/discussions';
import type { ModerationChange, QueuedReport } from '../../shared/api/moderation';
import type { Circle } from '../../shared/protocol/community-events';
import type { OutboxStatus } from '../../shared/api/studio-api';
import { POST_LIMITS } from '../../shared/rules/limits';
import { createAccountsRepo } from '../../server/features/accounts/accounts.repo';
import { createCommunityServer } from '../../server/app';
import { openStore } from '../../server/store/open-store';
import pino from 'pino';
import path from 'node:path';
import { tempDir } from '../helpers/temp-dir';
import { call, serverOn, studioFor, waitFor } from '../helpers/studio';

describe('moderation from three studios (owner, member, a writer who joined from the directory)', () => {
  it('a report through the outbox reaches the owner’s queue; the owner hides the post; the reporter is told; a block clears the blocked writer’s posts from the reader’s copy', async () => {
    const { url } = await serverOn();
    const owner = await studioFor(url, 'mod_owner');
    const member = await studioFor(url, 'mod_member');
    const reader = await studioFor(url, 'mod_reader');
    const circle = await call<Circle>(owner.core, 'circles.create', { name: 'Harbour' });
    await call(owner.core, 'directory.setListing', { circleId: circle.id, visibility: 'public' });
    for (const w of [member, reader]) await call(w.core, 'directory.join', { circleId: circle.id });

    const thread = await call<LocalThreadView>(owner.core, 'discussions.start', { circleId: circle.id, title: 'Rules', body: 'Be kind.' });
    const threadId = thread.thread.id;
    await waitFor(async () => (await member.core.call('discussions.thread', { threadId })).ok, 'the thread reached the member');
    const rude = await call<{ id: string }>(member.core, 'discussions.reply', { threadId, body: 'You are all terrible writers.' });
    await waitFor(async () => (await call<LocalThreadView>(reader.core, 'discussions.thread', { threadId })).posts.some((p) => p.id === rude.id), 'the reader sees the rude post');

    const ownerChanges: ModerationChange[] = [];
    owner.core.on('moderation:changed', (c) => c && ownerChanges.push(c));
    const readerChanges: ModerationChange[] = [];
    reader.core.on('moderation:changed', (c) => c && readerChanges.push(c));
    await call(reader.core, 'moderation.report', { targetKind: 'post', targetId: rude.id, reason: 'harassment', note: 'Insulting everyone.' });
    await waitFor(() => ownerChanges.some((c) => c.kind === 'reported'), 'the owner heard of the report');
    const queue = await call<QueuedReport[]>(owner.core, 'moderation.queue', { circleId: circle.id });
    expect(queue.map((r) => [r.reason, r.note, r.excerpt, r.reporterName])).toEqual([['harassment', 'Insulting everyone.', 'You are all terrible writers.', 'mod_reader']]);
    await call(owner.core, 'moderation.decide', { reportId: queue[0]!.id, action: 'hide', reason: 'Personal attacks are not allowed.' });
    await waitFor(() => readerChanges.some((c) => c.kind === 'outcome' && c.action === 'hide'), 'the reporter was told');
    expect(readerChanges.find((c) => c.kind === 'outcome')).toMatchObject({ reason: 'Personal attacks are not allowed.' });
    const log = await call<Array<{ action: string; actorName: string; reason: string }>>(owner.core, 'moderation.log', { circleId: circle.id });
    expect(log.map((e) => [e.action, e.actorName, e.reason])).toEqual([['hide', 'mod_owner', 'Personal attacks are not allowed.']]);
    const hidden = await call<LocalThreadView>(reader.core, 'discussions.thread', { threadId });
    expect(hidden.posts.find((p) => p.id === rude.id)).toMatchObject({ hidden: true, body: '' });

    // The reader blocks the member: their posts leave the reader's copy, and fresh reads too.
    await call(member.core, 'discussions.reply', { threadId, body: 'Another one from me.' });
    await waitFor(async () => (await call<LocalThreadView>(reader.core, 'discussions.thread', { threadId })).posts.length === 3, 'the reader sees the second post');
    await call(reader.core, 'moderation.block', { userId: member.userId, blocked: true });
    const after = await call<LocalThreadView>(reader.core, 'discussions.thread', { threadId });
    expect(after.posts.map((p) => p.authorName)).toEqual(['mod_owner']);
    // A member may not see the queue.
    expect(await member.core.call('moderation.queue', { circleId: circle.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a site ban from an admin’s studio ends the writer’s session in theirs and refuses their sign-in with the reason', async () => {
    const { url, store } = await serverOn();
    const admin = await studioFor(url, 'site_admin');
    const writer = await studioFor(url, 'spam_writer');
    await createAccountsRepo(store.db).setRoles(admin.userId, ['writer', 'admin']);
    const warned: ModerationChange[] = [];
    writer.core.on('moderation:changed', (c) => c && warned.push(c));
    // The server reads a signed-in writer's roles again within a few seconds: the first warning waits for that.
    await waitFor(async () => (await admin.core.call('moderation.sanction', { userId: writer.userId, kind: 'warn', reason: 'No links to shops, please.' })).ok, 'the admin’s role counted');
    await waitFor(() => warned.some((c) => c.kind === 'sanctioned'), 'the writer saw the warning');
    expect(await call(writer.core, 'moderation.sanctions', {})).toMatchObject([{ kind: 'warn', reason: 'No links to shops, please.' }]);

    await call(admin.core, 'moderation.sanction', { userId: writer.userId, kind: 'ban', reason: 'Spam after a warning.' });
    await waitFor(async () => (await call<{ account: unknown }>(writer.core, 'community.status')).account === null, 'the writer’s studio was signed out');
    // Signed out, the studio reconnects without a session; then the server answers the sign-in.
    let again = await writer.core.call('community.signIn', { username: 'spam_writer', password: 'a long enough password' });
    await waitFor(async () => {
      again = await writer.core.call('community.signIn', { username: 'spam_writer', password: 'a long enough password' });
      return again.ok || again.error.code !== 'unavailable';
    }, 'the server answered the sign-in');
    expect(again).toEqual({ ok: false, error: { code: 'banned', message: 'This account is banned from this server: Spam after a warning.' } });
    const log = await call<Array<{ action: string; subjectId: string; reason: string }>>(admin.core, 'moderation.log', {});
    expect(log.map((e) => [e.action, e.subjectId, e.reason])).toEqual([
      ['ban', writer.userId, 'Spam after a warning.'],
      ['warn', writer.userId, 'No links to shops, please.'],
    ]);
  });

  it('posting too fast: the outbox waits out rate_limited with its retry-after and never marks the operation failed', async () => {
    const store = await openStore(`sqlite:${path.join(tempDir(), 'community.db')}`);
    const server = createCommunityServer({ store, logger: pino({ level: 'silent' }), postLimitScale: 1 });
    const url = `http://127.0.0.1:${await server.listen(0)}`;
    onTestFinished(() => server.close());
    const writer = await studioFor(url, 'fast_writer');
    const circle = await call<Circle>(writer.core, 'circles.create', { name: 'Speed' });
    const limit = POST_LIMITS.thread.firstDay.limit;
    for (let i = 0; i <= limit; i++) await call(writer.core, 'discussions.start', { circleId: circle.id, title: `Thread ${i}`, body: 'Hello.' });
    await waitFor(async () => {
      const outbox = await call<OutboxStatus>(writer.core, 'sync.outbox');
      return outbox.pending === 1 && outbox.retryAt !== null;
    }, 'all but one thread were sent and the last waits');
    const outbox = await call<OutboxStatus>(writer.core, 'sync.outbox');
    expect(outbox.failed).toEqual([]);
    // It waits about as long as the server said (an hour's window on a first day), not a short backoff.
    expect(outbox.retryAt! - Date.now()).toBeGreaterThan(POST_LIMITS.thread.firstDay.windowMs - 5 * 60_000);
    const rows = await store.db.selectFrom('discussion_threads').select('title').execute();
    expect(rows).toHaveLength(limit);
  });
});

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAccountsRepo } from '../../../server/features/accounts/accounts.repo';
import { NEW_ACCOUNT_MS, POST_LIMITS } from '../../../shared/rules/limits';
import { call, must, newWriter, startCommunity, type StoreKind } from '../../helpers/community';
import { serviceAvailable } from '../../helpers/services';

const pg = await serviceAvailable('PostgreSQL');
const suggestion = (circleId: string | null, text: string) => ({ promptId: randomUUID(), circleId, text });

/** The real posting limits (scale 1), a circle with its owner and a member, and a site admin. */
async function world(kind: StoreKind) {
  const { url, store } = await startCommunity(kind, { limits: { burst: 1000, perSecond: 1000 }, postLimitScale: 1 });
  const owner = await newWriter(url);
  const member = await newWriter(url);
  const admin = await newWriter(url);
  await createAccountsRepo(store.db).setRoles(admin.userId, ['writer', 'admin']);
  const circle = await must(owner.socket, 'circle:create', { name: 'Porch' });
  const { code } = await must(owner.socket, 'circle:invite', { circleId: circle.id });
  await must(member.socket, 'circle:join', { code });
  const stored = async (authorId: string) => (await store.db.selectFrom('prompts').select('text').where('author_id', '=', authorId).orderBy('text').execute()).map((r) => r.text);
  return { url, store, owner, member, admin, circle, stored };
}

for (const kind of ['sqlite', 'postgres'] as StoreKind[]) {
  describe.skipIf(kind === 'postgres' && !pg)(`prompt suggestions, new challenges and sprints, and follows go through the posting gate (${kind})`, () => {
    it('a writer suspended in a circle may not suggest there (but may in the open library); a site suspension stops the open library too', async () => {
      const { owner, member, admin, circle, stored } = await world(kind);
      await must(owner.socket, 'moderation:sanction', { userId: member.userId, circleId: circle.id, kind: 'suspend', days: 2, reason: 'Cooling off.' });
      expect(await call(member.socket, 'prompt:suggest', suggestion(circle.id, 'In the circle'))).toMatchObject({ ok: false, error: { code: 'suspended', message: expect.stringContaining('Cooling off.') } });
      expect((await must(member.socket, 'prompt:suggest', suggestion(null, 'In the open library'))).status).toBe('suggested');
      await must(admin.socket, 'moderation:sanction', { userId: member.userId, kind: 'suspend', days: 1, reason: 'Site-wide pause.' });
      expect(await call(member.socket, 'prompt:suggest', suggestion(null, 'Again in the open library'))).toMatchObject({ ok: false, error: { code: 'suspended', message: expect.stringContaining('Site-wide pause.') } });
      expect(await stored(member.userId)).toEqual(['In the open library']);
    });

    it('an account in its first day is held to the first-day limit, answered rate_limited with when to try again; a settled account is not', async () => {
      const { store, owner, member, circle, stored } = await world(kind);
      const limit = POST_LIMITS.suggestion.firstDay.limit;
      for (let i = 0; i < limit; i++) await must(member.socket, 'prompt:suggest', suggestion(null, `Idea ${i}`));
      const refused = await call(member.socket, 'prompt:suggest', suggestion(circle.id, 'One more, elsewhere'));
      expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
      const retry = (refused as { error: { retryAfterMs: number } }).error.retryAfterMs;
      expect(retry).toBeGreaterThan(POST_LIMITS.suggestion.firstDay.windowMs - 60_000);
      expect(retry).toBeLessThanOrEqual(POST_LIMITS.suggestion.firstDay.windowMs);
      expect(await stored(member.userId)).toHaveLength(limit);

      // The owner's account is two days old: the settled limit, higher, applies.
      const settled = new Date(Date.now() - 2 * NEW_ACCOUNT_MS).toISOString();
      await store.db.updateTable('users').set({ created_at: settled }).where('id', '=', owner.userId).execute();
      await must(owner.socket, 'account:me', {}); // the server reads the account afresh after an account event
      expect(POST_LIMITS.suggestion.settled.limit).toBeGreaterThan(limit + 1);
      for (let i = 0; i <= limit; i++) await must(owner.socket, 'prompt:suggest', suggestion(i % 2 ? null : circle.id, `Owner idea ${i}`));
      expect(await stored(owner.userId)).toHaveLength(limit + 1);
    });

    it('a suggestion sent again after a lost answer is answered as before, without counting again', async () => {
      const { member, stored } = await world(kind);
      const again = suggestion(null, 'Resent');
      for (let i = 0; i < POST_LIMITS.suggestion.firstDay.limit + 2; i++) expect((await must(member.socket, 'prompt:suggest', again)).id).toBe(again.promptId);
      expect((await must(member.socket, 'prompt:suggest', suggestion(null, 'Another'))).status).toBe('suggested');
      expect(await stored(member.userId)).toEqual(['Another', 'Resent']);
    });

    it('a new sprint too: refused to a suspended member in that circle, and held to the first-day limit', async () => {
      const { owner, member, circle } = await world(kind);
      await must(owner.socket, 'moderation:sanction', { userId: member.userId, circleId: circle.id, kind: 'suspend', days: 2, reason: 'Cooling off.' });
      expect(await call(member.socket, 'sprint:create', { circleId: circle.id, durationMin: 30 })).toMatchObject({ ok: false, error: { code: 'suspended' } });
      const limit = POST_LIMITS.sprint.firstDay.limit;
      for (let i = 0; i < limit; i++) await must(owner.socket, 'sprint:create', { circleId: i % 2 ? null : circle.id, durationMin: 30, title: `Sprint ${i}` });
      expect(await call(owner.socket, 'sprint:create', { circleId: circle.id, durationMin: 30 })).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterMs: expect.any(Number) } });
      expect((await must(owner.socket, 'sprint:list', {})).map((s) => s.title).sort()).toEqual(Array.from({ length: limit }, (_, i) => `Sprint ${i}`));
    });

    it('a follow too: held to the first-day limit (unfollowing is not counted)', async () => {
      const { owner, member } = await world(kind);
      const limit = POST_LIMITS.follow.firstDay.limit;
      for (let i = 0; i < limit; i++) {
        await must(member.socket, 'activity:follow', { kind: 'writer', id: owner.userId, following: true });
        await must(member.socket, 'activity:follow', { kind: 'writer', id: owner.userId, following: false });
      }
      expect(await call(member.socket, 'activity:follow', { kind: 'writer', id: owner.userId, following: true })).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterMs: expect.any(Number) } });
      expect(await must(member.socket, 'activity:follows', {})).toEqual([]);
    });

    it('a new challenge too: refused to a suspended member in that circle, and held to the first-day limit', async () => {
      const { store, owner, member, circle } = await world(kind);
      const today = new Date().toISOString().slice(0, 10);
      const challenge = (circleId: string | null, title: string) => ({ challengeId: randomUUID(), title, circleId, goalKind: 'words' as const, goal: 1000, startDay: today, endDay: today, today });
      await must(owner.socket, 'moderation:sanction', { userId: member.userId, circleId: circle.id, kind: 'suspend', days: 2, reason: 'Cooling off.' });
      expect(await call(member.socket, 'challenge:create', challenge(circle.id, 'Suspended'))).toMatchObject({ ok: false, error: { code: 'suspended' } });
      const limit = POST_LIMITS.challenge.firstDay.limit;
      for (let i = 0; i < limit; i++) await must(owner.socket, 'challenge:create', challenge(i % 2 ? null : circle.id, `Week ${i}`));
      expect(await call(owner.socket, 'challenge:create', challenge(circle.id, 'One more'))).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterMs: expect.any(Number) } });
      const titles = (await store.db.selectFrom('challenges').select('title').execute()).map((r) => r.title).sort();
      expect(titles).toEqual(Array.from({ length: limit }, (_, i) => `Week ${i}`));
    });
  });
}

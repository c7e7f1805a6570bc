import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAccountsRepo } from '../../../server/features/accounts/accounts.repo';
import { call, must, newWriter, startCommunity, type StoreKind } from '../../helpers/community';
import { serviceAvailable } from '../../helpers/services';

const pg = await serviceAvailable('PostgreSQL');

/** Two circles (Ann and Bo in one, Ann and Cy in the other), and a site moderator who curates the open library. */
async function world(kind: StoreKind) {
  const { url, store } = await startCommunity(kind, { limits: { burst: 1000, perSecond: 1000 } });
  const [ann, bo, cy, site] = [await newWriter(url), await newWriter(url), await newWriter(url), await newWriter(url)];
  await createAccountsRepo(store.db).setRoles(site.userId, ['writer', 'moderator']);
  const porch = await must(ann.socket, 'circle:create', { name: 'Porch' });
  const attic = await must(cy.socket, 'circle:create', { name: 'Attic' });
  await must(bo.socket, 'circle:join', { code: (await must(ann.socket, 'circle:invite', { circleId: porch.id })).code });
  await must(ann.socket, 'circle:join', { code: (await must(cy.socket, 'circle:invite', { circleId: attic.id })).code });
  const open = await must(site.socket, 'prompt:add', { promptId: randomUUID(), circleId: null, text: 'A door left open.' });
  const threads = (circleId: string) => store.db.selectFrom('discussion_threads').select(['id', 'title', 'author_id']).where('circle_id', '=', circleId).execute();
  return { url, store, ann, bo, cy, site, porch, attic, open, threads };
}

for (const kind of ['sqlite', 'postgres'] as StoreKind[]) {
  describe.skipIf(kind === 'postgres' && !pg)(`an open prompt's thread in a circle (${kind})`, () => {
    it('one thread per prompt and circle, started by the first member who asks, however many ask at once; another circle gets its own', async () => {
      const { ann, bo, cy, porch, attic, open, threads } = await world(kind);
      const asked = await Promise.all([ann, bo, ann, bo].map((w) => must(w.socket, 'prompt:thread', { promptId: open.id, circleId: porch.id })));
      expect(new Set(asked.map((a) => a.threadId)).size).toBe(1);
      const [thread] = await threads(porch.id);
      expect(await threads(porch.id)).toHaveLength(1);
      expect(thread).toMatchObject({ id: asked[0]!.threadId, title: 'Open prompt: A door left open.' });
      expect([ann.userId, bo.userId]).toContain(thread!.author_id);
      // Read and answered like any thread of the circle.
      expect((await must(bo.socket, 'discussion:thread', { threadId: thread!.id })).posts.map((p) => p.body)).toEqual(['A door left open.']);
      await must(ann.socket, 'discussion:reply', { postId: randomUUID(), threadId: thread!.id, body: 'Mine is shared with the circle.' });

      const inAttic = await must(cy.socket, 'prompt:thread', { promptId: open.id, circleId: attic.id });
      expect(inAttic.threadId).not.toBe(thread!.id);
      expect((await threads(attic.id)).map((t) => t.id)).toEqual([inAttic.threadId]);
      // Bo is not in the Attic: answered as for a circle that does not exist.
      const notTheirs = await call(bo.socket, 'prompt:thread', { promptId: open.id, circleId: attic.id });
      expect(notTheirs).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await call(bo.socket, 'prompt:thread', { promptId: open.id, circleId: randomUUID() })).toEqual(notTheirs);
    });

    it('only for a prompt in the open library: a circle’s prompt has its own thread, and a suggestion none', async () => {
      const { ann, bo, porch, threads } = await world(kind);
      const circlePrompt = await must(ann.socket, 'prompt:add', { promptId: randomUUID(), circleId: porch.id, text: 'The porch light.' });
      const suggestion = await must(bo.socket, 'prompt:suggest', { promptId: randomUUID(), circleId: null, text: 'Not decided yet.' });
      const ghost = await call(ann.socket, 'prompt:thread', { promptId: randomUUID(), circleId: porch.id });
      expect(ghost).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      for (const p of [circlePrompt, suggestion]) expect(await call(ann.socket, 'prompt:thread', { promptId: p.id, circleId: porch.id }), p.text).toEqual(ghost);
      expect(await threads(porch.id)).toEqual([]);
    });
  });
}

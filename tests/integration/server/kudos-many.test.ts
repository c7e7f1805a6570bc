import { randomUUID } from 'node:crypto';
import type { KyselyPlugin } from 'kysely';
import pino from 'pino';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createCommunityServer } from '../../../server/app';
import { createActivityRepo } from '../../../server/features/activity/activity.repo';
import { freshStore, must, newWriter } from '../../helpers/community';
import { serviceAvailable } from '../../helpers/services';

const pg = await serviceAvailable('PostgreSQL');

/** Counts the statements the server runs (its store wrapped in this plugin). */
function counting() {
  const state = { n: 0 };
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      state.n++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { state, plugin };
}

for (const kind of ['sqlite', 'postgres'] as const)
  describe.skipIf(kind === 'postgres' && !pg)(`activity:kudosOf for many targets (${kind})`, () => {
    it('answers 100 targets (the most one may ask) as before (hidden, missing and repeated ids read as none, in the order asked) in the same few statements as 3', async () => {
      const base = await freshStore(kind);
      const { state, plugin } = counting();
      const server = createCommunityServer({ store: { ...base, db: base.db.withPlugin(plugin) }, logger: pino({ level: 'silent' }), postLimitScale: 1000, limits: { burst: 1000, perSecond: 1000 } });
      const port = await server.listen(0);
      onTestFinished(() => server.close());
      const url = `http://127.0.0.1:${port}`;
      const db = base.db;

      const [owner, reader, fan, other] = [await newWriter(url), await newWriter(url), await newWriter(url), await newWriter(url)];
      const mine = await must(owner.socket, 'circle:create', { name: 'Reader’s circle' });
      const closed = await must(other.socket, 'circle:create', { name: 'Closed circle' });
      const open = await must(other.socket, 'circle:create', { name: 'Open circle' });
      await db.updateTable('circles').set({ visibility: 'public' }).where('id', '=', open.id).execute();
      const { code } = await must(owner.socket, 'circle:invite', { circleId: mine.id });
      for (const w of [reader, fan]) await must(w.socket, 'circle:join', { code });

      // Threads in the reader's circle and in one they are not in, with many posts each.
      const thread = async (circleId: string, by: typeof owner) => {
        const threadId = randomUUID();
        await must(by.socket, 'discussion:start', { threadId, postId: randomUUID(), circleId, title: 'T', body: 'First.' });
        return threadId;
      };
      const seen = await thread(mine.id, owner);
      const hidden = await thread(closed.id, other);
      const at = '2026-11-10T12:00:00.000Z';
      const posts = (threadId: string, n: number) => Array.from({ length: n }, () => ({ id: randomUUID(), thread_id: threadId, author_id: owner.userId, body: 'x', created_at: at }));
      const seenPosts = posts(seen, 60);
      const hiddenPosts = posts(hidden, 25).map((p) => ({ ...p, author_id: other.userId }));
      await db.insertInto('discussion_posts').values([...seenPosts, ...hiddenPosts]).execute();
      // Kudos: post i has i % 3 of them, the reader's among them when i % 2.
      const givers = [fan.userId, other.userId];
      const kudos = [...seenPosts, ...hiddenPosts].flatMap((p, i) => [...(i % 3 >= 1 ? [givers[0]!] : []), ...(i % 3 >= 2 ? [givers[1]!] : []), ...(i % 2 ? [reader.userId] : [])].map((user_id) => ({ user_id, target_kind: 'post' as const, target_id: p.id, created_at: at })));
      await db.insertInto('kudos').values(kudos).execute();
      const expected = (i: number) => (i % 3 >= 1 ? 1 : 0) + (i % 3 >= 2 ? 1 : 0) + (i % 2 ? 1 : 0);

      const missing = Array.from({ length: 13 }, () => randomUUID());
      const ids = [...seenPosts.map((p) => p.id), ...hiddenPosts.map((p) => p.id), ...missing, seenPosts[1]!.id, seenPosts[2]!.id];
      const before = state.n;
      const counts = await must(reader.socket, 'activity:kudosOf', { targetKind: 'post', targetIds: ids });
      const statements = state.n - before;
      expect(counts.map((c) => c.targetId)).toEqual(ids);
      expect(counts.slice(0, 60)).toEqual(seenPosts.map((p, i) => ({ targetId: p.id, count: expected(i), mine: i % 2 === 1 })));
      expect(counts.slice(60, 98).every((c) => c.count === 0 && !c.mine)).toBe(true);
      expect(counts.slice(98)).toEqual([counts[1], counts[2]]);
      // One at a time answers the same.
      for (const i of [0, 1, 2, 5, 60, 80]) expect(await must(reader.socket, 'activity:kudosOf', { targetKind: 'post', targetIds: [ids[i]!] })).toEqual([counts[i]]);
      const few = state.n;
      await must(reader.socket, 'activity:kudosOf', { targetKind: 'post', targetIds: ids.slice(0, 3) });
      expect(statements).toBe(state.n - few);
      expect(statements).toBeLessThanOrEqual(5);

      // Feed items: in the reader's circle, in a closed one (none), in a public one and in no circle (seen).
      const activity = createActivityRepo(db);
      const item = (circleId: string | null) => activity.record({ actor_id: other.userId, circle_id: circleId, kind: 'challenge_milestone', ref_id: randomUUID(), title: '25% of NaNo' });
      for (const c of [mine.id, closed.id, open.id, null]) await item(c);
      const items = await db.selectFrom('activity').select(['id', 'circle_id']).where('kind', '=', 'challenge_milestone').execute();
      await db.insertInto('kudos').values(items.map((r) => ({ user_id: fan.userId, target_kind: 'challenge_milestone' as const, target_id: r.id, created_at: at }))).execute();
      const itemCounts = await must(reader.socket, 'activity:kudosOf', { targetKind: 'challenge_milestone', targetIds: items.map((r) => r.id) });
      expect(itemCounts.map((c, i) => [items[i]!.circle_id, c.count])).toEqual(items.map((r) => [r.circle_id, r.circle_id === closed.id ? 0 : 1]));
    });
  });

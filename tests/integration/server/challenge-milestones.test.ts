import { describe, expect, it } from 'vitest';
import { must, newWriter, startCommunity } from '../../helpers/community';
import { serviceAvailable } from '../../helpers/services';

const pg = await serviceAvailable('PostgreSQL');
const NOW = new Date('2026-11-10T12:00:00Z');

for (const kind of ['sqlite', 'postgres'] as const)
  describe.skipIf(kind === 'postgres' && !pg)(`challenge milestones crossed in one save (${kind})`, () => {
    it('20% -> 80% in one paste gives one feed item and one follower notice for each of 25, 50 and 75; a resend and concurrent saves add none', async () => {
      const { store, url } = await startCommunity(kind, { now: () => NOW, limits: { burst: 1000, perSecond: 1000 } });
      const [writer, fan] = [await newWriter(url), await newWriter(url)];
      await must(fan.socket, 'activity:follow', { kind: 'writer', id: writer.userId, following: true });
      const challengeId = crypto.randomUUID();
      await must(writer.socket, 'challenge:create', { challengeId, title: 'Sprint month', goalKind: 'words', goal: 1000, startDay: '2026-11-01', endDay: '2026-11-30', today: '2026-11-10' });
      await must(writer.socket, 'challenge:join', { challengeId, consent: true });

      expect(await must(writer.socket, 'challenge:progress', { challengeId, day: '2026-11-09', words: 200, minutes: 10 })).toEqual({ total: 200, milestone: 0, completed: false });
      // One big paste: 200 -> 800.
      expect(await must(writer.socket, 'challenge:progress', { challengeId, day: '2026-11-10', words: 600, minutes: 30 })).toEqual({ total: 800, milestone: 75, completed: false });
      // The same total again, and two saves at once that cross 100: nothing twice.
      await must(writer.socket, 'challenge:progress', { challengeId, day: '2026-11-10', words: 600, minutes: 30 });
      await Promise.all([
        must(writer.socket, 'challenge:progress', { challengeId, day: '2026-11-10', words: 900, minutes: 40 }),
        must(writer.socket, 'challenge:progress', { challengeId, day: '2026-11-10', words: 900, minutes: 40 }),
      ]);

      const items = await store.db.selectFrom('activity').select(['id', 'title']).where('kind', '=', 'challenge_milestone').where('actor_id', '=', writer.userId).execute();
      expect(items.map((i) => i.title).sort()).toEqual(['100% of Sprint month', '25% of Sprint month', '50% of Sprint month', '75% of Sprint month']);
      const { notices } = await must(fan.socket, 'activity:notices', { after: 0, limit: 100 });
      const milestones = notices.filter((n) => n.kind === 'milestone');
      expect(milestones.map((n) => n.title)).toEqual(['25% of Sprint month', '50% of Sprint month', '75% of Sprint month', '100% of Sprint month']);
      // Each notice names its own feed item (kudos go to that one).
      expect(new Set(milestones.map((n) => n.refId))).toEqual(new Set(items.map((i) => i.id)));
      // The fan's feed lists each.
      const feed = await must(fan.socket, 'activity:feed', {});
      expect(feed.items.filter((i) => i.kind === 'challenge_milestone').map((i) => i.title).sort()).toEqual(items.map((i) => i.title).sort());
    });
  });

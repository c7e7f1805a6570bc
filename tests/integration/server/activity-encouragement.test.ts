import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { docJson } from '../../fixtures/lexical';
import { call, must, newWriter, nextEvent, startCommunity, type ClientSocket, type StoreKind } from '../../helpers/community';
import { serviceAvailable } from '../../helpers/services';
import { createActivityRepo } from '../../../server/features/activity/activity.repo';

const pg = await serviceAvailable('PostgreSQL');

function fakeClock() {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms: number) => (offset += ms) };
}
const until = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 5000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
};
const pushOne = async (socket: ClientSocket, op: unknown) => (await must(socket, 'sync:push', { ops: [{ opId: randomUUID(), op } as never] })).results[0]!;

for (const kind of ['sqlite', 'postgres'] as StoreKind[])
  describe.skipIf(kind === 'postgres' && !pg)(`encouragement on ${kind}`, () => {
    it('a sprint result reaches a follower’s feed once; kudos on it notify the writer; strangers and bad targets are refused', async () => {
      const clock = fakeClock();
      const { url, store } = await startCommunity(kind, { now: clock.now, tickMs: 100, resultsMs: 40, limits: { burst: 1000, perSecond: 1000 } });
      const [ana, bo, stranger] = [await newWriter(url), await newWriter(url), await newWriter(url)];
      const circle = await must(ana.socket, 'circle:create', { name: 'Night owls' });
      const { code } = await must(ana.socket, 'circle:invite', { circleId: circle.id });
      await must(bo.socket, 'circle:join', { code });
      await must(bo.socket, 'activity:follow', { kind: 'writer', id: ana.userId, following: true });
      await must(stranger.socket, 'activity:follow', { kind: 'writer', id: ana.userId, following: true });

      const sprint = await must(ana.socket, 'sprint:create', { circleId: circle.id, durationMin: 5, title: 'Lunch sprint' });
      await must(bo.socket, 'sprint:join', { sprintId: sprint.id });
      clock.advance(60_000);
      await must(ana.socket, 'sprint:progress', { sprintId: sprint.id, words: 120 });
      // Over, and its grace period too: the sweep puts the result in the feed.
      clock.advance(7 * 60_000);
      const feed = await until(() => must(bo.socket, 'activity:feed', {}), (p) => p.items.some((i) => i.kind === 'sprint_result'));
      const result = feed.items.find((i) => i.kind === 'sprint_result')!;
      expect(result).toMatchObject({ actorId: ana.userId, refId: sprint.id, title: '120 words in “Lunch sprint”', circleId: circle.id, kudos: 0, kudosMine: false });
      // Bo wrote nothing: no result of his; recorded once however many sweeps ran.
      await new Promise((r) => setTimeout(r, 150));
      const rows = await store.db.selectFrom('activity').select(['actor_id']).where('kind', '=', 'sprint_result').where('ref_id', '=', sprint.id).execute();
      expect(rows).toEqual([{ actor_id: ana.userId }]);
      // A stranger following Ana sees nothing of a private circle's sprint.
      expect((await must(stranger.socket, 'activity:feed', {})).items).toEqual([]);

      // Kudos: Bo gives; Ana hears of it (live, then after her cursor).
      const told = nextEvent(ana.socket, 'activity:notice');
      expect(await must(bo.socket, 'activity:kudos', { targetKind: 'sprint_result', targetId: result.id, given: true })).toEqual({ targetId: result.id, count: 1, mine: true });
      await told;
      const { notices, last } = await must(ana.socket, 'activity:notices', {});
      expect(notices.map((n) => [n.kind, n.actorId, n.targetKind, n.refId, n.title])).toEqual([
        ['follow', bo.userId, null, bo.userId, ''],
        ['follow', stranger.userId, null, stranger.userId, ''],
        ['kudos', bo.userId, 'sprint_result', result.id, 'your sprint: 120 words in “Lunch sprint”'],
      ]);
      expect((await must(ana.socket, 'activity:notices', { after: last })).notices).toEqual([]);
      expect((await must(bo.socket, 'activity:sprintResults', { sprintId: sprint.id }))).toEqual([{ targetId: result.id, count: 1, mine: true, writerId: ana.userId, words: 120 }]);
      expect((await must(bo.socket, 'activity:feed', {})).items.find((i) => i.id === result.id)).toMatchObject({ kudos: 1, kudosMine: true });
      // Twice is once (no second notice); one's own is a conflict; a stranger gets what a missing item gets.
      await must(bo.socket, 'activity:kudos', { targetKind: 'sprint_result', targetId: result.id, given: true });
      expect((await must(ana.socket, 'activity:notices', { after: last })).notices).toEqual([]);
      expect(await call(ana.socket, 'activity:kudos', { targetKind: 'sprint_result', targetId: result.id, given: true })).toMatchObject({ ok: false, error: { code: 'conflict' } });
      const ghost = await call(stranger.socket, 'activity:kudos', { targetKind: 'sprint_result', targetId: randomUUID(), given: true });
      expect(ghost).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await call(stranger.socket, 'activity:kudos', { targetKind: 'sprint_result', targetId: result.id, given: true })).toEqual(ghost);
      expect(await call(stranger.socket, 'activity:sprintResults', { sprintId: sprint.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      // A feed item of another kind is not a sprint result.
      expect(await call(bo.socket, 'activity:kudos', { targetKind: 'challenge_milestone', targetId: result.id, given: true })).toEqual(ghost);
      // Taking it back.
      expect(await must(bo.socket, 'activity:kudos', { targetKind: 'sprint_result', targetId: result.id, given: false })).toEqual({ targetId: result.id, count: 0, mine: false });
      const kept = await store.db.selectFrom('kudos').selectAll().where('target_id', '=', result.id).execute();
      expect(kept).toEqual([]);
    });

    it('kudos on a critique come from the draft’s author only; a share opened to the circle is in its members’ feeds', async () => {
      const { url, store } = await startCommunity(kind, { limits: { burst: 1000, perSecond: 1000 } });
      const [author, critic, member] = [await newWriter(url), await newWriter(url), await newWriter(url)];
      const circle = await must(author.socket, 'circle:create', { name: 'Harbour writers' });
      const { code } = await must(author.socket, 'circle:invite', { circleId: circle.id });
      for (const w of [critic, member]) await must(w.socket, 'circle:join', { code });
      const share = { kind: 'share.publish', shareId: randomUUID(), versionId: randomUUID(), circleId: circle.id, readerIds: [], title: 'Harbour', note: '', queue: false, content: docJson(['The harbour was quiet.']) };
      expect(await pushOne(author.socket, share)).toMatchObject({ ok: true });
      // Opened to the whole circle: in a member's feed without following anyone.
      expect((await must(member.socket, 'activity:feed', {})).items.map((i) => [i.kind, i.refId, i.title])).toEqual([['share', share.shareId, 'Harbour']]);
      const critiqueId = randomUUID();
      expect(await pushOne(critic.socket, { kind: 'critique.submit', critiqueId, shareId: share.shareId, versionId: share.versionId, worked: 'The quiet.', didnt: '', suggestions: '' })).toMatchObject({ ok: true });

      const denied = await call(member.socket, 'activity:kudos', { targetKind: 'critique', targetId: critiqueId, given: true });
      expect(denied).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await call(member.socket, 'activity:kudos', { targetKind: 'critique', targetId: randomUUID(), given: true })).toEqual(denied);
      expect(await call(critic.socket, 'activity:kudos', { targetKind: 'critique', targetId: critiqueId, given: true })).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(await must(author.socket, 'activity:kudos', { targetKind: 'critique', targetId: critiqueId, given: true })).toEqual({ targetId: critiqueId, count: 1, mine: true });
      expect(await store.db.selectFrom('kudos').select(['user_id', 'target_kind']).where('target_id', '=', critiqueId).execute()).toEqual([{ user_id: author.userId, target_kind: 'critique' }]);
      expect((await must(critic.socket, 'activity:notices', {})).notices.map((n) => [n.kind, n.actorId, n.title])).toEqual([['kudos', author.userId, 'your critique of “Harbour”']]);
      // Counts: the critic and the author see them; another member sees none.
      expect(await must(critic.socket, 'activity:kudosOf', { targetKind: 'critique', targetIds: [critiqueId] })).toEqual([{ targetId: critiqueId, count: 1, mine: false }]);
      expect(await must(member.socket, 'activity:kudosOf', { targetKind: 'critique', targetIds: [critiqueId] })).toEqual([{ targetId: critiqueId, count: 0, mine: false }]);
    });

    it('a followed writer’s challenge milestone is a notice for followers who may see it, and takes kudos', async () => {
      const { url, store } = await startCommunity(kind);
      const [ana, fan, outsider] = [await newWriter(url), await newWriter(url), await newWriter(url)];
      const circle = await must(ana.socket, 'circle:create', { name: 'Private' });
      const { code } = await must(ana.socket, 'circle:invite', { circleId: circle.id });
      await must(fan.socket, 'circle:join', { code });
      for (const w of [fan, outsider]) await must(w.socket, 'activity:follow', { kind: 'writer', id: ana.userId, following: true });
      // Recorded as the challenges feature records it, through the activity repo.
      const activity = createActivityRepo(store.db);
      await activity.record({ actor_id: ana.userId, circle_id: circle.id, kind: 'challenge_milestone', ref_id: randomUUID(), title: '50% of November novel' });
      const notices = (await must(fan.socket, 'activity:notices', {})).notices;
      expect(notices.map((n) => [n.kind, n.actorId, n.title])).toEqual([['milestone', ana.userId, '50% of November novel']]);
      expect((await must(outsider.socket, 'activity:notices', {})).notices).toEqual([]);
      const item = (await must(fan.socket, 'activity:feed', {})).items[0]!;
      expect(item).toMatchObject({ kind: 'challenge_milestone', id: notices[0]!.refId });
      expect(await must(fan.socket, 'activity:kudos', { targetKind: 'challenge_milestone', targetId: item.id, given: true })).toMatchObject({ count: 1, mine: true });
      expect(await call(outsider.socket, 'activity:kudos', { targetKind: 'challenge_milestone', targetId: item.id, given: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    });
  });

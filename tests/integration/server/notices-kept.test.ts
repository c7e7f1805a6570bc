import { describe, expect, it } from 'vitest';
import { must, newWriter, nextEvent, startCommunity } from '../../helpers/community';
import { serviceAvailable } from '../../helpers/services';

const pg = await serviceAvailable('PostgreSQL');

for (const kind of ['sqlite', 'postgres'] as const)
  describe.skipIf(kind === 'postgres' && !pg)(`mentions and report outcomes as notices (${kind})`, () => {
    it('are kept for the writer with their circle and line, read after the cursor; muted threads, blocked writers and the writer themselves make none', async () => {
      const { url, store } = await startCommunity(kind, { limits: { burst: 1000, perSecond: 1000 } });
      const owner = await newWriter(url);
      const ann = await newWriter(url);
      const pest = await newWriter(url);
      const circle = await must(owner.socket, 'circle:create', { name: 'Porch' });
      const { code } = await must(owner.socket, 'circle:invite', { circleId: circle.id });
      for (const w of [ann, pest]) await must(w.socket, 'circle:join', { code });
      await must(ann.socket, 'moderation:block', { userId: pest.userId, blocked: true });

      const threadId = crypto.randomUUID();
      await must(owner.socket, 'discussion:start', { threadId, postId: crypto.randomUUID(), circleId: circle.id, title: 'Endings', body: 'How do you end a novel?' });
      const mention = crypto.randomUUID();
      const told = nextEvent(ann.socket, 'activity:notice');
      await must(owner.socket, 'discussion:reply', { postId: mention, threadId, body: `Ask   @${ann.username} —\nshe knows.` });
      await told;
      // The blocked pest's mention, and Ann naming herself, make nothing.
      await must(pest.socket, 'discussion:reply', { postId: crypto.randomUUID(), threadId, body: `@${ann.username} hello?` });
      const rude = crypto.randomUUID();
      await must(pest.socket, 'discussion:reply', { postId: rude, threadId, body: 'Spam here.' });
      await must(ann.socket, 'discussion:reply', { postId: crypto.randomUUID(), threadId, body: `I am @${ann.username}.` });
      // A muted thread tells nobody who muted it.
      const quiet = crypto.randomUUID();
      await must(owner.socket, 'discussion:start', { threadId: quiet, postId: crypto.randomUUID(), circleId: circle.id, title: 'Quiet', body: 'Shh.' });
      await must(ann.socket, 'moderation:mute', { threadId: quiet, muted: true });
      await must(owner.socket, 'discussion:reply', { postId: crypto.randomUUID(), threadId: quiet, body: `@${ann.username} in a muted thread` });

      const reportId = crypto.randomUUID();
      await must(ann.socket, 'moderation:report', { reportId, targetKind: 'post', targetId: rude, reason: 'spam' });
      await must(owner.socket, 'moderation:decide', { reportId, action: 'hide', reason: 'Advertising is not allowed.' });

      const kinds = ['kudos', 'follow', 'milestone', 'mention', 'report'];
      // A studio that does not say which kinds it knows (an older one) gets neither: it would show them as kudos.
      expect(await must(ann.socket, 'activity:notices', { after: 0, limit: 100 })).toEqual({ notices: [], last: 0 });
      const { notices, last } = await must(ann.socket, 'activity:notices', { after: 0, limit: 100, kinds });
      expect(notices.map((n) => [n.kind, n.actorId, n.refId, n.title, n.circleId, n.body])).toEqual([
        ['mention', owner.userId, mention, 'Endings', circle.id, `Ask @${ann.username} — she knows.`],
        ['report', ann.userId, reportId, 'hide', circle.id, 'Advertising is not allowed.'],
      ]);
      expect((await must(ann.socket, 'activity:notices', { after: last, limit: 100, kinds })).notices).toEqual([]);
      // Stored: nothing for the pest's mention, the muted thread or Ann's own.
      const rows = await store.db.selectFrom('activity_notices').select('kind').where('user_id', '=', ann.userId).execute();
      expect(rows.map((r) => r.kind).sort()).toEqual(['mention', 'report']);
      // Older notices (no circle, no line) read as before.
      await must(owner.socket, 'activity:follow', { kind: 'writer', id: ann.userId, following: true });
      const [follow] = (await must(ann.socket, 'activity:notices', { after: last, limit: 100, kinds })).notices;
      expect(follow).toMatchObject({ kind: 'follow', circleId: null, body: '' });
    });
  });

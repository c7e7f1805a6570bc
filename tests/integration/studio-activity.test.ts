import { describe, expect, it } from 'vitest';
import type { ActivityPage } from '../../shared/api/activity';
import type { LocalThreadView } from '../../shared/api/discussions';
import type { Circle } from '../../shared/protocol/community-events';
import { call, serverOn, studioFor, waitFor } from '../helpers/studio';

describe('kudos and follows from three studios', () => {
  it('kudos on a post and a follow reach the follower’s activity feed; a stranger following sees nothing of a private circle', async () => {
    const { url } = await serverOn();
    const owner = await studioFor(url, 'act_owner');
    const member = await studioFor(url, 'act_member');
    const stranger = await studioFor(url, 'act_stranger');
    const circle = await call<Circle>(owner.core, 'circles.create', { name: 'Tidewater' });
    const { code } = await call<{ code: string }>(owner.core, 'circles.invite', { circleId: circle.id });
    await call(member.core, 'circles.join', { code });

    await call(owner.core, 'activity.follow', { kind: 'writer', id: member.userId, following: true });
    await call(stranger.core, 'activity.follow', { kind: 'writer', id: member.userId, following: true });
    const started = await call<LocalThreadView>(member.core, 'discussions.start', { circleId: circle.id, title: 'A scene a day', body: 'Day one done.' });
    const threadId = started.thread.id;
    await waitFor(async () => (await owner.core.call('discussions.thread', { threadId })).ok, 'the thread reached the owner');
    const postId = (await call<LocalThreadView>(owner.core, 'discussions.thread', { threadId })).posts[0]!.id;
    expect(await call(owner.core, 'activity.kudos', { targetKind: 'post', targetId: postId, given: true })).toEqual({ targetId: postId, count: 1, mine: true });
    // Kudos go through the outbox; once sent, the count travels with the post, and is kept with this studio's copy of it.
    await waitFor(() => owner.core.current('sync:outbox').pending === 0, 'the kudos were sent');
    expect((await call<LocalThreadView>(owner.core, 'discussions.thread', { threadId })).posts[0]).toMatchObject({ kudos: 1, kudosMine: true });
    expect((await call<LocalThreadView>(member.core, 'discussions.thread', { threadId })).posts[0]).toMatchObject({ kudos: 1, kudosMine: false });

    // The member follows the owner back: the owner's kudos reach the member's feed; the member's thread is in the owner's.
    await call(member.core, 'activity.follow', { kind: 'writer', id: owner.userId, following: true });
    const ownerFeed = await call<ActivityPage>(owner.core, 'activity.feed', {});
    expect(ownerFeed.items.map((i) => [i.kind, i.actorName, i.title, i.circleName])).toEqual([['thread', 'act_member', 'A scene a day', 'Tidewater']]);
    const memberFeed = await call<ActivityPage>(member.core, 'activity.feed', {});
    expect(memberFeed.items.map((i) => [i.kind, i.actorName, i.title])).toEqual([['kudos', 'act_owner', 'A scene a day']]);
    expect((await call<ActivityPage>(stranger.core, 'activity.feed', {})).items).toEqual([]);
  });
});

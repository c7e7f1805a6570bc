import { kudosRefusal, type KudosTargetKind } from '../../../shared/rules/kudos';
import { CommunityError, forbidden } from '../../socket/community-error';
import type { CommunityIo } from '../../socket/context';
import type { Handlers } from '../../socket/register-handlers';
import { circleRoom, userRoom } from '../../socket/rooms';
import type { CirclesRepo } from '../circles/circles.repo';
import type { PostingGate } from '../moderation/posting-gate';
import type { ActivityRepo, KudosTarget } from './activity.repo';

export interface ActivityDeps {
  io: CommunityIo;
  activity: ActivityRepo;
  circles: Pick<CirclesRepo, 'role'>;
  /** Bans, suspensions and rate limits on kudos and follows (moderation's posting gate), and blocks. */
  gate?: Pick<PostingGate, 'check' | 'notBlockedBy' | 'without'>;
}

const MEMBER = new Set(['owner', 'moderator', 'member']);

type ActivityEvent = 'activity:kudos' | 'activity:kudosOf' | 'activity:sprintResults' | 'activity:follow' | 'activity:follows' | 'activity:feed' | 'activity:notices';

/** What a notice of kudos says is given kudos (the receiver reads "… gave kudos on <this>"). */
const kudosTitle = (kind: KudosTargetKind, target: KudosTarget) =>
  kind === 'post' ? `your post in “${target.title}”` : kind === 'critique' ? `your critique of “${target.title}”` : kind === 'sprint_result' ? `your sprint: ${target.title}` : `your milestone: ${target.title}`;

/** Kudos on posts, critiques, sprint results and milestones; follows of writers and circles; the feed of what they did; the notices one receives. */
export function activityHandlers({ io, activity, circles, gate }: ActivityDeps): Pick<Handlers, ActivityEvent> {
  // Each notice written reaches the writer's studios at once (they read it after their cursor).
  activity.onNotice((userId, seq) => io.to(userRoom(userId)).emit('activity:notice', { seq }));

  /** Whether a reader with `role` may see something of a circle with `visibility`: posts need membership; feed items a public circle will do. */
  const seesWith = (kind: KudosTargetKind, role: string, visibility: string | null | undefined) => MEMBER.has(role) || (kind !== 'post' && role !== 'banned' && visibility === 'public');
  /** Whether `userId` may see something of this circle. */
  const sees = async (kind: KudosTargetKind, circleId: string | null, userId: string) => {
    if (kind === 'critique') return true; // the rule: only the draft's author
    if (!circleId) return true; // an open sprint
    const role = (await circles.role(circleId, userId)) ?? '';
    if (MEMBER.has(role)) return true;
    return seesWith(kind, role, role === 'banned' || kind === 'post' ? null : await activity.circleVisibility(circleId));
  };
  /** The target when `userId` may give it kudos; otherwise the rule's refusal, the same for what is missing and what is hidden. */
  const targetFor = async (userId: string, kind: KudosTargetKind, id: string) => {
    const target = await activity.target(kind, id);
    const visible = !!target && (await sees(kind, target.circleId, userId));
    const refusal = kudosRefusal(userId, target ? { kind, ownerId: target.ownerId, visible, shareAuthorId: target.shareAuthorId } : null);
    if (refusal) throw refusal.code === 'forbidden' ? forbidden() : new CommunityError(refusal.code, refusal.message);
    return target!;
  };

  return {
    'activity:kudos': async ({ user }, { targetKind, targetId, given }) => {
      const target = await targetFor(user.id, targetKind, targetId);
      if (given) {
        // A writer who blocked this one gets no kudos (nor the notice) from them.
        await gate?.notBlockedBy(target.ownerId, user);
        await gate?.check(user, target.circleId, 'kudos');
      }
      const changed = await activity.setKudos(user.id, targetKind, targetId, given);
      if (changed && given) {
        if (targetKind === 'post') await activity.record({ actor_id: user.id, circle_id: target.circleId, kind: 'kudos', ref_id: target.refId, title: target.title });
        await activity.notice([{ user_id: target.ownerId, kind: 'kudos', actor_id: user.id, target_kind: targetKind, ref_id: targetId, title: kudosTitle(targetKind, target) }]);
      }
      // The thread's kudos changed: its circle is told (studios reload the thread and their feeds).
      if (changed && targetKind === 'post' && target.circleId) io.to(circleRoom(target.circleId)).emit('discussion:changed', { circleId: target.circleId, threadId: target.refId });
      return activity.kudosOf(targetKind, targetId, user.id);
    },
    'activity:kudosOf': async ({ user }, { targetKind, targetIds }) => {
      // Only what the writer could give kudos to is counted: anything else reads as none. The targets,
      // their circles and the counts are read once each for all of them (`sees`, in bulk).
      const targets = await activity.targetsSeen(targetKind, targetIds, user.id);
      const shown = [...targets]
        .filter(([, t]) => targetKind === 'critique' || !t.circleId || seesWith(targetKind, t.role ?? '', t.visibility))
        .filter(([, t]) => targetKind !== 'critique' || t.shareAuthorId === user.id || t.ownerId === user.id)
        .map(([id]) => id);
      const counts = new Map((await activity.kudosMany(targetKind, shown, user.id)).map((k) => [k.targetId, k]));
      return targetIds.map((id) => counts.get(id) ?? { targetId: id, count: 0, mine: false });
    },
    'activity:sprintResults': async ({ user }, { sprintId }) => {
      const sprint = await activity.sprintCircle(sprintId);
      if (!sprint || !(await sees('sprint_result', sprint.circle_id, user.id))) throw new CommunityError('not_found', 'There is no such sprint.');
      return activity.sprintResults(sprintId, user.id);
    },
    'activity:follow': async ({ user }, { kind, id, following }) => {
      if (kind === 'writer') {
        if (id === user.id) throw new CommunityError('conflict', 'You cannot follow yourself.');
        // A writer who blocked this one is, to them, one who does not exist (as their profile is); unfollowing is always allowed.
        const blockedBy = following && gate ? (await gate.without([id], user.id)).length === 0 : false;
        if (blockedBy || !(await activity.writerExists(id))) throw new CommunityError('not_found', 'There is no such writer.');
      } else {
        // A circle one is in, or a listed one: a private circle is answered as one that does not exist.
        const role = await circles.role(id, user.id);
        const visibility = await activity.circleVisibility(id);
        if (role === 'banned' || !visibility || (visibility === 'private' && !role)) throw new CommunityError('not_found', 'That circle is not in the directory.');
      }
      // A follow tells the writer followed: rate-limited like kudos (a site suspension or ban stops it too).
      if (following) await gate?.check(user, null, 'follow');
      const changed = await activity.setFollow(user.id, kind, id, following);
      if (changed && following && kind === 'writer') await activity.notice([{ user_id: id, kind: 'follow', actor_id: user.id, target_kind: null, ref_id: user.id, title: '' }]);
      return activity.follows(user.id);
    },
    'activity:follows': async ({ user }) => activity.follows(user.id),
    'activity:feed': async ({ user }, page) => activity.feed(user.id, page),
    'activity:notices': async ({ user }, { after, limit, kinds }) => activity.notices(user.id, after, limit, kinds),
  };
}

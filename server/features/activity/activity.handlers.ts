import { CommunityError, forbidden } from '../../socket/community-error';
import type { CommunityIo } from '../../socket/context';
import type { Handlers } from '../../socket/register-handlers';
import { circleRoom } from '../../socket/rooms';
import type { CirclesRepo } from '../circles/circles.repo';
import type { ActivityRepo } from './activity.repo';

export interface ActivityDeps {
  io: CommunityIo;
  activity: ActivityRepo;
  circles: Pick<CirclesRepo, 'role'>;
}

const MEMBER = new Set(['owner', 'moderator', 'member']);

/** Kudos on posts, follows of writers and circles, and the feed of what they did. */
export function activityHandlers({ io, activity, circles }: ActivityDeps): Pick<Handlers, 'activity:kudos' | 'activity:follow' | 'activity:follows' | 'activity:feed'> {
  return {
    'activity:kudos': async ({ user }, { targetId, given }) => {
      const post = await activity.post(targetId);
      // Only members of the post's circle see it: anyone else, the same answer as for no post at all.
      if (!post || !MEMBER.has((await circles.role(post.circle_id, user.id)) ?? '')) throw forbidden();
      if (post.author_id === user.id) throw new CommunityError('conflict', 'Kudos are for other writers’ posts.');
      const changed = await activity.setKudos(user.id, targetId, given);
      if (changed && given) await activity.record({ actor_id: user.id, circle_id: post.circle_id, kind: 'kudos', ref_id: post.thread_id, title: post.title });
      // The thread's kudos changed: its circle is told (studios reload the thread and their feeds).
      if (changed) io.to(circleRoom(post.circle_id)).emit('discussion:changed', { circleId: post.circle_id, threadId: post.thread_id });
      return activity.kudosOf(targetId, user.id);
    },
    'activity:follow': async ({ user }, { kind, id, following }) => {
      if (kind === 'writer') {
        if (id === user.id) throw new CommunityError('conflict', 'You cannot follow yourself.');
        if (!(await activity.writerExists(id))) throw new CommunityError('not_found', 'There is no such writer.');
      } else {
        // A circle one is in, or a listed one: a private circle is answered as one that does not exist.
        const role = await circles.role(id, user.id);
        const visibility = await activity.circleVisibility(id);
        if (role === 'banned' || !visibility || (visibility === 'private' && !role)) throw new CommunityError('not_found', 'That circle is not in the directory.');
      }
      await activity.setFollow(user.id, kind, id, following);
      return activity.follows(user.id);
    },
    'activity:follows': async ({ user }) => activity.follows(user.id),
    'activity:feed': async ({ user }, page) => activity.feed(user.id, page),
  };
}

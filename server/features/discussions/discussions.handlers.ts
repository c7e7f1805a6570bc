import { DISCUSSION_LIMITS, mentionsIn } from '../../../shared/protocol/discussions-schemas';
import type { ThreadView } from '../../../shared/protocol/discussions-events';
import { CommunityError, forbidden } from '../../socket/community-error';
import type { CommunityIo } from '../../socket/context';
import type { Handlers } from '../../socket/register-handlers';
import { circleRoom, userRoom } from '../../socket/rooms';
import type { UsersTable } from '../../store/schema';
import { circleAccess } from '../circles/circle-access';
import type { CirclesRepo } from '../circles/circles.repo';
import type { PostingGate } from '../moderation/posting-gate';
import type { ActivityRepo } from '../activity/activity.repo';
import type { DiscussionsRepo } from './discussions.repo';

export interface DiscussionsDeps {
  io: CommunityIo;
  discussions: DiscussionsRepo;
  circles: Pick<CirclesRepo, 'role' | 'members'>;
  /** A thread started: the activity feed of those who follow its writer or circle (activity's). */
  started?(thread: { circleId: string; threadId: string; title: string; authorId: string }): Promise<void>;
  /** Bans, suspensions and rate limits (moderation's posting gate), and blocks. */
  gate?: Pick<PostingGate, 'check' | 'notBlockedBy' | 'without'>;
  /** Those of these writers who muted the thread: no notifications from it. */
  muted?(threadId: string, userIds: string[]): Promise<Set<string>>;
  /** Keeps notices for their studios to read after their cursor (activity's): a mention reaches a writer offline at the time. */
  notice?: ActivityRepo['notice'];
}

type Need = 'member' | 'moderator' | 'owner';
/** An id the writer's studio made, used already by someone else or for something else. */
const taken = () => new CommunityError('conflict', 'That id is already used; make a new one.');
/** A post's first words on one line, for the notice of a mention in it. */
const firstWords = (body: string) => {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
};

/** Discussions in every circle: categories, threads and replies, pin and lock, unread markers, @mentions. */
export function discussionsHandlers({ io, discussions, circles, started, gate, muted, notice }: DiscussionsDeps): Pick<
  Handlers,
  'discussion:categories' | 'discussion:setCategories' | 'discussion:threads' | 'discussion:thread' | 'discussion:start' | 'discussion:reply' | 'discussion:moderate'
> {
  /**
   * Members read and post; moderators pin and lock (and an admin may); the owner sets the
   * categories. Everyone else, for a circle or thread that exists or not, gets the same `forbidden`.
   */
  const authorize = circleAccess(circles);
  const threadFor = async (user: UsersTable, threadId: string, need: Need) => {
    const thread = await discussions.threadCircle(threadId);
    if (!thread) throw forbidden();
    return { thread, role: await authorize(user, thread.circle_id, need) };
  };
  const view = async (threadId: string, userId: string): Promise<ThreadView> => ({ thread: (await discussions.thread(threadId, userId))!, posts: await discussions.posts(threadId, userId) });
  /** The circle is told something changed; members named with @ are told they were. */
  const announce = async (circleId: string, threadId: string, title: string, post: { id: string; body: string }, by: UsersTable) => {
    io.to(circleRoom(circleId)).emit('discussion:changed', { circleId, threadId });
    // Mentions from a writer someone blocked are dropped for them, and a muted thread tells nobody who muted it.
    let named = (await discussions.membersNamed(circleId, mentionsIn(post.body).slice(0, DISCUSSION_LIMITS.mentions), by.id)).map((m) => m.id).filter((id) => id !== by.id);
    if (gate) named = await gate.without(named, by.id);
    const silent = muted ? await muted(threadId, named) : new Set<string>();
    const told = named.filter((id) => !silent.has(id));
    // The notice is what the studio's notification centre is made from (read now, or after reconnecting);
    // the live event only has connected studios reload the thread.
    await notice?.(told.map((user_id) => ({ user_id, kind: 'mention', actor_id: by.id, target_kind: null, ref_id: post.id, title, circle_id: circleId, body: firstWords(post.body) })));
    for (const id of told) io.to(userRoom(id)).emit('discussion:mentioned', { circleId, threadId, postId: post.id, title, by: by.display_name });
  };

  return {
    'discussion:categories': async ({ user }, { circleId }) => {
      await authorize(user, circleId, 'member');
      return discussions.categories(circleId);
    },
    'discussion:setCategories': async ({ user }, { circleId, names }) => {
      await authorize(user, circleId, 'owner');
      await discussions.setCategories(circleId, names);
      return discussions.categories(circleId);
    },
    'discussion:threads': async ({ user }, { circleId, ...page }) => {
      await authorize(user, circleId, 'member');
      return discussions.threads(circleId, user.id, page);
    },
    'discussion:thread': async ({ user }, { threadId }) => {
      await threadFor(user, threadId, 'member');
      await discussions.markRead(threadId, user.id);
      return view(threadId, user.id);
    },
    'discussion:start': async ({ user }, input) => {
      await authorize(user, input.circleId, 'member');
      // Sent again (the studio's outbox after a lost answer): the same thread, answered as before.
      const existing = await discussions.threadCircle(input.threadId);
      if (existing) {
        const first = await discussions.post(input.postId);
        if (existing.author_id === user.id && first?.thread_id === input.threadId) return view(input.threadId, user.id);
        throw taken();
      }
      if (await discussions.post(input.postId)) throw taken();
      await gate?.check(user, input.circleId, 'thread');
      if (input.categoryId) {
        const category = await discussions.category(input.categoryId);
        if (category?.circle_id !== input.circleId) throw new CommunityError('not_found', 'That category is not in this circle (any more).');
      }
      await discussions.start({ ...input, authorId: user.id });
      await started?.({ circleId: input.circleId, threadId: input.threadId, title: input.title, authorId: user.id });
      await announce(input.circleId, input.threadId, input.title, { id: input.postId, body: input.body }, user);
      return view(input.threadId, user.id);
    },
    'discussion:reply': async ({ user }, { postId, threadId, body }) => {
      const { thread, role } = await threadFor(user, threadId, 'member');
      const existing = await discussions.post(postId);
      if (existing) {
        if (existing.author_id === user.id && existing.thread_id === threadId) return (await discussions.posts(threadId, user.id)).find((p) => p.id === postId)!;
        throw taken();
      }
      if (thread.locked && role === 'member') throw new CommunityError('conflict', 'This thread is locked: only its circle’s moderators can reply.');
      // A thread's writer who blocked this writer is not answered by them.
      await gate?.notBlockedBy(thread.author_id, user);
      await gate?.check(user, thread.circle_id, 'reply');
      await discussions.reply(postId, threadId, user.id, body);
      await announce(thread.circle_id, threadId, thread.title, { id: postId, body }, user);
      return (await discussions.posts(threadId, user.id)).find((p) => p.id === postId)!;
    },
    'discussion:moderate': async ({ user }, { threadId, ...patch }) => {
      const { thread } = await threadFor(user, threadId, 'moderator');
      await discussions.moderate(threadId, patch);
      io.to(circleRoom(thread.circle_id)).emit('discussion:changed', { circleId: thread.circle_id, threadId });
      return (await discussions.thread(threadId, user.id))!;
    },
  };
}

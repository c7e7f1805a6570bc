import type { Database } from 'better-sqlite3';
import type { DiscussionCategory, LocalPost, LocalThread } from '../../../shared/api/discussions';
import type { SyncState } from '../../../shared/api/studio-api';
import type { DiscussionPost, ThreadSummary } from '../../../shared/protocol/discussions-events';

interface ThreadRow {
  id: string;
  circle_id: string;
  category_id: string | null;
  author_id: string;
  author_name: string;
  title: string;
  pinned: number;
  locked: number;
  post_count: number;
  created_at: string;
  last_post_at: string;
  unread: number;
  muted: number;
  sync_state: SyncState;
  sync_error: string | null;
}
interface PostRow {
  id: string;
  thread_id: string;
  author_id: string;
  author_name: string;
  body: string;
  kudos: number;
  kudos_mine: number;
  created_at: string;
  sync_state: SyncState;
  sync_error: string | null;
}

const thread = (r: ThreadRow): LocalThread => ({
  id: r.id,
  circleId: r.circle_id,
  categoryId: r.category_id,
  authorId: r.author_id,
  authorName: r.author_name,
  title: r.title,
  pinned: !!r.pinned,
  locked: !!r.locked,
  postCount: r.post_count,
  createdAt: r.created_at,
  lastPostAt: r.last_post_at,
  unread: !!r.unread,
  muted: !!r.muted,
  syncState: r.sync_state,
  syncError: r.sync_error,
});
// A post is never empty (PostBody), so an empty body is how a post hidden by a moderator is kept.
const post = (r: PostRow): LocalPost => ({ id: r.id, threadId: r.thread_id, authorId: r.author_id, authorName: r.author_name, body: r.body, hidden: r.body === '', kudos: r.kudos, kudosMine: !!r.kudos_mine, createdAt: r.created_at, syncState: r.sync_state, syncError: r.sync_error });

/** This studio's copy of discussions, one account's rows (`owner`) at a time. */
export function createDiscussionsStore(db: Database) {
  const q = {
    // Muted as the server says, unless it did not say (an older server) or a mute made here is still in the outbox.
    putThread: db.prepare(`INSERT INTO discussion_threads (owner, id, circle_id, category_id, author_id, author_name, title, pinned, locked, post_count, created_at, last_post_at, unread, muted, sync_state, sync_error)
      VALUES (@owner, @id, @circle_id, @category_id, @author_id, @author_name, @title, @pinned, @locked, @post_count, @created_at, @last_post_at, @unread, coalesce(@muted, 0), @sync_state, NULL)
      ON CONFLICT (owner, id) DO UPDATE SET category_id = excluded.category_id, title = excluded.title, pinned = excluded.pinned, locked = excluded.locked,
        post_count = excluded.post_count, last_post_at = excluded.last_post_at, unread = excluded.unread, author_name = excluded.author_name, sync_state = excluded.sync_state, sync_error = NULL,
        muted = CASE WHEN @muted IS NULL OR EXISTS (SELECT 1 FROM outbox o WHERE o.owner = @owner AND o.entity_id = 'mute:' || @id) THEN discussion_threads.muted ELSE @muted END`),
    putPost: db.prepare(`INSERT INTO discussion_posts (owner, id, thread_id, author_id, author_name, body, kudos, kudos_mine, created_at, sync_state, sync_error)
      VALUES (@owner, @id, @thread_id, @author_id, @author_name, @body, @kudos, @kudos_mine, @created_at, @sync_state, NULL)
      ON CONFLICT (owner, id) DO UPDATE SET body = excluded.body, kudos = excluded.kudos, kudos_mine = excluded.kudos_mine, created_at = excluded.created_at,
        author_name = excluded.author_name, sync_state = excluded.sync_state, sync_error = NULL`),
    threads: db.prepare<[string, string]>('SELECT * FROM discussion_threads WHERE owner = ? AND circle_id = ? ORDER BY pinned DESC, last_post_at DESC, id DESC'),
    thread: db.prepare<[string, string]>('SELECT * FROM discussion_threads WHERE owner = ? AND id = ?'),
    posts: db.prepare<[string, string]>('SELECT * FROM discussion_posts WHERE owner = ? AND thread_id = ? ORDER BY created_at, id'),
    post: db.prepare<[string, string]>('SELECT * FROM discussion_posts WHERE owner = ? AND id = ?'),
    categories: db.prepare<[string, string]>('SELECT id, circle_id, name FROM discussion_categories WHERE owner = ? AND circle_id = ? ORDER BY position'),
    clearCategories: db.prepare<[string, string]>('DELETE FROM discussion_categories WHERE owner = ? AND circle_id = ?'),
    putCategory: db.prepare('INSERT INTO discussion_categories (owner, id, circle_id, name, position) VALUES (?, ?, ?, ?, ?)'),
    forgetThread: db.prepare<[string, string]>('DELETE FROM discussion_threads WHERE owner = ? AND id = ?'),
    forgetPosts: db.prepare<[string, string]>('DELETE FROM discussion_posts WHERE owner = ? AND thread_id = ?'),
    forgetPost: db.prepare<[string, string]>('DELETE FROM discussion_posts WHERE owner = ? AND id = ?'),
    pendingPosts: db.prepare<[string, string]>("SELECT id FROM discussion_posts WHERE owner = ? AND thread_id = ? AND sync_state != 'synced'"),
    setThreadState: db.prepare<[SyncState, string | null, string, string]>('UPDATE discussion_threads SET sync_state = ?, sync_error = ? WHERE owner = ? AND id = ?'),
    setPostState: db.prepare<[SyncState, string | null, string, string]>('UPDATE discussion_posts SET sync_state = ?, sync_error = ? WHERE owner = ? AND id = ?'),
    bump: db.prepare<[string, string, string]>('UPDATE discussion_threads SET post_count = post_count + 1, last_post_at = ? WHERE owner = ? AND id = ?'),
  };
  const putThread = (owner: string, t: ThreadSummary, state: SyncState) =>
    q.putThread.run({
      owner,
      id: t.id,
      circle_id: t.circleId,
      category_id: t.categoryId,
      author_id: t.authorId,
      author_name: t.authorName,
      title: t.title,
      pinned: t.pinned ? 1 : 0,
      locked: t.locked ? 1 : 0,
      post_count: t.postCount,
      created_at: t.createdAt,
      last_post_at: t.lastPostAt,
      unread: t.unread ? 1 : 0,
      muted: t.muted === undefined ? null : t.muted ? 1 : 0,
      sync_state: state,
    });
  const putPost = (owner: string, p: DiscussionPost, state: SyncState) =>
    q.putPost.run({ owner, id: p.id, thread_id: p.threadId, author_id: p.authorId, author_name: p.authorName, body: p.body, kudos: p.kudos, kudos_mine: p.kudosMine ? 1 : 0, created_at: p.createdAt, sync_state: state });

  return {
    putThread,
    putPost,
    /** What the server sent: its rows replace ours, but a thread written here and not yet sent stays. */
    putThreads: db.transaction((owner: string, threads: ThreadSummary[]) => threads.forEach((t) => putThread(owner, t, 'synced'))),
    putView: db.transaction((owner: string, t: ThreadSummary, posts: DiscussionPost[]) => {
      putThread(owner, t, 'synced');
      for (const p of posts) putPost(owner, p, 'synced');
    }),
    putCategories: db.transaction((owner: string, circleId: string, categories: DiscussionCategory[]) => {
      q.clearCategories.run(owner, circleId);
      categories.forEach((c, i) => q.putCategory.run(owner, c.id, circleId, c.name, i));
    }),
    categories: (owner: string, circleId: string): DiscussionCategory[] =>
      (q.categories.all(owner, circleId) as { id: string; circle_id: string; name: string }[]).map((r) => ({ id: r.id, circleId: r.circle_id, name: r.name })),
    threads: (owner: string, circleId: string): LocalThread[] => (q.threads.all(owner, circleId) as ThreadRow[]).map(thread),
    thread: (owner: string, id: string): LocalThread | undefined => {
      const row = q.thread.get(owner, id) as ThreadRow | undefined;
      return row && thread(row);
    },
    posts: (owner: string, threadId: string): LocalPost[] => (q.posts.all(owner, threadId) as PostRow[]).map(post),
    post: (owner: string, id: string): LocalPost | undefined => {
      const row = q.post.get(owner, id) as PostRow | undefined;
      return row && post(row);
    },
    /** A reply written here: the thread shows it at once. */
    bump: (owner: string, threadId: string, at: string) => q.bump.run(at, owner, threadId),
    setThreadState: (owner: string, id: string, state: SyncState, error: string | null) => q.setThreadState.run(state, error, owner, id),
    setPostState: (owner: string, id: string, state: SyncState, error: string | null) => q.setPostState.run(state, error, owner, id),
    /** A thread the server never took: it goes, with replies written to it here; answers those replies' ids. */
    forgetThread: (owner: string, id: string): string[] => {
      const replies = (q.pendingPosts.all(owner, id) as { id: string }[]).map((r) => r.id);
      q.forgetPosts.run(owner, id);
      q.forgetThread.run(owner, id);
      return replies;
    },
    forgetPost: (owner: string, id: string) => q.forgetPost.run(owner, id),
  };
}
export type DiscussionsStore = ReturnType<typeof createDiscussionsStore>;

/** What discussions answer and announce. Bodies are plain text from other people: rendered safely, never as HTML. */
export interface DiscussionCategory {
  id: string;
  circleId: string;
  name: string;
}

export interface ThreadSummary {
  id: string;
  circleId: string;
  categoryId: string | null;
  authorId: string;
  authorName: string;
  title: string;
  pinned: boolean;
  locked: boolean;
  /** Posts, the opening one included. */
  postCount: number;
  createdAt: string;
  lastPostAt: string;
  /** Something was posted since the writer last read it (never for a thread they have read since, or started). */
  unread: boolean;
  /** The reader muted it (no notifications from it); absent from servers that do not say. */
  muted?: boolean;
}

export interface DiscussionPost {
  id: string;
  threadId: string;
  authorId: string;
  authorName: string;
  /** Empty when `hidden`. */
  body: string;
  /** Hidden by a moderator (moderation): shown as such, its text withheld. */
  hidden: boolean;
  /** Kudos given to the post, and whether the reader gave one. */
  kudos: number;
  kudosMine: boolean;
  createdAt: string;
}

export interface ThreadPage {
  threads: ThreadSummary[];
  next: string | null;
}

export interface ThreadView {
  thread: ThreadSummary;
  posts: DiscussionPost[];
}

export interface DiscussionsOutputs {
  'discussion:categories': DiscussionCategory[];
  'discussion:setCategories': DiscussionCategory[];
  'discussion:threads': ThreadPage;
  'discussion:thread': ThreadView;
  'discussion:start': ThreadView;
  'discussion:reply': DiscussionPost;
  'discussion:moderate': ThreadSummary;
}

export interface DiscussionsServerEvents {
  /** To the circle's room: a thread started, replied to, pinned or locked. */
  'discussion:changed': (event: { circleId: string; threadId: string }) => void;
  /** To a member named with @ in a post. */
  'discussion:mentioned': (event: { circleId: string; threadId: string; postId: string; title: string; by: string }) => void;
}

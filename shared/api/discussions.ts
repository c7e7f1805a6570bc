import type { DiscussionCategory, DiscussionPost, ThreadSummary } from '../protocol/discussions-events';
import type { Synced } from './studio-api';

export type { DiscussionCategory } from '../protocol/discussions-events';

/** A thread as the studio keeps it: what the server sent, or one written here waiting to be sent. */
export type LocalThread = ThreadSummary & Synced;
export type LocalPost = DiscussionPost & Synced;

export interface LocalThreadList {
  threads: LocalThread[];
  /** Read from this studio's copy: the server could not be reached. */
  offline: boolean;
}

export interface LocalThreadView {
  thread: LocalThread;
  posts: LocalPost[];
  offline: boolean;
}

export interface DiscussionsStudioOutputs {
  'discussions.categories': DiscussionCategory[];
  'discussions.setCategories': DiscussionCategory[];
  'discussions.threads': LocalThreadList;
  'discussions.thread': LocalThreadView;
  'discussions.start': LocalThreadView;
  'discussions.reply': LocalPost;
  'discussions.moderate': LocalThread;
}

import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { StudioError, type Result } from '../../../shared/api/result';
import type { DiscussionsStudioOutputs, LocalThreadView } from '../../../shared/api/discussions';
import type { StudioParsedInput } from '../../../shared/schemas/studio';
import type { Clock } from '../clock';
import type { CommunityClient } from '../community/community-client';
import type { Sync } from '../sync/sync';
import { registerDiscussionsOps, type ReplyOp, type StartOp } from './discussions.ops';
import { createDiscussionsStore } from './discussions.store';

type Method = keyof DiscussionsStudioOutputs;
type Handlers = { [M in Method]: (input: StudioParsedInput<M>) => Promise<DiscussionsStudioOutputs[M]> | DiscussionsStudioOutputs[M] };

export interface DiscussionsDeps {
  db: Database;
  clock: Clock;
  community: Pick<CommunityClient, 'request' | 'onServer'>;
  sync: Pick<Sync, 'kinds' | 'outbox' | 'owner' | 'requireOwner' | 'changed'>;
  /** Threads of a circle changed (here, from the server, or as the outbox settled). */
  onChanged(change: { circleId: string | null; threadId: string | null }): void;
}

const orThrow = <T>(result: Result<T>): T => {
  if (!result.ok) throw new StudioError(result.error.code, result.error.message);
  return result.data;
};
/** The server's answer, or null when it cannot be reached (then this studio's copy answers). */
const orOffline = <T>(result: Result<T>): T | null => (!result.ok && result.error.code === 'unavailable' ? null : orThrow(result));

/**
 * Discussions in the studio: reading asks the server when it can and keeps what it read, so
 * the same reads work offline; starting a thread and replying are written here with their
 * outbox operation in one transaction, and reach the circle when the studio is back online.
 */
export function createDiscussions({ db, clock, community, sync, onChanged }: DiscussionsDeps) {
  const store = createDiscussionsStore(db);
  const owner = () => sync.owner()?.id ?? null;
  const me = () => sync.requireOwner();
  const dispose = registerDiscussionsOps(sync.kinds, { store, community, owner, touched: (circleId, threadId) => onChanged({ circleId, threadId }) });
  community.onServer('discussion:changed', ({ circleId, threadId }) => onChanged({ circleId, threadId }));
  community.onServer('discussion:mentioned', ({ circleId, threadId }) => onChanged({ circleId, threadId }));

  const localView = (who: string, threadId: string, offline: boolean): LocalThreadView => {
    const thread = store.thread(who, threadId);
    if (!thread) throw new StudioError('not_found', offline ? 'That thread has not been read on this computer yet; it opens when Margin is back online.' : 'That thread is not there (any more).');
    return { thread, posts: store.posts(who, threadId), offline };
  };

  const handlers: Handlers = {
    'discussions.categories': async ({ circleId }) => {
      const who = me().id;
      const fresh = orOffline(await community.request('discussion:categories', { circleId }));
      if (fresh) store.putCategories(who, circleId, fresh);
      return store.categories(who, circleId);
    },
    'discussions.setCategories': async (input) => {
      const saved = orThrow(await community.request('discussion:setCategories', input));
      store.putCategories(me().id, input.circleId, saved);
      return saved;
    },
    'discussions.threads': async ({ circleId, categoryId }) => {
      const who = me().id;
      const fresh = orOffline(await community.request('discussion:threads', { circleId, limit: 100, ...(categoryId ? { categoryId } : {}) }));
      if (fresh) store.putThreads(who, fresh.threads);
      const threads = store.threads(who, circleId).filter((t) => !categoryId || t.categoryId === categoryId);
      return { threads, offline: !fresh };
    },
    'discussions.thread': async ({ threadId }) => {
      const who = me().id;
      // A thread written here and not yet taken by the server is only here.
      const local = store.thread(who, threadId);
      if (local && local.syncState !== 'synced') return localView(who, threadId, false);
      const fresh = orOffline(await community.request('discussion:thread', { threadId }));
      if (fresh) store.putView(who, fresh.thread, fresh.posts);
      return localView(who, threadId, !fresh);
    },
    'discussions.start': (input) => {
      const who = me();
      const threadId = randomUUID();
      const postId = randomUUID();
      const at = clock().toISOString();
      db.transaction(() => {
        const thread = { id: threadId, circleId: input.circleId, categoryId: input.categoryId, authorId: who.id, authorName: who.displayName, title: input.title, pinned: false, locked: false, postCount: 1, createdAt: at, lastPostAt: at, unread: false };
        store.putThread(who.id, thread, 'pending');
        store.putPost(who.id, { id: postId, threadId, authorId: who.id, authorName: who.displayName, body: input.body, hidden: false, kudos: 0, kudosMine: false, createdAt: at }, 'pending');
        sync.outbox.enqueue(who.id, threadId, { kind: 'discussion.start', threadId, postId, ...input } satisfies StartOp);
      })();
      sync.changed();
      onChanged({ circleId: input.circleId, threadId });
      return localView(who.id, threadId, false);
    },
    'discussions.reply': ({ threadId, body }) => {
      const who = me();
      const thread = store.thread(who.id, threadId);
      if (!thread) throw new StudioError('not_found', 'Open the thread first: it has not been read on this computer.');
      // A locked thread is refused by the server for members (moderators may still reply): shown as failed, with its reason.
      const postId = randomUUID();
      const at = clock().toISOString();
      db.transaction(() => {
        store.putPost(who.id, { id: postId, threadId, authorId: who.id, authorName: who.displayName, body, hidden: false, kudos: 0, kudosMine: false, createdAt: at }, 'pending');
        store.bump(who.id, threadId, at);
        sync.outbox.enqueue(who.id, postId, { kind: 'discussion.reply', postId, threadId, body } satisfies ReplyOp);
      })();
      sync.changed();
      onChanged({ circleId: thread.circleId, threadId });
      return store.post(who.id, postId)!;
    },
    'discussions.moderate': async (input) => {
      const who = me().id;
      const thread = orThrow(await community.request('discussion:moderate', input));
      store.putThread(who, thread, store.thread(who, thread.id)?.syncState ?? 'synced');
      onChanged({ circleId: thread.circleId, threadId: thread.id });
      return store.thread(who, thread.id)!;
    },
  };
  return { handlers, close: dispose };
}

import { useEffect, useState, type FormEvent } from 'react';
import type { LocalThread, LocalThreadView } from '../../../../shared/api/discussions';
import type { Circle } from '../../../../shared/protocol/community-events';
import { useStore, useStores } from '../../app/stores';
import { TimeAgo } from '../critique/TimeAgo';
import { WriterName } from '../profiles/open-profile';
import { PostCheers } from '../activity/PostCheers';
import { PostActions } from '../moderation/PostActions';
import { MuteToggle } from '../moderation/MuteToggle';
import { PostBody } from './PostBody';
import { CircleSelect } from '../../ui/CircleSelect';
import { syncNote } from '../../ui/sync-note';
import './discussions.css';


/** Discussions in the writer's circles: threads by category, unread markers, replies (offline too). */
export function DiscussionsSection() {
  const { discussions, directory } = useStores();
  const state = useStore(discussions, (s) => s.state());
  const joins = useStore(directory, (s) => s.state().joins);
  useEffect(() => {
    void discussions.loadCircles();
  }, [discussions, joins]);
  const { circles } = state;
  const circle = circles.find((c) => c.id === state.circleId) ?? null;
  return (
    <section aria-label="Discussions" className="discussions">
      <h3>Discussions</h3>
      <label>
        Circle
        {/* Opening the list fetches it again: a circle made or joined since shows up. */}
        <CircleSelect circles={circles} value={state.circleId ?? ''} onFocus={() => void discussions.loadCircles()} onPick={(id) => void discussions.select(id)} />
      </label>
      {circle && <FollowCircle circleId={circle.id} name={circle.name} />}
      {state.error && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
      {state.offline && <p className="muted">Offline: showing what was read on this computer. What you post is sent when Margin is back online.</p>}
      {!circle ? (
        <p className="muted">Join or create a circle to talk in it.</p>
      ) : state.open ? (
        <ThreadView view={state.open} circle={circle} />
      ) : (
        <ThreadList threads={state.threads} />
      )}
      {circle && !state.open && <NewThread />}
      {!state.open && circle?.role === 'owner' && <CategoryEditor key={state.categories.map((c) => c.id).join()} />}
    </section>
  );
}

function FollowCircle({ circleId, name }: { circleId: string; name: string }) {
  const { activity } = useStores();
  const following = useStore(activity, (s) => s.state().follows.some((f) => f.kind === 'circle' && f.id === circleId));
  useEffect(() => void activity.needFollows(), [activity]);
  return (
    <button type="button" aria-pressed={following} onClick={() => void activity.follow('circle', circleId, !following)}>
      {following ? `Following ${name}` : `Follow ${name}`}
    </button>
  );
}

function ThreadList({ threads }: { threads: LocalThread[] }) {
  const { discussions } = useStores();
  const categories = useStore(discussions, (s) => s.state().categories);
  const nameOf = (id: string | null) => categories.find((c) => c.id === id)?.name;
  if (threads.length === 0) return <p className="muted">No threads yet: start the first.</p>;
  return (
    <ul aria-label="Threads" className="thread-list">
      {threads.map((t) => (
        <li key={t.id} className={t.unread ? 'unread' : undefined}>
          <button type="button" className="thread-open" onClick={() => void discussions.open(t.id)}>
            {t.unread && <span className="unread-dot" aria-label="unread" />}
            <span className="thread-title">{t.title}</span>
          </button>
          <span className="muted thread-facts">
            {t.pinned && <span className="badge">pinned</span>}
            {t.locked && <span className="badge">locked</span>}
            {t.muted && <span className="badge">muted</span>}
            {nameOf(t.categoryId) && <span className="badge">{nameOf(t.categoryId)}</span>} {t.postCount} {t.postCount === 1 ? 'post' : 'posts'} · {t.authorName} ·{' '}
            <TimeAgo iso={t.lastPostAt} />
            {syncNote(t) && <em> · {syncNote(t)}</em>}
          </span>
        </li>
      ))}
    </ul>
  );
}

function ThreadView({ view, circle }: { view: LocalThreadView; circle: Circle | null }) {
  const { discussions } = useStores();
  const me = useStore(discussions, (s) => s.state().me);
  const [body, setBody] = useState('');
  const { thread, posts } = view;
  const moderates = circle?.role === 'owner' || circle?.role === 'moderator';
  const reply = (e: FormEvent) => {
    e.preventDefault();
    void discussions.reply(body).then(() => setBody(''));
  };
  return (
    <article aria-label={`Thread: ${thread.title}`} className="thread-view">
      <button type="button" onClick={discussions.close}>
        ← All threads
      </button>
      <h4>
        {thread.title} {thread.pinned && <span className="badge">pinned</span>} {thread.locked && <span className="badge">locked</span>}
      </h4>
      {thread.syncState === 'synced' && <MuteToggle threadId={thread.id} muted={!!thread.muted} />}
      {moderates && thread.syncState === 'synced' && (
        <div className="row-actions">
          <button type="button" onClick={() => void discussions.moderate({ pinned: !thread.pinned })}>
            {thread.pinned ? 'Unpin' : 'Pin'}
          </button>
          <button type="button" onClick={() => void discussions.moderate({ locked: !thread.locked })}>
            {thread.locked ? 'Unlock' : 'Lock'}
          </button>
        </div>
      )}
      <ol aria-label="Posts" className="posts">
        {posts.map((p) => (
          <li key={p.id} className="post">
            <p className="post-meta">
              <WriterName id={p.authorId} name={p.authorName} /> · <TimeAgo iso={p.createdAt} />
              {syncNote(p) && <em> · {syncNote(p)}</em>}
            </p>
            {p.hidden ? <p className="post-hidden">Hidden by a moderator.</p> : <PostBody body={p.body} />}
            {!p.hidden && p.authorId !== me && p.syncState === 'synced' && <PostCheers post={p} />}
            {!p.hidden && p.authorId !== me && p.syncState === 'synced' && <PostActions post={p} />}
          </li>
        ))}
      </ol>
      {thread.locked && !moderates ? (
        <p className="muted">This thread is locked.</p>
      ) : (
        <form onSubmit={reply} className="reply-form">
          <label>
            Reply
            <textarea value={body} maxLength={20_000} rows={3} onChange={(e) => setBody(e.target.value)} />
          </label>
          <button type="submit" disabled={!body.trim()}>
            Post reply
          </button>
        </form>
      )}
    </article>
  );
}

function NewThread() {
  const { discussions } = useStores();
  const categories = useStore(discussions, (s) => s.state().categories);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void discussions.start({ title, body, categoryId: categoryId || null }).then(() => (setTitle(''), setBody('')));
  };
  return (
    <details className="new-thread">
      <summary>Start a thread</summary>
      <form onSubmit={submit} aria-label="New thread">
        <label>
          Title
          <input value={title} maxLength={160} onChange={(e) => setTitle(e.target.value)} />
        </label>
        {categories.length > 0 && (
          <label>
            Category
            <select value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
              <option value="">None</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Post (light Markdown: **bold**, *italic*, lists, links)
          <textarea value={body} maxLength={20_000} rows={4} onChange={(e) => setBody(e.target.value)} />
        </label>
        <button type="submit" disabled={!title.trim() || !body.trim()}>
          Start thread
        </button>
      </form>
    </details>
  );
}

function CategoryEditor() {
  const { discussions } = useStores();
  const categories = useStore(discussions, (s) => s.state().categories);
  const [names, setNames] = useState(categories.map((c) => c.name).join(', '));
  return (
    <details className="category-editor">
      <summary>Categories</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void discussions.setCategories(
            names
              .split(',')
              .map((n) => n.trim())
              .filter(Boolean),
          );
        }}
      >
        <label>
          Categories, in order (separated by commas)
          <input value={names} maxLength={600} placeholder="Craft, Accountability, Off-topic" onChange={(e) => setNames(e.target.value)} />
        </label>
        <button type="submit">Save categories</button>
      </form>
    </details>
  );
}

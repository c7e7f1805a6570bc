import { useEffect, useState, type FormEvent } from 'react';
import type { DirectoryCircle } from '../../../../shared/api/directory';
import { useStore, useStores } from '../../app/stores';
import type { DirectoryFilters } from './directory-store';
import './directory.css';

/** Find circles: search and filter the directory, join a public circle or ask to join a closed one. */
export function DirectorySection() {
  const { directory } = useStores();
  const state = useStore(directory, (s) => s.state());
  const [filters, setFilters] = useState<DirectoryFilters>(state.filters);
  useEffect(() => {
    void directory.search(directory.state().filters);
  }, [directory]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void directory.search(filters);
  };
  const field = (key: keyof DirectoryFilters) => ({ value: filters[key], onChange: (e: { target: { value: string } }) => setFilters({ ...filters, [key]: e.target.value }) });
  return (
    <section aria-label="Find circles" className="directory">
      <h3>Find circles</h3>
      <form role="search" aria-label="Search the circle directory" className="directory-search" onSubmit={submit}>
        <label>
          Name or description
          <input type="search" maxLength={80} {...field('query')} />
        </label>
        <label>
          Genre
          <input maxLength={40} {...field('genre')} />
        </label>
        <label>
          Language
          <input maxLength={20} placeholder="en" {...field('language')} />
        </label>
        <label>
          Who may join
          <select {...field('visibility')}>
            <option value="">Anyone listed</option>
            <option value="public">Public circles</option>
            <option value="closed">Closed circles (ask to join)</option>
          </select>
        </label>
        <button type="submit">Search</button>
      </form>
      {state.error && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
      {state.notice && <p role="status">{state.notice}</p>}
      <ul aria-label="Circle directory" className="directory-list" aria-busy={state.loading}>
        {state.circles.map((c) => (
          <DirectoryEntry key={c.id} circle={c} onJoin={(note) => void directory.join(c, note)} />
        ))}
      </ul>
      {!state.loading && state.circles.length === 0 && <p className="muted">No listed circle matches.</p>}
      {state.next && (
        <button type="button" disabled={state.loading} onClick={() => void directory.more()}>
          More circles
        </button>
      )}
    </section>
  );
}

function DirectoryEntry({ circle: c, onJoin }: { circle: DirectoryCircle; onJoin: (note: string) => void }) {
  const [note, setNote] = useState('');
  const facts = [c.language, c.timeZone].filter(Boolean).join(' · ');
  return (
    <li className="directory-entry">
      <div className="directory-entry-head">
        <strong>{c.name}</strong>
        <span className="badge">{c.visibility === 'public' ? 'public' : 'closed'}</span>
      </div>
      {c.description && <p className="directory-description">{c.description}</p>}
      <p className="muted directory-facts">
        {c.memberCount} {c.memberCount === 1 ? 'member' : 'members'} · {c.activity30d} {c.activity30d === 1 ? 'post or sprint' : 'posts and sprints'} in the last 30 days
        {facts && ` · ${facts}`}
      </p>
      {c.genres.length > 0 && (
        <ul className="directory-genres" aria-label={`Genres of ${c.name}`}>
          {c.genres.map((g) => (
            <li key={g}>{g}</li>
          ))}
        </ul>
      )}
      {c.standing === 'member' ? (
        <p className="directory-standing">You are a member.</p>
      ) : c.standing === 'requested' ? (
        <p className="directory-standing">Request sent; waiting for its moderators.</p>
      ) : c.visibility === 'public' ? (
        <button type="button" aria-label={`Join ${c.name}`} onClick={() => onJoin('')}>
          Join
        </button>
      ) : (
        <form
          className="directory-ask"
          onSubmit={(e) => {
            e.preventDefault();
            onJoin(note);
          }}
        >
          <label>
            A note to its moderators (optional)
            <input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button type="submit" aria-label={`Ask to join ${c.name}`}>
            Ask to join
          </button>
        </form>
      )}
    </li>
  );
}

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { JoinRequest } from '../../../../shared/api/directory';
import type { Circle } from '../../../../shared/protocol/community-events';
import type { CircleVisibilityName } from '../../../../shared/protocol/directory-schemas';
import { useStore, useStores } from '../../app/stores';
import { errorMessage } from '../../app/studio-client';
import { useStudio } from '../../app/studio-context';
import './directory.css';

const VISIBILITY_LABEL: Record<CircleVisibilityName, string> = {
  public: 'Public: anyone may join',
  closed: 'Closed: anyone may ask to join',
  private: 'Private: invite only, not listed',
};

/** A circle's door, for its owner and moderators: how the directory lists it (owner) and who asks to come in. */
export function CircleDoor({ circle }: { circle: Circle }) {
  const [visibility, setVisibility] = useState(circle.visibility);
  return (
    <details className="circle-door">
      <summary>Directory and requests</summary>
      {circle.role === 'owner' && <ListingForm circle={{ ...circle, visibility }} onSaved={setVisibility} />}
      {visibility !== 'public' && <JoinRequests circle={circle} />}
    </details>
  );
}

function ListingForm({ circle, onSaved }: { circle: Circle; onSaved: (visibility: CircleVisibilityName) => void }) {
  const api = useStudio();
  const { directory } = useStores();
  const [visibility, setVisibility] = useState<CircleVisibilityName>(circle.visibility);
  const [genres, setGenres] = useState('');
  const [language, setLanguage] = useState('');
  const [timeZone, setTimeZone] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const save = (e: FormEvent) => {
    e.preventDefault();
    setStatus(null);
    const listing = {
      circleId: circle.id,
      visibility,
      genres: genres
        .split(',')
        .map((g) => g.trim())
        .filter(Boolean),
      language: language.trim() || null,
      timeZone: timeZone.trim() || null,
    };
    api.directory.setListing(listing).then(
      (saved) => {
        setStatus(saved.visibility === 'private' ? 'Saved: not listed.' : 'Saved: listed in the directory.');
        onSaved(saved.visibility);
        void directory.search(directory.state().filters);
      },
      (err: unknown) => setStatus(errorMessage(err)),
    );
  };
  return (
    <form className="listing-form" aria-label={`Directory listing of ${circle.name}`} onSubmit={save}>
      <label>
        Who may find it
        <select value={visibility} onChange={(e) => setVisibility(e.target.value as CircleVisibilityName)}>
          {(Object.keys(VISIBILITY_LABEL) as CircleVisibilityName[]).map((v) => (
            <option key={v} value={v}>
              {VISIBILITY_LABEL[v]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Genres (separated by commas)
        <input value={genres} maxLength={300} placeholder="fantasy, romance" onChange={(e) => setGenres(e.target.value)} />
      </label>
      <label>
        Language
        <input value={language} maxLength={20} placeholder="en" onChange={(e) => setLanguage(e.target.value)} />
      </label>
      <label>
        Time zone
        <input value={timeZone} maxLength={60} placeholder="Europe/London" onChange={(e) => setTimeZone(e.target.value)} />
      </label>
      <button type="submit">Save listing</button>
      {status && <span role="status">{status}</span>}
    </form>
  );
}

function JoinRequests({ circle }: { circle: Circle }) {
  const api = useStudio();
  const { directory } = useStores();
  const arrived = useStore(directory, (s) => s.state().requests);
  const [requests, setRequests] = useState<JoinRequest[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => api.directory.requests({ circleId: circle.id }).then(setRequests, (err: unknown) => setError(errorMessage(err))), [api, circle.id]);
  useEffect(() => {
    void load();
  }, [load, arrived]);
  const decide = (r: JoinRequest, accept: boolean) => {
    setError(null);
    api.directory.decide({ circleId: circle.id, userId: r.userId, accept }).then(load, (err: unknown) => setError(errorMessage(err)));
  };
  return (
    <div className="join-requests">
      <h5>Asking to join</h5>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {requests.length === 0 ? (
        <p className="muted">Nobody is waiting.</p>
      ) : (
        <ul aria-label={`Requests to join ${circle.name}`}>
          {requests.map((r) => (
            <li key={r.userId}>
              <span>
                <strong>{r.displayName}</strong> (@{r.username}){r.note && <q>{r.note}</q>}
              </span>
              <button type="button" aria-label={`Accept ${r.displayName}`} onClick={() => decide(r, true)}>
                Accept
              </button>
              <button type="button" aria-label={`Decline ${r.displayName}`} onClick={() => decide(r, false)}>
                Decline
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

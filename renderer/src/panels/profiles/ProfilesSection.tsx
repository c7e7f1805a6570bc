import { useEffect, useState, type FormEvent } from 'react';
import type { MyProfile } from '../../../../shared/api/profiles';
import type { Project } from '../../../../shared/api/studio-api';
import { FIELD_LABELS, PROFILE_FIELDS, mayViewField, PROFILE_LIMITS, VISIBILITIES, VISIBILITY_LABELS, type ProfilePrivacy, type Visibility } from '../../../../shared/rules/profiles';
import { useStudio } from '../../app/studio-context';
import { useStore, useStores } from '../../app/stores';
import { formatCount } from '../../ui/format';
import './profiles.css';

const listOf = (fields: string[]) => (fields.length ? fields.join(', ') : 'only your name');

/** What each kind of viewer would see with these choices: the same rule the server applies. */
function Audience({ privacy }: { privacy: ProfilePrivacy }) {
  const seen = (relation: 'stranger' | 'circle') => PROFILE_FIELDS.filter((f) => mayViewField(privacy, f, relation)).map((f) => FIELD_LABELS[f]);
  return (
    <p className="muted audience" aria-label="Who sees what">
      Anyone signed in sees {listOf(seen('stranger'))}. People in your circles see {listOf(seen('circle'))}.
    </p>
  );
}

const splitGenres = (text: string) => [...new Set(text.split(',').map((g) => g.trim()).filter(Boolean))].slice(0, PROFILE_LIMITS.genres);

/** Community → Profile: the writer's own profile, who may see each part, and the profile dialog for others. */
export function ProfilesSection() {
  const { profiles } = useStores();
  const state = useStore(profiles, (s) => s.state());
  useEffect(() => {
    void profiles.load();
  }, [profiles]);
  return (
    <section aria-label="Profile" className="profiles">
      <h3>Your profile</h3>
      {state.error && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
      {state.mine ? <ProfileForm key={state.mine.view?.accountId ?? 'offline'} mine={state.mine} /> : !state.error && <p className="muted">Loading…</p>}
    </section>
  );
}

function ProfileForm({ mine }: { mine: MyProfile }) {
  const api = useStudio();
  const { profiles } = useStores();
  const saved = useStore(profiles, (s) => s.state().saved);
  const [projects, setProjects] = useState<Project[]>([]);
  const [displayName, setDisplayName] = useState(mine.displayName);
  const [bio, setBio] = useState(mine.bio);
  const [genres, setGenres] = useState(mine.genres.join(', '));
  const [projectId, setProjectId] = useState(mine.workingOn?.projectId ?? '');
  const [projectGenre, setProjectGenre] = useState(mine.workingOn?.genre ?? '');
  const [privacy, setPrivacy] = useState<ProfilePrivacy>(mine.privacy);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api.projects
      .list()
      .then((list) => setProjects(list.filter((p) => !p.archivedAt)))
      .catch(() => setProjects([]));
  }, [api]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    void profiles
      .save({ displayName: displayName.trim(), bio, genres: splitGenres(genres), workingOn: projectId ? { projectId, genre: projectGenre.trim() } : null, privacy })
      .finally(() => setBusy(false));
  };
  const shown = mine.workingOn;
  return (
    <form className="profile-form" onSubmit={submit} aria-label="Edit your profile">
      <label>
        Display name
        <input value={displayName} maxLength={PROFILE_LIMITS.displayName} required onChange={(e) => setDisplayName(e.target.value)} />
      </label>
      <label>
        Bio
        <textarea value={bio} rows={4} maxLength={PROFILE_LIMITS.bio} aria-describedby="profile-bio-count" onChange={(e) => setBio(e.target.value)} />
      </label>
      <small id="profile-bio-count" className="muted">
        {bio.length} / {PROFILE_LIMITS.bio} characters, plain text
      </small>
      <label>
        Genres (separated by commas)
        <input value={genres} placeholder="literary, folk horror" onChange={(e) => setGenres(e.target.value)} />
      </label>
      <fieldset className="working-on">
        <legend>What I’m working on</legend>
        <label>
          Project to show
          <select value={projectId} onChange={(e) => setProjectId(e.target.value)}>
            <option value="">None</option>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Its genre
          <input value={projectGenre} maxLength={PROFILE_LIMITS.genre} disabled={!projectId} onChange={(e) => setProjectGenre(e.target.value)} />
        </label>
        {shown && shown.projectId === projectId && (
          <p className="muted">
            Showing “{shown.title}”, {formatCount(shown.words)} words; the count follows your saves.
          </p>
        )}
      </fieldset>
      <fieldset className="privacy">
        <legend>Who can see each part</legend>
        {PROFILE_FIELDS.map((field) => (
          <label key={field}>
            {`Who sees: ${FIELD_LABELS[field]}`}
            <select value={privacy[field]} onChange={(e) => setPrivacy({ ...privacy, [field]: e.target.value as Visibility })}>
              {VISIBILITIES.map((v) => (
                <option key={v} value={v}>
                  {VISIBILITY_LABELS[v]}
                </option>
              ))}
            </select>
          </label>
        ))}
        <Audience privacy={privacy} />
      </fieldset>
      <div className="row-actions">
        <button type="submit" disabled={busy}>
          Save profile
        </button>
        {mine.view && (
          <button type="button" onClick={() => profiles.open(mine.view!.accountId)}>
            See your profile
          </button>
        )}
      </div>
      <p role="status" className={mine.syncState === 'failed' ? 'error' : 'muted'}>
        {mine.syncState === 'failed'
          ? `The community refused your last profile change: ${mine.syncError ?? ''}`
          : mine.syncState === 'pending'
            ? 'Saved on this computer; it goes to the community when you are online.'
            : saved && 'Profile saved.'}
      </p>
    </form>
  );
}

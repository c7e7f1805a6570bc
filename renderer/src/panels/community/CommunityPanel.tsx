import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { CommunityStatus, SyncStatus } from '../../../../shared/api/studio-api';
import type { Device } from '../../../../shared/protocol/community-events';
import { errorMessage } from '../../app/studio-client';
import { useStudio } from '../../app/studio-context';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { CirclesSection } from '../circles/CirclesSection';
import { DirectorySection } from '../directory/DirectorySection';
import { DiscussionsSection } from '../discussions/DiscussionsSection';
import { PromptsSection } from '../prompts/PromptsSection';
import { ModerationSection } from '../moderation/ModerationSection';
import { ActivitySection } from '../activity/ActivitySection';
import { ProfilesSection } from '../profiles/ProfilesSection';
import { ProfileDialog } from '../profiles/ProfileDialog';
import { ChallengesSection } from '../challenges/ChallengesSection';
import { useStore, useStores } from '../../app/stores';
import { CommunityNav, panelId, tabId } from './CommunityNav';
import { rememberedSection, rememberSection, SECTIONS, type SectionId } from './community-sections';
import { takeSection, useAskedTab } from '../sidebar/sidebar-request';
import { useSectionBadges } from './section-badges';
import './community.css';

/** The Community tab: which server, the writer's account on it, and the community's sections, one at a time. */
export function CommunityPanel({ sync }: { sync: SyncStatus }) {
  const api = useStudio();
  const [status, setStatus] = useState<CommunityStatus | null>(null);
  const [devices, setDevices] = useState<Device[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    const next = await api.community.status();
    setStatus(next);
    setDevices(next.account && next.sync.state === 'online' ? await api.community.devices().catch(() => []) : []);
  }, [api]);

  useEffect(() => {
    refresh().catch((e: unknown) => setError(errorMessage(e)));
  }, [refresh, sync]);

  const run = (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    work()
      .then(refresh)
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };

  if (!status) return <p className="muted">Loading…</p>;
  return (
    <section className="community" aria-label="Community">
      <p className={`sync-line sync-${sync.state}`} role="status" aria-label="Community connection">
        {sync.state === 'online'
          ? `Connected to ${status.isLocal ? 'the community server on this computer' : sync.server}`
          : sync.state === 'connecting'
            ? 'Connecting…'
            : `Not connected. ${sync.reason}`}
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {status.account ? (
        <>
          <div className="account-line">
            <p>
              Signed in as <strong>{status.account.displayName}</strong> (@{status.account.username})
              {status.account.roles.filter((r) => r !== 'writer').map((r) => (
                <span key={r} className="badge">
                  {r}
                </span>
              ))}
            </p>
            <button type="button" disabled={busy} onClick={() => run(() => api.community.signOut())}>
              Sign out
            </button>
          </div>
          <Sections sync={sync}>
            <section aria-label="Account" className="account">
              <h3>Your devices</h3>
              <ul aria-label="Signed-in devices" className="devices">
                {devices.map((d) => (
                  <li key={d.id}>
                    <span>
                      {d.device}
                      <small>{d.current ? 'this device' : `last seen ${new Date(d.lastSeenAt).toLocaleString()}`}</small>
                    </span>
                    {!d.current && (
                      <button type="button" aria-label={`Sign out ${d.device}`} disabled={busy} onClick={() => run(() => api.community.revokeDevice({ id: d.id }))}>
                        Sign out
                      </button>
                    )}
                  </li>
                ))}
              </ul>
              <ServerChoice status={status} busy={busy} onChoose={(url) => run(() => api.community.setServer({ url }))} />
            </section>
          </Sections>
        </>
      ) : (
        <>
          <AccountForm busy={busy} onSubmit={(kind, username, password) => run(() => (kind === 'register' ? api.community.register({ username, password }) : api.community.signIn({ username, password })))} />
          <ServerChoice status={status} busy={busy} onChoose={(url) => run(() => api.community.setServer({ url }))} />
        </>
      )}
    </section>
  );
}

/** What a section that only has what the server says now shows while Margin is not connected. */
const OFFLINE: Record<SectionId, { region: string; text: string } | null> = {
  circles: { region: 'Circles', text: 'Your circles, invites and join requests come from the community server.' },
  directory: { region: 'Find circles', text: 'The directory of circles is searched on the community server.' },
  activity: { region: 'Activity', text: 'The activity feed comes from the community server.' },
  moderation: { region: 'Moderation', text: 'Reports, warnings and the moderation queues are kept on the community server.' },
  discussions: null,
  challenges: null,
  prompts: null,
  profile: null,
};

/**
 * One section at a time under the sub-navigation, the last one open remembered. Offline, a
 * section that needs the server keeps its place and says why it is empty.
 */
function Sections({ sync, children: account }: { sync: SyncStatus; children: ReactNode }) {
  // A section asked for (an opened notification, Ctrl+Alt+P), when the tab opens or while it shows.
  const request = useAskedTab();
  const [current, setCurrent] = useState<SectionId>(() => {
    const asked = takeSection(request);
    if (asked) rememberSection(asked);
    return rememberedSection();
  });
  const online = sync.state === 'online';
  useEffect(() => {
    const asked = takeSection(request);
    if (asked) select(asked);
  }, [request]);
  const badges = useSectionBadges(online, current);
  // A circle joined from the directory shows up in the writer's circles.
  const joins = useStore(useStores().directory, (s) => s.state().joins);
  const select = (id: SectionId) => {
    setCurrent(id);
    rememberSection(id);
  };
  const offline = OFFLINE[current];
  const label = SECTIONS.find((s) => s.id === current)!.label;
  const body: Record<SectionId, () => ReactNode> = {
    circles: () => <CirclesSection key={joins} />,
    directory: () => <DirectorySection />,
    discussions: () => <DiscussionsSection />,
    challenges: () => <ChallengesSection />,
    prompts: () => <PromptsSection />,
    activity: () => <ActivitySection />,
    profile: () => (
      <>
        <ProfilesSection />
        {account}
      </>
    ),
    moderation: () => <ModerationSection />,
  };
  return (
    <>
      <CommunityNav current={current} badges={badges} onSelect={select} />
      <div role="tabpanel" id={panelId(current)} aria-labelledby={tabId(current)} className="community-section">
        <ErrorBoundary what={`The ${label} section`} resetKey={current}>
          {offline && !online ? (
            <section aria-label={offline.region} className="needs-connection">
              <h3>{label}</h3>
              <p>{offline.text}</p>
              <p className="muted">{sync.state === 'connecting' ? 'Connecting…' : 'Not connected right now: this comes back as soon as Margin reconnects. Your writing, and what you post in Discussions, is kept and sent then.'}</p>
            </section>
          ) : (
            body[current]()
          )}
        </ErrorBoundary>
      </div>
      {/* A writer's name in Discussions or Activity opens their profile: the dialog lives
          beside the sections, not inside Profile, so it opens from whichever is shown. */}
      <ProfileDialog />
    </>
  );
}

function AccountForm({ busy, onSubmit }: { busy: boolean; onSubmit: (kind: 'register' | 'signIn', username: string, password: string) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const submit = (kind: 'register' | 'signIn') => (e?: FormEvent) => {
    e?.preventDefault();
    onSubmit(kind, username, password);
  };
  return (
    <form className="account-form" onSubmit={submit('signIn')}>
      <label htmlFor="community-username">Username</label>
      <input id="community-username" autoComplete="username" value={username} maxLength={32} onChange={(e) => setUsername(e.target.value)} />
      <label htmlFor="community-password">Password</label>
      <input id="community-password" type="password" autoComplete="current-password" value={password} maxLength={200} onChange={(e) => setPassword(e.target.value)} />
      <div className="row-actions">
        <button type="submit" disabled={busy}>
          Sign in
        </button>
        <button type="button" disabled={busy} onClick={submit('register')}>
          Create account
        </button>
      </div>
    </form>
  );
}

function ServerChoice({ status, busy, onChoose }: { status: CommunityStatus; busy: boolean; onChoose: (url: string | null) => void }) {
  const [url, setUrl] = useState(status.isLocal ? '' : (status.url ?? ''));
  return (
    <details className="server-choice">
      <summary>Community server</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onChoose(url.trim() || null);
        }}
      >
        <label htmlFor="community-url">Server address (empty: the one on this computer)</label>
        <input id="community-url" placeholder="https://community.example" value={url} onChange={(e) => setUrl(e.target.value)} />
        <button type="submit" disabled={busy}>
          Use this server
        </button>
      </form>
    </details>
  );
}

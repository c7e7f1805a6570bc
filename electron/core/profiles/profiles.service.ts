import type { Database } from 'better-sqlite3';
import { StudioError, type Result } from '../../../shared/api/result';
import type { MyProfile, ProfilesStudioOutputs } from '../../../shared/api/profiles';
import type { WriterProfile } from '../../../shared/protocol/profiles-events';
import { DEFAULT_PRIVACY } from '../../../shared/rules/profiles';
import type { StudioParsedInput } from '../../../shared/schemas/studio';
import type { Clock } from '../clock';
import type { CommunityClient } from '../community/community-client';
import type { Sync } from '../sync/sync';
import { registerProfilesOps, type ProfilePrivacyOp, type ProfileUpdateOp } from './profiles.ops';
import { createProfilesStore, type ProfileDraft } from './profiles.store';

type Method = keyof ProfilesStudioOutputs;
type Handlers = { [M in Method]: (input: StudioParsedInput<M>) => Promise<ProfilesStudioOutputs[M]> | ProfilesStudioOutputs[M] };

export interface ProfilesDeps {
  db: Database;
  clock: Clock;
  community: Pick<CommunityClient, 'request' | 'account' | 'renamed'>;
  sync: Pick<Sync, 'kinds' | 'outbox' | 'owner' | 'requireOwner' | 'changed' | 'hlc' | 'accounts'>;
  /** The studio's projects: the one shown is read here (title and word count), never sent by id. */
  projects: { get(id: string): { title: string }; wordCount(id: string): number };
  onChanged(): void;
  /** The writer's name changed on their own rows kept here: discussions (and critique, for these shares) show them again. */
  onRenamed?(shareIds: string[]): void;
}

const orThrow = <T>(result: Result<T>): T => {
  if (!result.ok) throw new StudioError(result.error.code, result.error.message);
  return result.data;
};
/** The server's answer, or null when it cannot be reached (then this studio's copy answers). */
const orOffline = <T>(result: Result<T>): T | null => (!result.ok && result.error.code === 'unavailable' ? null : orThrow(result));

/**
 * Profiles in the studio. The writer's own profile is written here with its outbox operation in
 * one transaction (offline too), and the project they chose to show follows their saves: its word
 * count is read here after each save and sent as a coalescing update. Other writers' profiles are
 * asked of the server, which sends only what the writer lets this viewer see.
 */
export function createProfiles({ db, clock, community, sync, projects, onChanged, onRenamed }: ProfilesDeps) {
  const store = createProfilesStore(db);
  const dispose = registerProfilesOps(sync.kinds, {
    community,
    stamp: () => sync.hlc.tick(),
    touched: onChanged,
    named: (displayName) => {
      const owner = sync.owner();
      // Only the newest profile of the account signed in counts (an older one still waiting was replaced).
      if (owner && owner.displayName !== displayName && store.get(owner.id)?.displayName === displayName) renamed(owner.id, displayName);
    },
  });
  /** The last view of their own profile the server gave each account (badges, circles, activity). */
  const views = new Map<string, WriterProfile>();

  const draftOf = (owner: string, displayName: string): ProfileDraft => {
    const kept = store.get(owner);
    if (kept) return kept;
    const account = community.account?.id === owner ? community.account : null;
    return { displayName: account?.displayName ?? displayName, bio: account?.bio ?? '', genres: account?.genres ?? [], privacy: { ...DEFAULT_PRIVACY }, projectId: null, workingOn: null };
  };
  const mine = (owner: string, draft: ProfileDraft): MyProfile => {
    const { state, error } = sync.outbox.stateOf(owner, owner);
    const { projectId, workingOn, ...rest } = draft;
    return { ...rest, workingOn: workingOn && projectId ? { ...workingOn, projectId } : null, syncState: state, syncError: error, view: views.get(owner) ?? null };
  };
  /**
   * The writer's display name changed (saved here, or edited on another computer): every local copy
   * of it follows at once, offline too: the account kept by the community client and the sync
   * accounts (which name new posts and comments), and the writer's own rows kept here.
   */
  const renamed = (owner: string, displayName: string) => {
    community.renamed(owner, displayName);
    sync.accounts.renamed(owner, displayName);
    const shareIds = store.renameOwn(owner, displayName);
    onRenamed?.(shareIds);
  };
  /** Writes the profile and queues it, in one transaction; the outbox keeps only the latest. */
  const queueProfile = (owner: string, draft: ProfileDraft) => {
    db.transaction(() => {
      store.put(owner, draft, clock().toISOString());
      const { displayName, bio, genres, workingOn } = draft;
      sync.outbox.enqueue(owner, owner, { kind: 'profile.update', displayName, bio, genres, workingOn, stamp: sync.hlc.tick() } satisfies ProfileUpdateOp);
    })();
    sync.changed();
    onChanged();
  };

  const handlers: Handlers = {
    'profiles.mine': async () => {
      const who = sync.requireOwner();
      const fresh = orOffline(await community.request('profile:get', { accountId: who.id }));
      let draft = draftOf(who.id, who.displayName);
      if (fresh) {
        views.set(who.id, fresh);
        // Nothing of this studio's waits: the server's copy (edited on another computer, say) is the truth.
        if (sync.outbox.stateOf(who.id, who.id).state === 'synced') {
          const workingOn = fresh.workingOn ?? null;
          const before = draft.displayName;
          draft = { displayName: fresh.displayName, bio: fresh.bio ?? '', genres: fresh.genres ?? [], privacy: fresh.privacy ?? draft.privacy, workingOn, projectId: workingOn ? draft.projectId : null };
          store.put(who.id, draft, clock().toISOString());
          if (before !== draft.displayName || who.displayName !== draft.displayName) renamed(who.id, draft.displayName);
        }
      }
      return mine(who.id, draft);
    },
    'profiles.update': ({ displayName, bio, genres, workingOn: shown }) => {
      const who = sync.requireOwner();
      const current = draftOf(who.id, who.displayName);
      const workingOn = shown ? { title: projects.get(shown.projectId).title, genre: shown.genre, words: projects.wordCount(shown.projectId) } : null;
      const draft: ProfileDraft = { ...current, displayName, bio, genres, projectId: shown?.projectId ?? null, workingOn };
      queueProfile(who.id, draft);
      if (who.displayName !== displayName || current.displayName !== displayName) renamed(who.id, displayName);
      return mine(who.id, draft);
    },
    'profiles.setPrivacy': ({ privacy }) => {
      const who = sync.requireOwner();
      const draft = { ...draftOf(who.id, who.displayName), privacy };
      db.transaction(() => {
        store.put(who.id, draft, clock().toISOString());
        sync.outbox.enqueue(who.id, who.id, { kind: 'profile.privacy', privacy, stamp: sync.hlc.tick() } satisfies ProfilePrivacyOp);
      })();
      sync.changed();
      onChanged();
      return mine(who.id, draft);
    },
    'profiles.get': async ({ accountId }) => orThrow(await community.request('profile:get', { accountId })),
  };

  return {
    handlers,
    /**
     * After a document of `projectId` was saved (its project now holds `words`): if it is the
     * project the writer shows, the new count (and title) goes out, replacing any still waiting.
     * Never fails the save that called it.
     */
    afterSave(projectId: string, words: number) {
      try {
        const owner = sync.owner()?.id;
        const draft = owner ? store.get(owner) : undefined;
        if (!owner || !draft?.workingOn || draft.projectId !== projectId) return;
        const title = projects.get(projectId).title;
        if (draft.workingOn.words === words && draft.workingOn.title === title) return;
        queueProfile(owner, { ...draft, workingOn: { ...draft.workingOn, title, words } });
      } catch (error) {
        console.error('[margin core] profile word count', error);
      }
    },
    close: dispose,
  };
}

import type { MyProfile, WriterProfile } from '../../../../shared/api/profiles';
import type { StudioApi } from '../../../../shared/api/studio-api';
import type { ProfilePrivacy } from '../../../../shared/rules/profiles';
import { errorMessage } from '../../app/studio-client';
import { panelState } from '../../app/panel-state';

export interface ProfilesState {
  /** The writer's own profile, as their studio keeps it. */
  mine: MyProfile | null;
  /** Another writer's profile, open in the profile dialog (null while it loads, or when it failed). */
  viewingId: string | null;
  viewing: WriterProfile | null;
  viewError: string | null;
  /** The writer saved their profile in this session (the status line then says where it stands). */
  saved: boolean;
  error: string | null;
}

export interface ProfileEdit {
  displayName: string;
  bio: string;
  genres: string[];
  workingOn: { projectId: string; genre: string } | null;
  privacy: ProfilePrivacy;
}

/** Profiles' one store in the renderer: the writer's own profile and the one they are looking at. */
export function createProfilesStore(api: StudioApi) {
  const cell = panelState<ProfilesState>({ mine: null, viewingId: null, viewing: null, viewError: null, saved: false, error: null });
  const { set, attempt } = cell;
  const load = async () => set({ mine: await api.profiles.mine() });
  // Saved here, settled by the outbox, or a save moved the word count shown: read it again.
  api.on('profiles:changed', (change) => {
    if (change && cell.state.mine) void attempt(load);
  });
  const open = (accountId: string) => {
    set({ viewingId: accountId, viewing: null, viewError: null });
    api.profiles
      .get({ accountId })
      .then((viewing) => cell.state.viewingId === accountId && set({ viewing }))
      .catch((err: unknown) => cell.state.viewingId === accountId && set({ viewError: errorMessage(err) }));
  };
  return {
    subscribe: cell.subscribe,
    state: () => cell.state,
    load: () => attempt(load),
    save: (edit: ProfileEdit) =>
      attempt(async () => {
        const { privacy, ...fields } = edit;
        let mine = await api.profiles.update(fields);
        if (Object.entries(privacy).some(([field, v]) => mine.privacy[field as keyof ProfilePrivacy] !== v)) mine = await api.profiles.setPrivacy({ privacy });
        set({ mine, saved: true });
      }),
    /** Opens a writer's profile (the activity feed and discussions call this through useOpenProfile). */
    open,
    close: () => set({ viewingId: null, viewing: null, viewError: null }),
  };
}
export type ProfilesStore = ReturnType<typeof createProfilesStore>;

import type { ProfilePrivacy } from '../rules/profiles';
import type { WorkingOn, WriterProfile } from '../protocol/profiles-events';
import type { SyncState } from './studio-api';

export type { Badge, WorkingOn, WriterProfile } from '../protocol/profiles-events';

/** The writer's own profile as their studio keeps it: edited offline, sent through the outbox. */
export interface MyProfile {
  displayName: string;
  bio: string;
  genres: string[];
  /** The project shown, with the title, genre and word count that were (or will be) sent. */
  workingOn: (WorkingOn & { projectId: string }) | null;
  privacy: ProfilePrivacy;
  /** Where the last edit stands: waiting in the outbox, taken by the server, or refused (with why). */
  syncState: SyncState;
  syncError: string | null;
  /** The profile as the server shows it to the writer (badges, circles, activity); null offline. */
  view: WriterProfile | null;
}

export interface ProfilesStudioOutputs {
  'profiles.mine': MyProfile;
  'profiles.update': MyProfile;
  'profiles.setPrivacy': MyProfile;
  'profiles.get': WriterProfile;
}

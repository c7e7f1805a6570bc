import type { ProfilePrivacy, ViewerRelation } from '../rules/profiles';
import type { ActivityItem } from './activity-events';

/** An activity item as a profile lists it (what happened, where and when; kudos are the feed's business). */
export type ProfileActivityItem = Omit<ActivityItem, 'kudos' | 'kudosMine'>;

export interface WorkingOn {
  title: string;
  genre: string;
  words: number;
}

export interface Badge {
  key: string;
  label: string;
  awardedAt: string;
}

/**
 * A writer's profile as one viewer may see it. A field the viewer may not see is absent, not
 * empty: the server never sends it (shared/rules/profiles.ts decides).
 */
export interface WriterProfile {
  accountId: string;
  username: string;
  displayName: string;
  /** How the viewer stands to the writer. */
  relation: ViewerRelation;
  bio?: string;
  genres?: string[];
  workingOn?: WorkingOn | null;
  /** Only circles the viewer may see: public ones, or ones the viewer is in too. */
  circles?: { id: string; name: string }[];
  badges?: Badge[];
  /** Recent activity the viewer may see, newest first. */
  activity?: ProfileActivityItem[];
  /** Only for the writer themself. */
  privacy?: ProfilePrivacy;
}

export interface ProfilesOutputs {
  'profile:get': WriterProfile;
  'profile:update': WriterProfile;
  'profile:privacy': WriterProfile;
}

import { z } from 'zod';
import { Genre, ProfileBio, ProfilePrivacySchema, profilesInputs as protocol } from '../protocol/profiles-schemas';
import { PROFILE_LIMITS } from '../rules/profiles';

// The same as studio.ts's Id; declared here because studio.ts spreads these inputs.
const Id = z.uuid();

/**
 * Profiles from the studio: the writer's own is edited offline (the outbox sends it, with the
 * chosen project's title and word count read here); another writer's is asked of the server.
 */
export const profilesInputs = {
  'profiles.mine': z.object({}).strict(),
  'profiles.update': z
    .object({
      displayName: z.string().trim().min(1, 'A display name cannot be empty.').max(PROFILE_LIMITS.displayName),
      bio: ProfileBio,
      genres: z.array(Genre).max(PROFILE_LIMITS.genres),
      /** The project to show (its title and word count are read from this studio), or null for none. */
      workingOn: z.object({ projectId: Id, genre: z.string().trim().max(PROFILE_LIMITS.genre).default('') }).strict().nullable(),
    })
    .strict(),
  'profiles.setPrivacy': z.object({ privacy: ProfilePrivacySchema }).strict(),
  'profiles.get': protocol['profile:get'],
} as const;

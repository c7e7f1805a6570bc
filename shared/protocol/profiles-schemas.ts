import { z } from 'zod';
import { HLC_PATTERN } from '../sync/hlc';
import { PROFILE_FIELDS, PROFILE_LIMITS, VISIBILITIES, plainBio, type ProfileField } from '../rules/profiles';

/** Writer profiles: reading one, and the two updates a studio sends through its outbox. */
const Uuid = z.uuid();
const Stamp = z.string().regex(HLC_PATTERN, 'That is not a clock stamp.');
export const Visibility = z.enum(VISIBILITIES);
export const ProfilePrivacySchema = z.object(Object.fromEntries(PROFILE_FIELDS.map((f) => [f, Visibility])) as Record<ProfileField, typeof Visibility>).strict();
export const Genre = z.string().trim().min(1).max(PROFILE_LIMITS.genre);
export const ProfileBio = z
  .string()
  .max(PROFILE_LIMITS.bio * 2)
  .transform(plainBio)
  .pipe(z.string().max(PROFILE_LIMITS.bio, `A bio is at most ${PROFILE_LIMITS.bio} characters.`));
/** The one project shown: its title, genre and word count as the writer's studio read them. */
export const WorkingOnSchema = z
  .object({
    title: z.string().trim().min(1).max(PROFILE_LIMITS.workingTitle),
    genre: z.string().trim().max(PROFILE_LIMITS.genre),
    words: z.number().int().min(0).max(PROFILE_LIMITS.words),
  })
  .strict();
export const ProfileFields = z
  .object({
    displayName: z.string().trim().min(1, 'A display name cannot be empty.').max(PROFILE_LIMITS.displayName),
    bio: ProfileBio,
    genres: z.array(Genre).max(PROFILE_LIMITS.genres),
    workingOn: WorkingOnSchema.nullable(),
  })
  .strict();

export const profilesInputs = {
  'profile:get': z.object({ accountId: Uuid }).strict(),
  /** The whole profile as the writer last saved it (a coalescing outbox kind): an older stamp changes nothing. */
  'profile:update': ProfileFields.extend({ stamp: Stamp }).strict(),
  /** Who may see each field; an older stamp changes nothing. */
  'profile:privacy': z.object({ privacy: ProfilePrivacySchema, stamp: Stamp }).strict(),
} as const;

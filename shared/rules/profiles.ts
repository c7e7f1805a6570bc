import { refuse, type Refusal } from './rule-error';

/**
 * Writer profiles: what each field may hold and who may see it, written once for the server
 * (which never sends a field the viewer may not see), the studio (which checks what it queues)
 * and the renderer (whose settings say what each choice means).
 */

/** The fields a writer can hide; the display name is always shown. */
export const PROFILE_FIELDS = ['bio', 'genres', 'workingOn', 'circles', 'badges', 'activity'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** Who may see a field: everyone signed in, people who share a circle with the writer, or only the writer. */
export const VISIBILITIES = ['everyone', 'circles', 'me'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export type ProfilePrivacy = Record<ProfileField, Visibility>;

/** How a viewer stands to a writer: the writer themself, someone in one of their circles, or anyone else. */
export type ViewerRelation = 'self' | 'circle' | 'stranger';

/** A new profile: open about the writing, the work in progress and activity kept to circles. */
export const DEFAULT_PRIVACY: ProfilePrivacy = { bio: 'everyone', genres: 'everyone', workingOn: 'circles', circles: 'everyone', badges: 'everyone', activity: 'circles' };

export const PROFILE_LIMITS = {
  displayName: 80,
  bio: 1000,
  genres: 10,
  genre: 40,
  workingTitle: 120,
  /** Recent public activity shown on a profile. */
  activity: 10,
  /** The largest word count a shown project may claim. */
  words: 10_000_000,
} as const;

export const FIELD_LABELS: Record<ProfileField, string> = {
  bio: 'Bio',
  genres: 'Genres',
  workingOn: 'What I’m working on',
  circles: 'Circles',
  badges: 'Badges',
  activity: 'Activity',
};
export const VISIBILITY_LABELS: Record<Visibility, string> = { everyone: 'Everyone', circles: 'People in my circles', me: 'Only me' };

/** Whether a viewer standing `relation` to the writer may see a field shown to `visibility`. */
export function mayView(visibility: Visibility, relation: ViewerRelation): boolean {
  if (relation === 'self') return true;
  if (visibility === 'everyone') return true;
  return visibility === 'circles' && relation === 'circle';
}

/** May viewer V see field F of writer W: the one rule, given W's privacy and V's standing to W. */
export function mayViewField(privacy: ProfilePrivacy, field: ProfileField, relation: ViewerRelation): boolean {
  return mayView(privacy[field] ?? DEFAULT_PRIVACY[field], relation);
}

/** A stored privacy (JSON from any version) read safely: unknown or missing choices fall back to the defaults. */
export function readPrivacy(value: unknown): ProfilePrivacy {
  const given = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const out = { ...DEFAULT_PRIVACY };
  for (const field of PROFILE_FIELDS) {
    const v = given[field];
    if (typeof v === 'string' && (VISIBILITIES as readonly string[]).includes(v)) out[field] = v as Visibility;
  }
  return out;
}

/**
 * A bio is plain text: control characters other than line breaks go, runs of blank lines shrink
 * to one, and the ends are trimmed (so what is stored is what every viewer sees).
 */
export function plainBio(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0009\u000B-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** What a profile update may not hold (the schemas check types; this, the limits after cleaning). */
export function profileRefusal(p: { displayName: string; bio: string; genres: readonly string[] }): Refusal {
  if (!p.displayName.trim()) return refuse('invalid_input', 'A display name cannot be empty.');
  if (p.displayName.length > PROFILE_LIMITS.displayName) return refuse('invalid_input', `A display name is at most ${PROFILE_LIMITS.displayName} characters.`);
  if (plainBio(p.bio).length > PROFILE_LIMITS.bio) return refuse('invalid_input', `A bio is at most ${PROFILE_LIMITS.bio} characters.`);
  if (p.genres.length > PROFILE_LIMITS.genres) return refuse('invalid_input', `At most ${PROFILE_LIMITS.genres} genres.`);
  return null;
}

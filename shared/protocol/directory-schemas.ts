import { z } from 'zod';

/**
 * The directory of circles: who may find a circle and how they get in. Public circles are
 * joined directly; closed ones are asked to join (owner or moderators decide); private ones
 * are never listed and answer outsiders as a circle that does not exist.
 */
export const circleVisibilities = ['public', 'closed', 'private'] as const;
export const CircleVisibility = z.enum(circleVisibilities);
export type CircleVisibilityName = (typeof circleVisibilities)[number];

const Uuid = z.uuid();
const Genre = z.string().trim().toLowerCase().min(1).max(40);
/** A BCP 47 language tag as a writer would give it: "en", "pt-BR". */
const Language = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'A language is a code such as en or pt-BR.')
  .max(20);
/** An IANA time zone ("Europe/Paris") or UTC offset ("UTC+02:00"): a hint for when members write. */
const TimeZone = z
  .string()
  .trim()
  .regex(/^([A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}|UTC[+-]\d{2}:\d{2})$/, 'A time zone is a name such as Europe/Paris or an offset such as UTC+02:00.')
  .max(60);
/** A page of the directory resumes after the last circle seen (keyset, never OFFSET). */
export const DirectoryCursor = z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z\|[0-9a-f-]{36}$/, 'That is not a directory cursor.');

export const directoryInputs = {
  /** Listed circles (public and closed) matching all the given filters, newest first. */
  'directory:search': z
    .object({
      query: z.string().trim().max(80).default(''),
      genre: Genre.optional(),
      language: Language.optional(),
      visibility: z.enum(['public', 'closed']).optional(),
      after: DirectoryCursor.optional(),
      limit: z.number().int().min(1).max(50).default(20),
    })
    .strict(),
  /** Joins a public circle, or asks to join a closed one (with a short note to its moderators). */
  'directory:join': z.object({ circleId: Uuid, note: z.string().trim().max(500).default('') }).strict(),
  /** The requests waiting in a circle, for its owner and moderators. */
  'directory:requests': z.object({ circleId: Uuid }).strict(),
  'directory:decide': z.object({ circleId: Uuid, userId: Uuid, accept: z.boolean() }).strict(),
  /** The owner lists the circle (or unlists it, as private) and says what it is about. */
  'directory:setListing': z
    .object({
      circleId: Uuid,
      visibility: CircleVisibility,
      genres: z.array(Genre).max(8).default([]),
      language: Language.nullable().default(null),
      timeZone: TimeZone.nullable().default(null),
    })
    .strict(),
} as const;

import { readInvite } from './invite-link';
import { z } from 'zod';
import { MAX_GOAL_WORDS, MAX_STARTS_IN_MIN, SPRINT_MINUTES } from '../rules/sprints';
import { critiqueInputs } from './critique-schemas';
import { directoryInputs } from './directory-schemas';
import { discussionsInputs } from './discussions-schemas';
import { moderationInputs } from './moderation-schemas';
import { activityInputs } from './activity-schemas';
import { profilesInputs } from './profiles-schemas';
import { challengesInputs } from './challenges-schemas';
import { promptsInputs } from './prompts-schemas';

/** Payload schemas of the community protocol: the server validates every client payload with these. */
export const Uuid = z.uuid();
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_]{3,32}$/, 'A username is 3 to 32 letters, digits or underscores.');
export const Password = z.string().min(10, 'A password needs at least 10 characters.').max(200);
export const DeviceName = z.string().trim().min(1).max(80);
export const SiteRole = z.enum(['writer', 'author', 'moderator', 'admin']);
export const CircleRole = z.enum(['owner', 'moderator', 'member']);
export const HttpUrl = z
  .url()
  .max(300)
  .refine((u) => /^https?:\/\//i.test(u), 'Links must be http or https.');

const empty = z.object({}).strict();

export const communityInputs = {
  'account:register': z.object({ username: Username, password: Password, device: DeviceName }).strict(),
  'account:signIn': z.object({ username: Username, password: Password, device: DeviceName }).strict(),
  'account:signOut': empty,
  'account:me': empty,
  'account:updateProfile': z
    .object({
      displayName: z.string().trim().min(1).max(80).optional(),
      bio: z.string().max(2000).optional(),
      genres: z.array(z.string().trim().min(1).max(40)).max(10).optional(),
      links: z.array(HttpUrl).max(5).optional(),
    })
    .strict(),
  'account:devices': empty,
  'account:revokeDevice': z.object({ id: Uuid }).strict(),
  'circle:create': z.object({ name: z.string().trim().min(1).max(80), description: z.string().max(1000).default('') }).strict(),
  'circle:list': empty,
  'circle:invite': z.object({ circleId: Uuid }).strict(),
  // An invite is a code, or a link that carries it (shared/protocol/invite-link.ts reads every form).
  'circle:join': z
    .object({
      code: z
        .string()
        .trim()
        .max(1000)
        .transform((value) => {
          const reading = readInvite(value);
          return reading.ok ? reading.data.code : value;
        })
        .pipe(z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'That is not an invite code or link.')),
    })
    .strict(),
  'circle:leave': z.object({ circleId: Uuid }).strict(),
  'circle:members': z.object({ circleId: Uuid }).strict(),
  'circle:setRole': z.object({ circleId: Uuid, userId: Uuid, role: z.enum(['moderator', 'member']) }).strict(),
  'circle:ban': z.object({ circleId: Uuid, userId: Uuid }).strict(),
  'time:sync': z.object({ t0: z.number().finite() }).strict(),
  'sprint:create': z
    .object({
      circleId: Uuid.nullable().default(null),
      title: z.string().trim().min(1).max(80).default('Writing sprint'),
      durationMin: z.number().int().min(SPRINT_MINUTES.min).max(SPRINT_MINUTES.max),
      startsInMin: z.number().int().min(0).max(MAX_STARTS_IN_MIN).default(0),
      goalWords: z.number().int().min(1).max(MAX_GOAL_WORDS).nullable().default(null),
    })
    .strict(),
  'sprint:list': empty,
  'sprint:join': z.object({ sprintId: Uuid }).strict(),
  'sprint:leave': z.object({ sprintId: Uuid }).strict(),
  /** The running total of words added during the sprint: a retry never double counts. */
  'sprint:progress': z.object({ sprintId: Uuid, words: z.number().int().min(0).max(200_000) }).strict(),
  'sprint:cheer': z.object({ sprintId: Uuid, toUserId: Uuid, reaction: z.enum(['👏', '🔥', '💪', '⭐']) }).strict(),
  'sprint:results': z.object({ sprintId: Uuid }).strict(),
  'sprint:history': empty,
  ...critiqueInputs,
  ...directoryInputs,
  ...discussionsInputs,
  ...moderationInputs,
  ...activityInputs,
  ...profilesInputs,
  ...challengesInputs,
  ...promptsInputs,
} as const;

export type CommunityEvent = keyof typeof communityInputs;
export type CommunityInput<E extends CommunityEvent> = z.input<(typeof communityInputs)[E]>;
export type CommunityParsedInput<E extends CommunityEvent> = z.output<(typeof communityInputs)[E]>;
export const communityEventNames = Object.keys(communityInputs) as CommunityEvent[];
/** Events a socket may send before signing in; every other event needs a signed-in user. */
export const PUBLIC_EVENT_NAMES = ['account:register', 'account:signIn', 'time:sync'] as const satisfies readonly CommunityEvent[];
export type PublicEvent = (typeof PUBLIC_EVENT_NAMES)[number];
export const PUBLIC_EVENTS: ReadonlySet<CommunityEvent> = new Set(PUBLIC_EVENT_NAMES);

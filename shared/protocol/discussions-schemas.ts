import { z } from 'zod';

/** Discussions: threads in a circle's categories, replies, pin and lock, unread markers, @mentions. */
// mentions: writers one post notifies (a post naming thousands would be a flood of stored notices).
export const DISCUSSION_LIMITS = { title: 160, body: 20_000, categories: 12, categoryName: 40, mentions: 20 } as const;

const Uuid = z.uuid();
export const ThreadTitle = z.string().trim().min(1, 'A thread needs a title.').max(DISCUSSION_LIMITS.title);
/** Plain text with light Markdown; rendered safely (no HTML, http/https links only) where it is shown. */
export const PostBody = z.string().trim().min(1, 'Write something first.').max(DISCUSSION_LIMITS.body);
/** A page of threads resumes after the last one seen: pinned flag, last activity and id (keyset). */
export const ThreadCursor = z.string().regex(/^[01]\|\d{4}-\d{2}-\d{2}T[\d:.]+Z\|[0-9a-f-]{36}$/, 'That is not a thread cursor.');

/** `@name` in a post: usernames as accounts spell them (shared/protocol/community-schemas.ts). */
export const mentionsIn = (body: string): string[] => [...new Set([...body.matchAll(/(?:^|[^\w@])@([a-z0-9_]{3,32})\b/gi)].map((m) => m[1]!.toLowerCase()))];

export const discussionsInputs = {
  'discussion:categories': z.object({ circleId: Uuid }).strict(),
  /** The owner sets the circle's categories in order; a name kept keeps its id (and its threads). */
  'discussion:setCategories': z
    .object({ circleId: Uuid, names: z.array(z.string().trim().min(1).max(DISCUSSION_LIMITS.categoryName)).max(DISCUSSION_LIMITS.categories) })
    .strict(),
  'discussion:threads': z
    .object({ circleId: Uuid, categoryId: Uuid.optional(), after: ThreadCursor.optional(), limit: z.number().int().min(1).max(100).default(30) })
    .strict(),
  /** A thread with its posts; reading it marks it read. */
  'discussion:thread': z.object({ threadId: Uuid }).strict(),
  /** Ids are made by the studio (offline too): sending the same again is answered as before. */
  'discussion:start': z.object({ threadId: Uuid, postId: Uuid, circleId: Uuid, categoryId: Uuid.nullable().default(null), title: ThreadTitle, body: PostBody }).strict(),
  'discussion:reply': z.object({ postId: Uuid, threadId: Uuid, body: PostBody }).strict(),
  'discussion:moderate': z.object({ threadId: Uuid, pinned: z.boolean().optional(), locked: z.boolean().optional() }).strict(),
} as const;

import { z } from 'zod';
import { discussionsInputs as protocol, PostBody, ThreadTitle } from '../protocol/discussions-schemas';

// The same as studio.ts's Id; declared here because studio.ts spreads these inputs.
const Id = z.uuid();

/** Discussions from the studio: reading works offline from this studio's copy; starting and replying go through the outbox. */
export const discussionsInputs = {
  'discussions.categories': protocol['discussion:categories'],
  'discussions.setCategories': protocol['discussion:setCategories'],
  'discussions.threads': z.object({ circleId: Id, categoryId: Id.optional() }).strict(),
  'discussions.thread': z.object({ threadId: Id }).strict(),
  'discussions.start': z.object({ circleId: Id, categoryId: Id.nullable().default(null), title: ThreadTitle, body: PostBody }).strict(),
  'discussions.reply': z.object({ threadId: Id, body: PostBody }).strict(),
  'discussions.moderate': protocol['discussion:moderate'],
} as const;

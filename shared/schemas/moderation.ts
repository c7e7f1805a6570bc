import { z } from 'zod';
import { moderationInputs as protocol, reportReasons } from '../protocol/moderation-schemas';

// The same as studio.ts's Id; declared here because studio.ts spreads these inputs.
const Id = z.uuid();

/** Moderation from the studio: a report goes through the outbox (offline too); the queue, decisions and blocks need a connection. */
export const moderationInputs = {
  'moderation.report': z.object({ postId: Id, reason: z.enum(reportReasons), note: z.string().trim().max(1000).default('') }).strict(),
  'moderation.queue': protocol['moderation:queue'],
  'moderation.decide': protocol['moderation:decide'],
  'moderation.log': protocol['moderation:log'],
  'moderation.block': protocol['moderation:block'],
  'moderation.blocks': protocol['moderation:blocks'],
} as const;

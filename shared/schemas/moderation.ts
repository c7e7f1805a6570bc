import { z } from 'zod';
import { moderationInputs as protocol, reportReasons } from '../protocol/moderation-schemas';
import { reportTargetKinds } from '../rules/moderation';

// The same as studio.ts's Id; declared here because studio.ts spreads these inputs.
const Id = z.uuid();

/** Moderation from the studio: a report goes through the outbox (offline too); the queues, decisions and blocks need a connection. */
export const moderationInputs = {
  /** Report a discussion post, a comment or critique on a share, a share, or a writer's profile. */
  'moderation.report': z.object({ targetKind: z.enum(reportTargetKinds).default('post'), targetId: Id, reason: z.enum(reportReasons), note: z.string().trim().max(1000).default('') }).strict(),
  'moderation.queue': protocol['moderation:queue'],
  'moderation.decide': protocol['moderation:decide'],
  'moderation.log': protocol['moderation:log'],
  'moderation.block': protocol['moderation:block'],
  'moderation.blocks': protocol['moderation:blocks'],
  'moderation.sanction': protocol['moderation:sanction'],
  'moderation.sanctions': protocol['moderation:sanctions'],
  'moderation.setSiteModerator': protocol['moderation:setSiteModerator'],
  'moderation.mute': protocol['moderation:mute'],
} as const;

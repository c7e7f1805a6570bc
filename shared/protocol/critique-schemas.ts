import { z } from 'zod';
import { HLC_PATTERN } from '../sync/hlc';
import { MAX_QUOTE_CHARS } from '../text/anchor';

/** A shared draft travels in one Socket.IO frame, so it is smaller than a local document may be. */
export const MAX_SHARE_BYTES = 1_200_000;
export const MAX_COMMENT_CHARS = 5000;
export const MAX_CRITIQUE_PART_CHARS = 20_000;
/** Operations per `sync:push`: the client batches, the server applies a batch in one transaction. */
export const MAX_OPS_PER_PUSH = 500;

const Uuid = z.uuid();
export const Hlc = z.string().regex(HLC_PATTERN, 'Not a clock value.');
export const CommentBody = z.string().trim().min(1, 'A comment cannot be empty.').max(MAX_COMMENT_CHARS);
const CritiquePart = z.string().trim().max(MAX_CRITIQUE_PART_CHARS);
export const TextAnchorSchema = z
  .object({
    quote: z.string().min(1).max(MAX_QUOTE_CHARS),
    prefix: z.string().max(64),
    suffix: z.string().max(64),
    start: z.number().int().min(0).max(MAX_SHARE_BYTES),
  })
  .strict();
export const ShareTitle = z.string().trim().min(1).max(200);
export const ShareNote = z.string().trim().max(1000);

/**
 * Everything a writer does that the community must see travels as one of these, through
 * the studio's outbox (DESIGN.md: Offline first). Ids are made by the client.
 */
export const syncOpSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('share.publish'),
      shareId: Uuid,
      versionId: Uuid,
      circleId: Uuid,
      /** Empty: the whole circle may read it; otherwise only these members. */
      readerIds: z.array(Uuid).max(50),
      title: ShareTitle,
      note: ShareNote,
      /** Into the circle's critique queue, which costs credits. */
      queue: z.boolean(),
      content: z.string().max(MAX_SHARE_BYTES, 'A shared draft may be at most 1.2 MB.'),
    })
    .strict(),
  z.object({ kind: z.literal('share.revoke'), shareId: Uuid }).strict(),
  z
    .object({
      kind: z.literal('comment.add'),
      commentId: Uuid,
      shareId: Uuid,
      versionId: Uuid,
      /** A reply names its thread's first comment; an inline comment has an anchor instead. */
      parentId: Uuid.nullable(),
      body: CommentBody,
      anchor: TextAnchorSchema.nullable(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('critique.submit'),
      critiqueId: Uuid,
      shareId: Uuid,
      versionId: Uuid,
      worked: CritiquePart,
      didnt: CritiquePart,
      suggestions: CritiquePart,
    })
    .strict(),
  z
    .object({
      kind: z.literal('flag.set'),
      target: z.enum(['comment', 'critique']),
      id: Uuid,
      flag: z.enum(['resolved', 'helpful']),
      value: z.boolean(),
      hlc: Hlc,
    })
    .strict(),
]);
export type SyncOp = z.infer<typeof syncOpSchema>;
export type SyncOpKind = SyncOp['kind'];

export const syncEnvelope = z.object({ opId: Uuid, op: syncOpSchema }).strict();
export type SyncEnvelope = z.infer<typeof syncEnvelope>;
/** An envelope as `sync:push` checks it: its id, and an object to validate as an operation. */
export const syncEnvelopeShape = z.object({ opId: Uuid, op: z.record(z.string(), z.unknown()) }).strict();
export type RawSyncEnvelope = z.infer<typeof syncEnvelopeShape>;

export const CreditRulesSchema = z
  .object({
    postCost: z.number().int().min(0).max(100),
    critiqueReward: z.number().int().min(0).max(100),
    critiqueMinWords: z.number().int().min(0).max(5000),
    helpfulBonus: z.number().int().min(0).max(100),
    welcome: z.number().int().min(0).max(100),
  })
  .strict();
export type CreditRules = z.infer<typeof CreditRulesSchema>;
/** The defaults are a rule: shared/rules/credits.ts. */
export { DEFAULT_CREDIT_RULES } from '../rules/credits';

export const critiqueInputs = {
  // Only the envelopes' shape here: each operation is validated on its own (syncOpSchema), so
  // one malformed operation is refused alone instead of failing its whole batch.
  'sync:push': z.object({ ops: z.array(syncEnvelopeShape).min(1).max(MAX_OPS_PER_PUSH) }).strict(),
  'sync:pull': z.object({ after: z.number().int().min(0), limit: z.number().int().min(1).max(500).default(200) }).strict(),
  'credits:rules': z.object({ circleId: Uuid }).strict(),
  'credits:setRules': z.object({ circleId: Uuid, rules: CreditRulesSchema.partial() }).strict(),
} as const;

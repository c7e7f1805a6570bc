import { z } from 'zod';
import { promptsInputs as protocol, PromptScope, PromptText } from '../protocol/prompts-schemas';

// The same as studio.ts's Id; declared here because studio.ts spreads these inputs.
const Id = z.uuid();

/** Prompts from the studio: today's prompt and the library read offline from this studio's copy; suggesting goes through the outbox. */
export const promptsInputs = {
  'prompts.today': protocol['prompt:today'],
  'prompts.library': z.object({ circleId: PromptScope, status: z.enum(['active', 'retired', 'suggested', 'declined']).default('active') }).strict(),
  'prompts.add': z.object({ circleId: PromptScope, text: PromptText }).strict(),
  'prompts.edit': protocol['prompt:edit'],
  'prompts.retire': protocol['prompt:retire'],
  'prompts.decide': protocol['prompt:decide'],
  'prompts.suggest': z.object({ circleId: PromptScope, text: PromptText }).strict(),
  /** A new document in the writer's project, linked to a prompt this studio has read. */
  'prompts.write': z.object({ promptId: Id, projectId: Id, parentId: Id.nullable().default(null), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().default(null) }).strict(),
  'prompts.forDocument': z.object({ documentId: Id }).strict(),
  /**
   * Shares a response for light feedback with the prompt's circle and says so in the prompt's
   * thread. An open prompt has no circle: `circleId` is the writer's circle to share it with
   * (its thread for that prompt there is where the reply goes).
   */
  'prompts.shareResponse': z.object({ documentId: Id, circleId: Id.optional() }).strict(),
} as const;

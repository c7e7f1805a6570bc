import { z } from 'zod';
import { PROMPT_LIMITS } from '../rules/prompts';

/** Prompts: a library per circle and an open one, suggestions, and the daily prompt. */
const Uuid = z.uuid();
/** null: the open library. */
export const PromptScope = Uuid.nullable();
export const PromptText = z.string().trim().min(1, 'A prompt needs some words.').max(PROMPT_LIMITS.text);
/** A page of a library resumes after the last prompt seen: created_at and id (keyset). */
export const PromptCursor = z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z\|[0-9a-f-]{36}$/, 'That is not a prompt cursor.');

export const promptsInputs = {
  'prompt:today': z.object({ circleId: PromptScope }).strict(),
  /** Suggested, retired and declined prompts are listed for curators only. */
  'prompt:library': z
    .object({ circleId: PromptScope, status: z.enum(['active', 'retired', 'suggested', 'declined']).default('active'), after: PromptCursor.optional(), limit: z.number().int().min(1).max(100).default(50) })
    .strict(),
  /** Ids are made by the writer's studio: sending the same again is answered as before. */
  'prompt:add': z.object({ promptId: Uuid, circleId: PromptScope, text: PromptText }).strict(),
  'prompt:edit': z.object({ promptId: Uuid, text: PromptText }).strict(),
  'prompt:retire': z.object({ promptId: Uuid, retired: z.boolean() }).strict(),
  'prompt:suggest': z.object({ promptId: Uuid, circleId: PromptScope, text: PromptText }).strict(),
  'prompt:decide': z.object({ promptId: Uuid, accept: z.boolean() }).strict(),
  /** An open prompt's thread in one of the writer's circles (made by the first who asks): where its members talk about their responses. */
  'prompt:thread': z.object({ promptId: Uuid, circleId: Uuid }).strict(),
} as const;

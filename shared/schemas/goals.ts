import { z } from 'zod';

// The same as studio.ts's Id; declared here because studio.ts spreads these inputs.
const Id = z.uuid();
/** A local calendar day. */
export const Day = z.iso.date('A day is written YYYY-MM-DD.');
const Words = z.number().int().min(1, 'A target is at least one word.').max(10_000_000, 'A target is at most ten million words.');

export const WritingRulesPatch = z
  .object({
    writingDays: z
      .array(z.number().int().min(0).max(6))
      .min(1, 'Choose at least one writing day.')
      .max(7)
      .transform((days) => [...new Set(days)].sort()),
    minWords: z.number().int().min(1).max(100_000),
    dayEndsAt: z.number().int().min(0).max(12, 'A writing day can end at noon at the latest.'),
    sessionWords: Words.nullable(),
  })
  .partial()
  .strict();

/** Word targets, deadlines, the writer's rules; statistics. */
export const goalsInputs = {
  'goals.get': z.object({ projectId: Id }).strict(),
  /** words null: no target for the project (and no deadline). */
  'goals.setProject': z.object({ projectId: Id, words: Words.nullable(), deadline: Day.nullable().default(null) }).strict(),
  'goals.setDocument': z.object({ documentId: Id, words: Words.nullable() }).strict(),
  'goals.setRules': WritingRulesPatch,
  /** projectId null: every project. */
  'stats.history': z.object({ projectId: Id.nullable().default(null), days: z.union([z.literal(30), z.literal(90), z.literal(365)]) }).strict(),
} as const;

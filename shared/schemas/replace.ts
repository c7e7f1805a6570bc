import { z } from 'zod';

const Id = z.uuid();

/** One document, or every document of a project that is not in the trash. */
const ReplaceScope = z.union([z.object({ documentId: Id }).strict(), z.object({ projectId: Id }).strict()]);

const replaceRequest = z
  .object({
    scope: ReplaceScope,
    find: z.string().min(1, 'Type the text to find.').max(500).refine((s) => !/[\n\r]/.test(s), 'Find within one paragraph: no line breaks.'),
    replace: z.string().max(500).refine((s) => !/[\n\r]/.test(s), 'A replacement cannot hold line breaks.'),
    matchCase: z.boolean().default(false),
    wholeWord: z.boolean().default(false),
  })
  .strict();
export type ReplaceRequest = z.output<typeof replaceRequest>;

/** Find and replace: preview every change, apply (after a snapshot of each document changed), undo from those snapshots. */
export const replaceInputs = {
  'replace.preview': replaceRequest,
  'replace.apply': replaceRequest,
  'replace.undo': z.object({ snapshotIds: z.array(Id).min(1).max(10_000) }).strict(),
} as const;

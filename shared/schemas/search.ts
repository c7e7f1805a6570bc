import { z } from 'zod';

// The same as studio.ts's Id (a UUID); declared here because studio.ts spreads these inputs.
const Id = z.uuid();

export const SearchQuery = z.string().trim().min(1, 'Type something to search for.').max(200, 'A search may be at most 200 characters.');

/** Search across every project (or one), ranked, with snippets. */
export const searchInputs = {
  'search.query': z
    .object({
      query: SearchQuery,
      projectId: Id.optional(),
      limit: z.number().int().min(1).max(100).default(20),
    })
    .strict(),
} as const;

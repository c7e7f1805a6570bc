import { z } from 'zod';

// The same as studio.ts's Id (a UUID); declared here because studio.ts spreads these inputs.
const Id = z.uuid();
const byId = z.object({ id: Id }).strict();

/** Archive, trash and restore projects; where the writer left off in a document. */
export const projectInputs = {
  /** Archived projects keep everything and leave the project menu; `archived: false` brings one back. */
  'projects.archive': z.object({ id: Id, archived: z.boolean() }).strict(),
  'projects.trash': byId,
  'projects.restore': byId,
  'projects.trashed': z.object({}).strict(),
  /** The project and document to open at start, opened in one step (the studio's first request). */
  'documents.reopen': z.object({}).strict(),
  /** Caret (top-level block and character offset in it) and scroll offset of the page. */
  'documents.setPlace': z
    .object({
      id: Id,
      place: z
        .object({
          block: z.number().int().min(0).max(10_000_000),
          offset: z.number().int().min(0).max(100_000_000),
          scroll: z.number().min(0).max(1e9),
        })
        .strict(),
    })
    .strict(),
} as const;

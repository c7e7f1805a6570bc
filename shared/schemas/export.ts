import { z } from 'zod';

const Id = z.uuid();
const Line = (max: number) => z.string().trim().max(max).default('');

export const ExportFormat = z.enum(['docx', 'epub', 'markdown', 'text']);

/** Who the manuscript is from: the title page of standard manuscript format. */
export const ManuscriptAuthor = z
  .object({
    name: Line(120),
    /** For the running header "Surname / TITLE / page"; the last word of the name when empty. */
    surname: Line(60),
    address: z.string().trim().max(400).default(''),
    email: Line(200),
    phone: Line(60),
  })
  .strict();
export type ManuscriptAuthor = z.output<typeof ManuscriptAuthor>;

/** Export a project, or the chosen documents of it (with their children), as a manuscript file. */
export const exportInputs = {
  'export.run': z
    .object({
      /** Chosen by the caller so the progress events it receives can be told apart. */
      exportId: Id,
      projectId: Id,
      documentIds: z.array(Id).min(1).max(10_000).optional(),
      format: ExportFormat,
      author: ManuscriptAuthor.default({ name: '', surname: '', address: '', email: '', phone: '' }),
      font: z.enum(['times', 'courier']).default('times'),
      /** DOCX only: the critique comments on the text (and their replies) as Word comments. */
      comments: z.boolean().default(false),
    })
    .strict(),
} as const;

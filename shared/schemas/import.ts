import { z } from 'zod';

const Id = z.uuid();

/** The largest file an import accepts (DOCX or Markdown), before any decompression. */
export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;

/** Markdown or DOCX brought into a project: chapters split at headings, scenes at scene breaks. */
export const importInputs = {
  'import.run': z
    .object({
      projectId: Id,
      fileName: z.string().trim().min(1).max(255),
      /** The file's bytes, base64 (it crosses IPC or a WebSocket). */
      data: z
        .string()
        .max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4, `A file to import may be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file is not base64.'),
    })
    .strict(),
} as const;

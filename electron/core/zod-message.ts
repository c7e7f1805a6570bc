import type { z } from 'zod';

/** A one-line, human message for the first problem in a zod error. */
export function zodMessage(method: string, error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return `Invalid input for ${method}.`;
  const where = issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
  return `Invalid input for ${method}${where}: ${issue.message}`;
}

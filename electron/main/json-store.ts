import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';

/**
 * A small JSON file the shell keeps beside the studio (window place, shell preferences).
 * A missing, unreadable or corrupt file (a crash mid-write, a hand edit) reads as the
 * defaults and is rewritten whole on the next save; writes go to a temp file renamed into
 * place, so a crash never leaves half a file.
 */
export function jsonStore<S extends z.ZodType>(file: string, schema: S, defaults: z.output<S>) {
  return {
    read(): z.output<S> {
      try {
        const parsed = schema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
        return parsed.success ? parsed.data : defaults;
      } catch {
        return defaults;
      }
    },
    write(value: z.output<S>): void {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, JSON.stringify(value, null, 2));
      fs.renameSync(temp, file);
    },
  };
}

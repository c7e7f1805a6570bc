import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';

export interface WebFlags {
  port: number;
  dataDir: string | undefined;
  rendererDir: string | undefined;
  /** Start the community server on this computer (default) or not. */
  community: 'local' | 'off';
}

const Port = z.coerce.number().int().min(0).max(65535);

/** Parses `npm run web -- --port <p> --data <dir>`; throws an Error with a plain message on bad flags. */
export function parseWebFlags(argv: string[]): WebFlags {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { port: { type: 'string' }, data: { type: 'string' }, renderer: { type: 'string' }, community: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\nUsage: npm run web -- [--port <0-65535>] [--data <folder>] [--community local|off]`);
  }
  const port = Port.safeParse(values.port ?? '0');
  if (!port.success || (typeof values.port === 'string' && !/^\d+$/.test(values.port))) {
    throw new Error(`--port must be a whole number from 0 to 65535, not "${String(values.port)}".`);
  }
  const dir = (flag: string) => {
    const value = values[flag];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.trim() === '') throw new Error(`--${flag} needs a folder.`);
    return path.resolve(value);
  };
  const community = values.community ?? 'local';
  if (community !== 'local' && community !== 'off') throw new Error(`--community must be local or off, not "${String(community)}".`);
  return { port: port.data, dataDir: dir('data'), rendererDir: dir('renderer'), community };
}

import { parseArgs } from 'node:util';
import { z } from 'zod';
import { SiteRole, Username } from '../shared/protocol/community-schemas';
import { trustedProxies } from './socket/client-address';

export type ServerCommand =
  | { kind: 'serve'; port: number; host: string; db: string; redis: string | undefined; publicUrl: string | undefined; trustProxy: string[] | undefined }
  | { kind: 'grant-role' | 'revoke-role'; db: string; username: string; role: z.infer<typeof SiteRole> };

const USAGE = `Usage:
  npm run server -- [--port 4100] [--host 127.0.0.1] [--db sqlite:./data/community.db | --db postgres://…] [--redis redis://…] [--public-url https://…]
  npm run server -- admin grant-role <username> <writer|author|moderator|admin> [--db …]
  npm run server -- admin revoke-role <username> <role> [--db …]`;

export const DEFAULT_DB = 'sqlite:./data/community.db';

/** Parses the server's command line; throws an Error with a plain message and the usage. */
export function parseServerArgs(argv: string[]): ServerCommand {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { port: { type: 'string' }, host: { type: 'string' }, db: { type: 'string' }, redis: { type: 'string' }, 'public-url': { type: 'string' }, 'trust-proxy': { type: 'string' } },
    });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed as { values: Record<string, string | undefined>; positionals: string[] };
  const db = values.db ?? DEFAULT_DB;
  if (!/^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(db)) throw new Error(`--db must be sqlite:<file> or postgres://…\n${USAGE}`);
  if (positionals[0] === 'admin') {
    const [, action, username, role] = positionals;
    if ((action !== 'grant-role' && action !== 'revoke-role') || !username || !role) throw new Error(USAGE);
    const user = Username.safeParse(username);
    const r = SiteRole.safeParse(role);
    if (!user.success) throw new Error(`Not a username: "${username}".`);
    if (!r.success) throw new Error(`Not a role: "${role}". Roles: writer, author, moderator, admin.`);
    return { kind: action, db, username: user.data, role: r.data };
  }
  if (positionals.length > 0) throw new Error(`Unexpected "${positionals[0]}".\n${USAGE}`);
  const port = values.port ?? '4100';
  if (!/^\d+$/.test(port) || Number(port) > 65535) throw new Error(`--port must be a whole number from 0 to 65535.\n${USAGE}`);
  if (values.redis !== undefined && !/^rediss?:\/\/.+/.test(values.redis)) throw new Error(`--redis must be redis://…\n${USAGE}`);
  const publicUrl = values['public-url'];
  if (publicUrl !== undefined && !/^https?:\/\/[^/\s?#]+\/?$/.test(publicUrl)) throw new Error(`--public-url must be the address writers reach this server at, e.g. https://community.example.org\n${USAGE}`);
  const trustProxy = values['trust-proxy']?.split(',').map((e) => e.trim()).filter(Boolean);
  if (trustProxy) {
    try {
      trustedProxies(trustProxy);
    } catch (error) {
      throw new Error(`--trust-proxy: ${(error as Error).message}\n${USAGE}`);
    }
  }
  return { kind: 'serve', port: Number(port), host: values.host ?? '127.0.0.1', db, redis: values.redis, publicUrl, trustProxy: trustProxy?.length ? trustProxy : undefined };
}

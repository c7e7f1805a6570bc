import { createHash } from 'node:crypto';
import pino from 'pino';
import { createClient } from 'redis';
import type { SiteRoleName } from '../shared/protocol/community-events';
import { createCommunityServer } from './app';
import { parseServerArgs } from './cli-flags';
import { createAccountsRepo } from './features/accounts/accounts.repo';
import { openStore } from './store/open-store';

const log = pino({ level: process.env.LOG_LEVEL ?? 'info' });

async function main(): Promise<void> {
  const command = parseServerArgs(process.argv.slice(2));
  const store = await openStore(command.db);

  if (command.kind !== 'serve') {
    const accounts = createAccountsRepo(store.db);
    const user = await accounts.byUsername(command.username);
    if (!user) throw new Error(`No account named "${command.username}".`);
    const roles = new Set(JSON.parse(user.roles) as SiteRoleName[]);
    if (command.kind === 'grant-role') roles.add(command.role);
    else roles.delete(command.role);
    roles.add('writer');
    await accounts.setRoles(user.id, [...roles]);
    console.log(`${command.username}: ${[...roles].join(', ')}`);
    await store.close();
    return;
  }

  const redis = command.redis ? createClient({ url: command.redis }) : undefined;
  if (redis) {
    redis.on('error', (err) => log.error({ err }, 'redis error'));
    await redis.connect();
  }
  // Nodes of one deployment share one --db: its hash names their keys in a Redis others may share.
  const clusterName = createHash('sha256').update(command.db).digest('base64url').slice(0, 16);
  const server = createCommunityServer({ store, redis, clusterName, logger: log, publicUrl: command.publicUrl, trustProxy: command.trustProxy });
  const port = await server.listen(command.port, command.host);
  log.info({ port, host: command.host, store: store.kind, redis: !!redis }, 'community server listening');
  console.log(`MARGIN_SERVER_PORT ${port}`);

  // Started by a studio as its local server: leave when the studio is gone, even if it was killed.
  const parent = Number(process.env.MARGIN_PARENT_PID);
  if (parent > 0) {
    setInterval(() => {
      try {
        process.kill(parent, 0);
      } catch {
        void stop('parent gone');
      }
    }, 1000).unref();
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'draining connections');
    await server.close();
    await redis?.quit();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`margin server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});

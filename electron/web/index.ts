import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StudioError } from '../../shared/api/result';
import { defaultDataDir } from '../core/data-dir';
import { createStudioCore } from '../core/studio-core';
import { parseWebFlags } from './cli-flags';
import { startLocalCommunity, type LocalCommunity } from '../core/community/local-community';
import { startWebHost } from './web-host';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<void> {
  const flags = parseWebFlags(process.argv.slice(2));
  const dataDir = flags.dataDir ?? defaultDataDir();
  const core = createStudioCore({ dataDir, host: 'browser' });
  const host = await startWebHost({
    core,
    rendererDir: flags.rendererDir ?? path.join(repoRoot, 'out', 'renderer'),
    port: flags.port,
  });
  let local: LocalCommunity | undefined;
  if (flags.community === 'local') {
    try {
      local = await startLocalCommunity([process.execPath, '--import', 'tsx', path.join(repoRoot, 'server', 'index.ts')], dataDir, repoRoot);
      core.setLocalCommunityUrl(local.url);
      console.log(`Community server on this computer: ${local.url}`);
    } catch (error) {
      // The studio works without it; the sidebar says the community is not connected.
      console.error(`The local community server could not start: ${(error as Error).message}`);
    }
  }
  console.log(`Margin is running in browser mode. Data: ${dataDir}`);
  console.log(`Open this link in Chromium or Chrome (it carries your private token):`);
  console.log(`MARGIN_URL ${host.url}`);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await host.close();
    core.close();
    await local?.stop(); // checkpoints the WAL so the data folder is tidy
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  const message = error instanceof StudioError || error instanceof Error ? error.message : String(error);
  console.error(`Margin could not start browser mode: ${message}`);
  process.exit(2);
});

// Bundles the Electron main process and preload to out/electron/*.cjs. The preload runs
// sandboxed, where only `electron` can be required, so everything else is bundled in.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', sourcemap: true, logLevel: 'warning' };
await build({ ...common, entryPoints: ['electron/main/index.ts'], outfile: 'out/electron/main.cjs', external: ['electron', 'better-sqlite3'] });
await build({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'out/electron/preload.cjs', external: ['electron'] });
// The community server the desktop app runs on this computer (with ELECTRON_RUN_AS_NODE).
await build({ ...common, entryPoints: ['server/index.ts'], outfile: 'out/server/index.cjs', packages: 'external' });
console.log('built out/electron/main.cjs, out/electron/preload.cjs and out/server/index.cjs');

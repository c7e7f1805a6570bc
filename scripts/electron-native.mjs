// Builds better-sqlite3 for Electron's ABI into .electron-native/<electron version>/, from a
// copy of its sources, so the Node build that tests and browser mode use stays untouched.
// Needs Electron's headers (node-gyp fetches them once); run by `npm start` when missing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { electronVersion } from './electron-binary.mjs';

export function ensureElectronNative(root = process.cwd()) {
  const version = electronVersion(root);
  const target = path.join(root, '.electron-native', version, 'better_sqlite3.node');
  if (fs.existsSync(target)) return target;
  const work = path.join(root, '.electron-native', 'build');
  fs.rmSync(work, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'node_modules', 'better-sqlite3'), work, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}build${path.sep}`),
  });
  console.log(`Building better-sqlite3 for Electron ${version} (once)…`);
  execFileSync(
    process.execPath,
    [
      path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
      'rebuild',
      '--release',
      `--target=${version}`,
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
    ],
    { cwd: work, stdio: 'inherit' },
  );
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), target);
  fs.rmSync(work, { recursive: true, force: true });
  return target;
}

if (import.meta.url === `file://${process.argv[1]}`) ensureElectronNative();

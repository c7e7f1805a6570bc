import fs from 'node:fs';
import path from 'node:path';

/**
 * better-sqlite3 is compiled once for Node (tests, browser mode) and once for Electron's ABI
 * (by scripts/electron-native.mjs into .electron-native/). The core is told which one to load,
 * so neither build overwrites the other.
 */
export function electronNativeBinding(appRoot: string, electronVersion: string, env = process.env): string | undefined {
  const candidates = [
    env.MARGIN_NATIVE_BINDING,
    path.join(appRoot, '.electron-native', electronVersion, 'better_sqlite3.node'),
  ];
  return candidates.find((file): file is string => !!file && fs.existsSync(file));
}

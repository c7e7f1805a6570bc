// Where the Electron binary is, without requiring the `electron` package: requiring it
// tries to download the binary, which cannot work on a machine without internet.
import fs from 'node:fs';
import path from 'node:path';

export function electronBinary(root = process.cwd()) {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const exe = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return fs.existsSync(exe) ? exe : undefined;
  }
  if (!fs.existsSync(pathFile)) return undefined;
  const exe = path.join(pkg, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(exe) ? exe : undefined;
}

export function electronVersion(root = process.cwd()) {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

// `npm start`: builds (electron-vite: out/main, out/preload, out/renderer), then runs Margin in
// Electron (package.json's main is out/main/index.cjs). Where the Electron binary is missing
// (it cannot be downloaded on an offline machine) it says so and starts browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { electronBinary } from './electron-binary.mjs';
import { ensureElectronNative } from './electron-native.mjs';

const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run('npm', ['run', '--silent', 'build']);
const passthrough = process.argv.slice(2);
const exe = electronBinary();
if (exe) {
  const nativeBinding = ensureElectronNative();
  const child = spawn(exe, ['.', ...passthrough], { stdio: 'inherit', env: { ...process.env, MARGIN_NATIVE_BINDING: nativeBinding } });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    '\nThe Electron binary is not installed on this machine (it is downloaded on first use, and this\n' +
      'machine cannot download it). Starting Margin in browser mode instead: the same studio, in your browser.\n',
  );
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web/index.ts', ...passthrough], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

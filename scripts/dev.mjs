// `npm run dev`: electron-vite dev (main, preload and the core rebuilt on change, the renderer
// hot-reloaded) where Electron's binary exists. Where it does not (it is downloaded on first
// use, which an offline machine cannot do), it says so and runs the renderer on Vite's dev
// server against browser mode instead: the same studio, hot-reloaded in the browser.
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { electronBinary } from './electron-binary.mjs';
import { ensureElectronNative } from './electron-native.mjs';

const passthrough = process.argv.slice(2);
const children = [];
const stopAll = (code = 0) => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exit(code);
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(0));
const start = (cmd, args, options = {}) => {
  const child = spawn(cmd, args, { stdio: 'inherit', ...options });
  children.push(child);
  child.on('exit', (code) => stopAll(code ?? 0));
  return child;
};
const electronVite = ['node_modules/electron-vite/bin/electron-vite.js', 'dev'];

if (electronBinary()) {
  const nativeBinding = ensureElectronNative();
  start(process.execPath, [...electronVite, ...passthrough], { env: { ...process.env, MARGIN_NATIVE_BINDING: nativeBinding } });
} else {
  console.log(
    '\nThe Electron binary is not installed on this machine (it is downloaded on first use, and this\n' +
      'machine cannot download it). Running the renderer on Vite’s dev server against browser mode\n' +
      'instead: edit the renderer and the browser reloads.\n',
  );
  // Browser mode first (the studio core and its WebSocket), on a free port; it prints its link.
  const web = spawn(process.execPath, ['--import', 'tsx', 'electron/web/index.ts', '--renderer', 'renderer', ...passthrough], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(web);
  web.on('exit', (code) => stopAll(code ?? 1));
  const lines = readline.createInterface({ input: web.stdout });
  lines.on('line', (line) => {
    process.stdout.write(`[browser mode] ${line}\n`);
    const link = /(http:\/\/127\.0\.0\.1:\d+)\/#token=([\w-]+)/.exec(line);
    if (!link || children.length > 1) return;
    const pagePort = Number(process.env.MARGIN_DEV_PORT ?? 5173);
    const pageOrigin = `http://127.0.0.1:${pagePort}`;
    console.log(`\nOpen ${pageOrigin}/#token=${link[2]} in Chromium or Chrome (hot reload).\n`);
    start(process.execPath, ['--import', 'tsx', 'scripts/dev-browser.ts'], {
      env: { ...process.env, MARGIN_DEV_API: link[1], MARGIN_DEV_PAGE_ORIGIN: pageOrigin, MARGIN_DEV_PORT: String(pagePort) },
    });
  });
}

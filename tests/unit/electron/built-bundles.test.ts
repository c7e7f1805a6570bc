import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import config, { CHROME_TARGET, NODE_TARGET } from '../../../electron.vite.config';
import { APP_USER_MODEL_ID } from '../../../electron/main/attention';
import { secureWindowOptions } from '../../../electron/main/window-options';

/**
 * Reads what `npm run build` produced (npm test builds before it runs the tests) and the
 * packaging config, and fails on any regression of the shell's hardening. Electron itself
 * cannot run here, so this is how the built app is checked.
 */
const out = path.resolve('out');
const read = (file: string) => {
  const full = path.join(out, file);
  if (!fs.existsSync(full)) throw new Error(`${full} is missing: run npm run build first`);
  return fs.readFileSync(full, 'utf8');
};
const requires = (code: string) => [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]!);
/** Every module a bundle loads, following its own chunks. */
function externalsOf(file: string, seen = new Set<string>()): Set<string> {
  const found = new Set<string>();
  for (const name of requires(read(file))) {
    if (name.startsWith('.')) {
      const chunk = path.posix.join(path.posix.dirname(file), name);
      if (seen.has(chunk)) continue;
      seen.add(chunk);
      externalsOf(chunk, seen).forEach((n) => found.add(n));
    } else found.add(name);
  }
  return found;
}
const builder = yaml.load(fs.readFileSync('electron-builder.yml', 'utf8')) as Record<string, any>;
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { main: string; scripts: Record<string, string> };

describe('the built preload', () => {
  it('is one small sandboxable file: under 20 KB, no zod, nothing required but electron', () => {
    const preload = read('preload/index.cjs');
    expect(Buffer.byteLength(preload)).toBeLessThan(20 * 1024);
    // zod v4 always carries these (a comment may still say "zod": comments are kept).
    expect(preload).not.toMatch(/ZodError|\$ZodType|_zod|safeParse|require\("zod"\)/);
    expect(requires(preload)).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld("margin"');
    expect(preload).not.toMatch(/exposeInMainWorld\("(ipcRenderer|electron|require|process)"/);
  });
});

describe('the built main process', () => {
  const main = read('main/index.cjs');

  it('runs no studio core itself: neither SQLite nor the community client is loaded into main', () => {
    const loaded = externalsOf('main/index.cjs');
    for (const heavy of ['better-sqlite3', 'socket.io-client', 'socket.io', 'kysely', 'diff']) expect(loaded.has(heavy), heavy).toBe(false);
    expect(main).toMatch(/utilityProcess\.fork/);
    expect(main).toContain('"core-host.cjs"');
    expect(main).toContain('"community-server.cjs"');
  });

  it('ships both utility-process entries, which never require electron', () => {
    for (const entry of ['main/core-host.cjs', 'main/community-server.cjs']) {
      expect(externalsOf(entry).has('electron'), entry).toBe(false);
    }
    expect(externalsOf('main/core-host.cjs').has('better-sqlite3')).toBe(true);
    expect(read('main/core-host.cjs')).toContain('parentPort');
  });

  it('loads the renderer from app:// with privileges and a protocol handler, never from file://', () => {
    expect(main).toMatch(/protocol\.registerSchemesAsPrivileged\(/);
    expect(main).toMatch(/protocol\.handle\(/);
    expect(main).toContain('app://margin');
    expect(main).not.toMatch(/\.loadFile\(/);
    expect(main).not.toMatch(/loadURL\([^)]*file:/);
    expect(fs.existsSync(path.join(out, 'renderer', 'index.html'))).toBe(true);
  });

  it('never starts a process as plain Node', () => {
    expect(main).not.toMatch(/["'`]ELECTRON_RUN_AS_NODE["'`]|ELECTRON_RUN_AS_NODE\s*:/);
    expect(main).not.toMatch(/child_process/);
  });

  it('guards navigation, new windows, permissions and the sender of the studio port', () => {
    for (const needle of ['enableSandbox()', 'will-navigate', 'will-redirect', 'will-attach-webview', 'setWindowOpenHandler', 'setPermissionRequestHandler', 'setPermissionCheckHandler', 'requestSingleInstanceLock', 'second-instance', 'setAsDefaultProtocolClient', 'senderFrame', 'mainFrame']) {
      expect(main, needle).toContain(needle);
    }
  });

  it('opens windows with the secure webPreferences, and nothing in the bundle loosens them', () => {
    const prefs = secureWindowOptions('x').webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false });
    for (const [key, value] of Object.entries({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true })) {
      expect(main, key).toContain(`${key}: ${value}`);
      expect(main, key).not.toContain(`${key}: ${!value}`);
    }
    expect(main).not.toMatch(/nodeIntegrationInWorker: true|nodeIntegrationInSubFrames: true|webviewTag: true|allowRunningInsecureContent: true|experimentalFeatures: true|enableBlinkFeatures/);
    expect(main).not.toMatch(/new Tray\(|\.Tray\(/); // quiet: no tray icon
  });
});

describe('the built renderer page', () => {
  it('runs under the app:// CSP: every script is a file of the app, no inline script or handler', () => {
    const html = read('renderer/index.html');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\.\/assets\/[\w.-]+\.js"/);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});

describe('electron-vite', () => {
  it('targets Electron 45 explicitly: Node 22 and Chromium 140', () => {
    expect(NODE_TARGET).toBe('node22');
    expect(CHROME_TARGET).toBe('chrome140');
    const c = config as Record<'main' | 'preload' | 'renderer', { build: Record<string, any> }>;
    expect(c.main.build.target).toBe('node22');
    expect(c.preload.build.target).toBe('node22');
    expect(c.renderer.build.target).toBe('chrome140');
    expect(c.preload.build.externalizeDeps).toBe(false);
    expect(c.preload.build.rolldownOptions.external).toEqual(['electron']);
    expect(c.main.build.rolldownOptions.output.format).toBe('cjs');
    expect(c.preload.build.rolldownOptions.output.format).toBe('cjs');
    expect(c.renderer.build.outDir).toBe(path.join(out, 'renderer'));
  });

  it('is what npm run build and package.json use', () => {
    expect(pkg.scripts.build).toMatch(/^electron-vite build/);
    expect(pkg.main).toBe('out/main/index.cjs');
    expect(fs.existsSync('vite.config.ts')).toBe(false);
    expect(fs.existsSync('scripts/build-electron.mjs')).toBe(false);
    // Packaging starts from an empty out/ and a pinned electron-builder.
    expect(pkg.scripts.dist).toMatch(/rmSync\('out'.*&& npm run build && npx --yes electron-builder@\d+\.\d+\.\d+ --config electron-builder\.yml$/);
  });
});

describe('electron-builder.yml', () => {
  it('flips the fuses', () => {
    expect(builder.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packages the built app, with better-sqlite3 rebuilt for Electron and unpacked from the asar', () => {
    expect(builder.extraMetadata.main).toBe(pkg.main);
    expect(builder.files).toContain('out/**');
    expect(builder.files).toContain('!**/*.map');
    expect(builder.npmRebuild).toBe(true);
    expect(builder.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
    expect(builder.asar).not.toBe(false);
  });

  it('builds AppImage and deb, a hardened dmg, and nsis, and registers margin://', () => {
    expect(builder.linux.target).toEqual(['AppImage', 'deb']);
    expect(builder.mac.target).toEqual(['dmg']);
    expect(builder.mac.hardenedRuntime).toBe(true);
    const entitlements = fs.readFileSync(builder.mac.entitlements, 'utf8');
    expect([...entitlements.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1])).toEqual(['com.apple.security.cs.allow-jit']);
    expect(builder.win.target).toEqual(['nsis']);
    expect(builder.protocols).toEqual([{ name: 'Margin link', schemes: ['margin'] }]);
  });

  it('names the app as Windows notifications know it', () => {
    expect(builder.appId).toBe(APP_USER_MODEL_ID);
  });

  it('publishes nowhere until an update feed exists', () => {
    expect(builder.publish).toBeNull();
  });
});

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { devApiProxy } from './scripts/dev-api-proxy';

const root = path.dirname(fileURLToPath(import.meta.url));
const at = (...parts: string[]) => path.join(root, ...parts);

/** Electron 45 runs Node 22 (main, preload, utility processes) and Chromium 140 (the window). */
export const NODE_TARGET = 'node22';
export const CHROME_TARGET = 'chrome140';

/**
 * The page's first script (renderer/src/main.tsx) is small: it asks the core for the document
 * at once, then imports the app (app/mount.tsx). The app's code is fetched with the page, not
 * only once that first script has run (it waits for the stylesheet): the app's chunk and every
 * chunk it imports statically (else those are asked for only once the app's chunk is parsed, a
 * round trip later), and its stylesheets (else import() waits for them after that).
 */
export function preloadApp(): Plugin {
  return {
    name: 'margin-preload-app',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter((c) => c.type === 'chunk');
        const app = chunks.find((c) => c.isDynamicEntry && c.name === 'mount');
        if (!app) return [];
        const byName = new Map(chunks.map((c) => [c.fileName, c]));
        const js = new Set<string>();
        const css = new Set<string>();
        const visit = (fileName: string) => {
          const chunk = byName.get(fileName);
          if (!chunk || chunk.isEntry || js.has(fileName)) return; // the entry is the page's own script
          js.add(fileName);
          for (const file of chunk.viteMetadata?.importedCss ?? []) css.add(file);
          chunk.imports.forEach(visit);
        };
        visit(app.fileName);
        // The text's face as the first screen draws it (Literata, Latin, regular and semibold):
        // asked for with the page, it is in before the first layout, not swapped in after it.
        const fonts = Object.values(ctx.bundle ?? {}).filter((a) => a.type === 'asset' && /literata-latin-(400|600)-normal-[\w-]+\.woff2$/.test(a.fileName));
        return [
          ...fonts.map((f) => ({ tag: 'link', attrs: { rel: 'preload', as: 'font', type: 'font/woff2', crossorigin: true, href: `./${f.fileName}` }, injectTo: 'head' as const })),
          ...[...css].map((href) => ({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: `./${href}` }, injectTo: 'head' as const })),
          ...[...js].map((href) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${href}` }, injectTo: 'head' as const })),
        ];
      },
    },
  };
}

/**
 * One build for the desktop app and browser mode (`npm run build`, no Electron binary needed):
 * - main: the shell, plus the two utility-process entries it forks, the studio core host and
 *   the local community server; npm dependencies stay in node_modules (better-sqlite3 is native).
 * - preload: one sandboxed CommonJS file; nothing external but `electron`, no zod.
 * - renderer: out/renderer, which Electron serves over app:// and browser mode over loopback.
 */
export default defineConfig({
  main: {
    // The auto-update feed, baked in by a release build (empty: electron-updater stays off).
    define: { __MARGIN_UPDATE_FEED__: JSON.stringify(process.env.MARGIN_UPDATE_FEED ?? '') },
    build: {
      target: NODE_TARGET,
      outDir: at('out', 'main'),
      sourcemap: true,
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: at('electron', 'main', 'index.ts'),
          'core-host': at('electron', 'core', 'host', 'utility-entry.ts'),
          'community-server': at('server', 'index.ts'),
        },
        output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
      },
    },
  },
  preload: {
    build: {
      target: NODE_TARGET,
      outDir: at('out', 'preload'),
      sourcemap: true,
      // Sandboxed preloads can require only `electron`: bundle everything else in.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: at('electron', 'preload', 'preload.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: at('renderer'),
    base: './',
    plugins: [react(), preloadApp()],
    build: {
      target: CHROME_TARGET,
      outDir: at('out', 'renderer'),
      emptyOutDir: true,
      // electron-vite leaves the renderer unminified by default: 1.45 MB against 0.67 MB minified, parsed on every open.
      minify: true,
      sourcemap: true,
      chunkSizeWarningLimit: 1500,
      rolldownOptions: { input: at('renderer', 'index.html') },
    },
    // `npm run dev` without Electron: the page comes from Vite (hot reload), the studio from browser mode.
    server: {
      host: '127.0.0.1',
      port: Number(process.env.MARGIN_DEV_PORT ?? 5173),
      strictPort: process.env.MARGIN_DEV_API !== undefined,
      proxy: devApiProxy(process.env),
    },
  },
});

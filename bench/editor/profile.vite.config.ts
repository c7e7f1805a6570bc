// The renderer built as the app builds it, unminified, into out/renderer-profile, so
// bench/editor/profile.ts can name the functions it finds hot (RENDERER=out/renderer-profile).
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { preloadApp } from '../../electron.vite.config';

const root = path.resolve(import.meta.dirname, '../..');
export default defineConfig({
  root: path.join(root, 'renderer'),
  base: './',
  logLevel: 'warn',
  plugins: [react(), preloadApp()],
  build: { target: 'chrome140', outDir: path.join(root, 'out', process.env.PROFILE_OUT ?? 'renderer-profile'), emptyOutDir: true, minify: process.env.PROFILE_MINIFY === '1' },
});

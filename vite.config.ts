import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The renderer: one static bundle, loaded by Electron from disk and by browser mode over loopback. */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
});

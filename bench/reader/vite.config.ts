import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'bench/reader/page',
  base: './',
  logLevel: 'warn',
  plugins: [react()],
  build: { outDir: '../../../out/bench-reader', emptyOutDir: true, target: 'chrome130' },
});

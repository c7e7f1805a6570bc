import { defineConfig } from 'vite';

export default defineConfig({
  root: 'bench/editor/page',
  base: './',
  logLevel: 'warn',
  build: { outDir: '../../../out/bench-editor', emptyOutDir: true, target: 'chrome130' },
});

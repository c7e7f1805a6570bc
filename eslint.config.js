// Lint, including DESIGN.md's one-way imports between the parts, enforced per folder.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['fs', 'path', 'os', 'net', 'http', 'https', 'child_process', 'crypto', 'url', 'util', 'worker_threads', 'stream', 'zlib'];
const nodeBuiltins = [...NODE_BUILTINS, ...NODE_BUILTINS.map((m) => `${m}/*`)];

/** `no-restricted-imports` for one part: what it may never import, and why. */
const boundary = (files, { paths = [], patterns = [] }) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
});
const part = (name, why) => ({ group: [`**/${name}/**`, `**/${name}`], message: why });

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'dist/**', '.electron-native/**', 'scratch/**', '.test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-empty-object-type': 'off',
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='only']", message: 'No .only in committed tests.' }],
    },
  },
  { files: ['**/*.mjs', '**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } } },
  // shared/ runs anywhere and imports no one.
  boundary(['shared/**'], {
    paths: ['electron', 'react', 'lexical', 'better-sqlite3', 'ws', 'socket.io', 'socket.io-client'].map((name) => ({ name, message: 'shared/ runs anywhere: no runtime-specific libraries.' })),
    patterns: [
      { group: ['node:*', ...nodeBuiltins], message: 'shared/ runs anywhere: no Node APIs.' },
      part('electron', 'shared/ imports no other part.'),
      part('server', 'shared/ imports no other part.'),
      part('renderer', 'shared/ imports no other part.'),
    ],
  }),
  // The renderer reaches the world only through StudioApi.
  boundary(['renderer/**'], {
    paths: ['electron', 'better-sqlite3', 'ws', 'socket.io-client', 'socket.io'].map((name) => ({ name, message: 'The renderer reaches the world only through StudioApi (window.margin).' })),
    patterns: [
      { group: ['node:*', ...nodeBuiltins], message: 'The renderer has no Node APIs.' },
      part('electron', 'The renderer may import only shared/.'),
      part('server', 'The renderer may import only shared/.'),
    ],
  }),
  // The core and browser-mode host never know Electron exists.
  boundary(['electron/core/**', 'electron/web/**'], {
    paths: [{ name: 'electron', message: 'Only electron/main and electron/preload import electron.' }],
    patterns: [part('renderer', 'The core may import only shared/.'), part('server', 'The core may import only shared/.'), part('main', 'The core does not know its host.'), part('preload', 'The core does not know its host.')],
  }),
  boundary(['electron/main/**'], {
    patterns: [part('renderer', 'Main may import core and shared.'), part('server', 'Main may import core and shared.'), part('web', 'Main may import core and shared.')],
  }),
  boundary(['electron/preload/**'], {
    patterns: [part('core', 'The preload sees only shared/ (types).'), part('renderer', 'The preload sees only shared/.'), part('server', 'The preload sees only shared/.'), part('main', 'The preload sees only shared/.')],
  }),
  boundary(['server/**'], {
    paths: [{ name: 'electron', message: 'The server imports only shared/.' }],
    patterns: [part('electron', 'The server imports only shared/.'), part('renderer', 'The server imports only shared/.')],
  }),
);

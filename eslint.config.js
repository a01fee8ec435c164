// Lint rules, including the folder boundaries: electron stays in electron/, Node built-ins stay out of renderer/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'http', 'https', 'net', 'crypto', 'stream', 'stream/*', 'url', 'util', 'zlib', 'events', 'buffer', 'readline'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', 'electron/*'], message: 'The engine (src/) never imports electron: only electron/ does.' }, { group: ['react', 'react-dom', 'zustand', '**/renderer/**'], message: 'The engine (src/) holds no UI code.' }] }],
    },
  },
  {
    files: ['src/api/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', 'electron/*', ...nodeBuiltins], message: 'The API contract is shared with the renderer: no Node built-ins or electron here.' }] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', 'electron/*'], message: 'The renderer talks to the engine only through the API client, never electron.' }, { group: nodeBuiltins, message: 'No Node built-ins in the renderer: it runs in a sandboxed page.' }, { group: ['**/src/store/**', '**/src/jobs/**', '**/src/domain/**', '**/src/service*', '**/src/host/**'], message: 'The renderer reaches the engine only through the API contract (src/api).' }] }],
    },
  },
  {
    // Playwright reads a fixture's first parameter as a destructuring pattern; fixtures with no dependencies need `{}`.
    files: ['test/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
);

// Lint rules, including the folder boundaries: electron stays in electron/, Node built-ins stay out of renderer/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Built-ins that do I/O or touch the process; pure helpers such as node:url's domainToUnicode stay allowed in src/domain. */
const ioBuiltins = ['node:fs', 'node:fs/*', 'fs', 'fs/*', 'node:child_process', 'child_process', 'node:worker_threads', 'worker_threads', 'node:http', 'http', 'node:https', 'https', 'node:net', 'net', 'node:os', 'os', 'node:stream', 'node:stream/*', 'stream', 'stream/*', 'node:zlib', 'zlib', 'node:readline', 'readline', 'node:process', 'process', 'node:path', 'path'];
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
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', 'electron/*', ...ioBuiltins], message: 'src/domain holds pure functions: no I/O. Load reference data in src/jobs/reference-data.ts and pass it in.' }] }],
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

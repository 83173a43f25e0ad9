// Lint config for the whole repo (run from the top: `npm run lint`). Its main job is the
// process boundaries: what a file may import follows from the folder it lives in.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const noElectron = { name: 'electron', message: 'electron/core and renderer must not import Electron: put Electron calls in electron/main behind a port.' };
const nodeOnlyPackages = ['better-sqlite3', '@napi-rs/keyring', 'undici'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**'] },
  { basePath: root },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // CommonJS preloads (`node --require`) have nothing but require.
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['**/main/*', '**/preload/*', '**/renderer/*'], message: 'core is imported by the shell, never the other way round.' }] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron, ...nodeModules.map((name) => ({ name, message: 'The renderer runs in a sandboxed page: no Node modules. Ask main through the contract.' })), ...nodeOnlyPackages.map((name) => ({ name, message: 'Node-only package.' }))],
        patterns: [{ group: ['**/electron/**'], message: 'The renderer talks to main only through shared/contract.' }],
      }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron, ...nodeModules.map((name) => ({ name, message: 'shared/ runs in both processes: no Node modules.' })), ...nodeOnlyPackages.map((name) => ({ name, message: 'Node-only package.' }))],
        patterns: [{ group: ['**/electron/**', '**/renderer/**'], message: 'shared/ depends on nothing of the app.' }],
      }],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      // A sandboxed preload may require only 'electron'; anything else must be bundled and tiny.
      'no-restricted-imports': ['error', { paths: nodeModules.map((name) => ({ name, message: 'Sandboxed preloads cannot use Node modules.' })), patterns: [{ group: ['zod', '**/contract/contract', '**/contract/inputs', '**/core/**'], message: 'Keep the preload small: names only, no schemas or core.' }] }],
    },
  },
);

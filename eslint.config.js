// Lint, and the layer rules that keep the architecture's arrows pointing down:
// a folder's name says what it may import (see ../shared/docs/architecture.md).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const forbid = (...groups) => ({
  'no-restricted-imports': ['error', { patterns: groups.flat() }],
});
const noElectron = { group: ['electron', 'electron/*'], message: 'Only electron/main and electron/preload may import Electron.' };
const noNode = { group: nodeBuiltins, message: 'This layer runs without Node.js: no Node built-ins.' };
const noRenderer = { group: ['**/renderer/**'], message: 'Nothing below the renderer imports it.' };
const noElectronFolder = { group: ['**/electron/**'], message: 'The renderer and shared code never import the main-process side.' };
const noReact = { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'React belongs to the renderer.' };

export default tseslint.config(
  { ignores: ['dist/**', 'app/dist/**', 'app/node_modules/**', 'tmp/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.native-electron/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: forbid(noElectron, noNode, noRenderer, noElectronFolder, noReact),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbid(noElectron, noNode, noElectronFolder),
    },
  },
  {
    files: ['electron/backend/**/*.ts', 'electron/cli/**/*.ts'],
    rules: forbid(noElectron, noRenderer, noReact),
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: forbid(noRenderer, noReact),
  },
);

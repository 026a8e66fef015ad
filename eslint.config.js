// Layering (see docs/ARCHITECTURE.md): shared -> nothing; core -> shared; host/main/cli -> core + shared;
// preload -> electron + shared only; renderer -> shared only. A violating import fails `npm run lint` and so `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const NODE_BUILTINS = ['node:*', '^(fs|path|os|child_process|crypto|http|https|net|url|worker_threads|stream|events|zlib|util)(/.*)?$'];
// Entries starting with ^ are regular expressions over the import path; the rest are gitignore-style globs.
const forbid = (groups, message) => {
  const globs = groups.filter((g) => !g.startsWith('^'));
  const regexes = groups.filter((g) => g.startsWith('^'));
  return [{ group: globs, message }, ...regexes.map((regex) => ({ regex, message }))];
};

export const layerRules = {
  shared: [
    ...forbid(['**/electron/**', '**/renderer/**', 'electron', 'react', 'react-dom', ...NODE_BUILTINS, 'better-sqlite3', 'onnxruntime-node'], 'shared/ is pure TypeScript: no Node, no DOM, no other layer.'),
  ],
  core: [
    ...forbid(['electron', '**/renderer/**', '**/host/**', '**/main/**', '**/preload/**', '**/cli/**', 'react', 'react-dom'], 'electron/core imports only shared/ and Node (never electron, host, main, cli or renderer).'),
  ],
  host: [...forbid(['electron', '**/renderer/**', '**/main/**', '**/preload/**', 'react'], 'electron/host imports core and shared only.')],
  cli: [...forbid(['electron', '**/renderer/**', '**/main/**', '**/preload/**', 'react'], 'electron/cli imports core, host and shared only.')],
  main: [...forbid(['**/renderer/**', '**/host/**', '**/cli/**', 'react'], 'electron/main imports core and shared only.')],
  // The preload runs sandboxed in the renderer process: electron's renderer modules and shared/ types, nothing else.
  preload: [
    ...forbid(['**/core/**', '**/host/**', '**/cli/**', '**/main/**', '**/renderer/**', 'react', ...NODE_BUILTINS, 'better-sqlite3', 'onnxruntime-node'], 'electron/preload imports electron and shared/ only.'),
  ],
  renderer: [
    ...forbid(['**/electron/**', 'electron', ...NODE_BUILTINS, 'better-sqlite3', 'onnxruntime-node'], 'renderer/ imports shared/ only (never core, never Node).'),
  ],
};

const layer = (files, name, extra = {}) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: layerRules[name] }] },
  ...extra,
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-electron/', 'release/', 'test-results/', 'playwright-report/', 'test/fixtures/generated/', 'test/lint-fixtures/', 'tmp/', 'native/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  layer(['shared/**/*.ts'], 'shared'),
  layer(['electron/core/**/*.ts'], 'core'),
  layer(['electron/host/**/*.ts'], 'host'),
  layer(['electron/cli/**/*.ts'], 'cli'),
  layer(['electron/main/**/*.ts'], 'main'),
  layer(['electron/preload/**/*.ts'], 'preload'),
  layer(['renderer/src/**/*.{ts,tsx}'], 'renderer', {
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'no-restricted-imports': ['error', { patterns: layerRules.renderer }],
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  }),
);

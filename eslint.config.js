// ESLint: TypeScript's recommended rules, React hooks' rules, and the project's boundaries.
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { LAYERS } from './layers.config.js';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'assets/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Enums are not erasable; use a union of string literals.' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The renderer is untrusted and talks to main only through window.frontdesk.
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', 'node:*', '../main/*', '../../main/*'], message: 'The renderer reaches main only through window.frontdesk.' }] }],
    },
  },
  {
    // One direction of dependencies (layers.config.js, docs/architecture.md): an import against
    // the layers fails the lint. Tests and scripts stand outside the layers and may use any part.
    files: ['main/**/*.ts', 'preload/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': LAYERS.map(({ type, pattern }) => ({ type, pattern, partialMatch: false })),
      'boundaries/legacy-warnings': false,
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: LAYERS.map(({ type, may }) => ({ from: { element: { type } }, allow: { to: { element: { types: { anyOf: [type, ...may] } } } } })),
        },
      ],
      // A file of main, preload or renderer that belongs to no layer is a new folder the rule does not know yet.
      'boundaries/no-unknown-files': 'error',
    },
  },
  {
    files: ['test/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
);

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      '.node22/**',
      'demo/**',
      'bench-out/**',
      'coverage/**',
      'tmp-bench/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The engine runs in Node, the CLI and tests: it must never depend on the UI shell.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'src/core is plain TypeScript: no Electron.' },
            { name: 'react', message: 'src/core is plain TypeScript: no React.' },
            { name: 'react-dom', message: 'src/core is plain TypeScript: no React.' },
          ],
          patterns: ['electron/*', 'react/*', 'react-dom/*'],
        },
      ],
    },
  },
);

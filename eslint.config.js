import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** src/core must never depend on the UI shell: it runs in Node, the CLI and the engine process. */
const NO_UI = {
  paths: [
    { name: 'electron', message: 'src/core is plain TypeScript: no Electron.' },
    { name: 'react', message: 'src/core is plain TypeScript: no React.' },
    { name: 'react-dom', message: 'src/core is plain TypeScript: no React.' },
  ],
  patterns: ['electron/*', 'react/*', 'react-dom/*'],
};

/**
 * The layers of src/core point one way (DESIGN §3): each folder may import only the folders listed
 * for it. domain is the leaf; store knows no KPI; metrics and gap read no database; analysis
 * orchestrates; api is the contract on top.
 */
const LAYERS = {
  domain: [],
  format: ['domain'],
  store: ['domain'],
  import: ['domain', 'store'],
  metrics: ['domain', 'format'],
  gap: ['domain', 'format', 'metrics'],
  analysis: ['domain', 'format', 'store', 'metrics', 'gap'],
  api: ['domain', 'format', 'store', 'import', 'metrics', 'gap', 'analysis'],
};

function coreLayers() {
  const all = Object.keys(LAYERS);
  return [
    { files: ['src/core/**/*.ts'], rules: { 'no-restricted-imports': ['error', NO_UI] } },
    ...Object.entries(LAYERS).map(([layer, allowed]) => {
      const forbidden = all.filter((other) => other !== layer && !allowed.includes(other));
      return {
        files: [`src/core/${layer}/**/*.ts`],
        rules: {
          'no-restricted-imports': [
            'error',
            {
              paths: NO_UI.paths,
              patterns: [
                { group: NO_UI.patterns, message: 'src/core is plain TypeScript: no Electron or React.' },
                ...(forbidden.length
                  ? [
                      {
                        group: forbidden.flatMap((other) => [`**/${other}`, `**/${other}/**`]),
                        message: `src/core/${layer} may import only ${allowed.length ? allowed.join(', ') : 'itself'}: layers point one way (DESIGN §3).`,
                      },
                    ]
                  : []),
              ],
            },
          ],
        },
      };
    }),
  ];
}

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
  ...coreLayers(),
  {
    // The CLI is a host of the API like the app: it reaches core only through the contract and
    // the presentation module.
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // core/export: a host brings its own PDF printer (the CLI a Chromium, the app printToPDF).
              regex:
                '^(\\.\\./)+core/(?!api$|api/index$|format$|format/index$|export$|export/index$|export/pdf$)',
              message:
                'src/cli imports from core only the API (core/api), the presentation module (core/format) and the printers (core/export).',
            },
            {
              regex: '^(\\.\\./)+(demo|engine|main|preload|renderer)(/|$)',
              message: 'src/cli reaches the engine through core/api only.',
            },
          ],
        },
      ],
      // Data reaches the terminal only through output.ts, which escapes control characters.
      'no-console': 'error',
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    ignores: ['src/cli/output.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='write'][object.object.name='process']",
          message:
            'Write to the terminal through say/sayError/sayProgress in src/cli/output.ts (they escape control characters).',
        },
      ],
    },
  },
  {
    // The renderer runs in a browser: from core it may import only types, the contract and format.
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+core/(?!api/contract$|format$|format/index$)',
              message:
                'The renderer imports from core only the contract (core/api/contract) and core/format.',
            },
            {
              regex: '^(\\.\\./)+core/api/contract$',
              allowTypeImports: true,
              message: 'The renderer imports only types from the contract (the engine answers at run time).',
            },
            {
              group: ['node:*', 'electron', 'electron/*', 'better-sqlite3', 'fs', 'path', 'child_process'],
              message: 'The renderer runs in a browser sandbox: no Node, Electron or SQLite.',
            },
          ],
        },
      ],
    },
  },
);

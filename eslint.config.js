import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { declaredEntryPoints } from './scripts/aliases.js';

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const declared = Object.keys(declaredEntryPoints()).map(escape).join('|');

/** Boundaries every source file keeps (see docs/decisions/0010-module-contract.md). */
const everywhere = [
  {
    regex: `^(?!(?:${declared})$)@techmarket/[^/]+/.+`,
    message: 'Import a library only through an entry point declared in tsconfig.json `paths` (e.g. @techmarket/core/entities).',
  },
];
/** Inside a library or a plugin, a relative import never leaves it. */
const staysInside = {
  regex: '^\\.{1,2}/(?:.*/)?(?:src|libs|plugins|apps)/',
  message: 'A relative import must stay inside its own library or plugin; use the other one’s declared entry point.',
};
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns: [...everywhere, ...patterns] }] });

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.local/', 'migrations/*-*.ts', 'apps/console/node_modules/', 'apps/console/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // Modules add to core's registries by declaration merging (`interface SubjectRegistry extends Keys<…> {}`).
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "Property[key.name='synchronize'][value.value=true]",
          message: 'Schema changes go through migrations, never synchronize.',
        },
      ],
      ...restrict(),
    },
  },
  {
    // The console (React + TSX, in the browser): browser globals; it imports only its own files and packages.
    files: ['apps/console/**/*.{ts,tsx,mjs}'],
    languageOptions: { globals: { ...globals.browser }, parserOptions: { ecmaFeatures: { jsx: true } } },
    rules: restrict({ regex: '^@techmarket/', message: 'The console talks to the API over HTTP; it imports no server library.' }),
  },
  {
    files: ['apps/console/scripts/**/*.mjs', 'apps/console/vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Nest injects by the runtime class: a decorated constructor parameter must stay a value import.
    files: ['apps/api/**/*.ts', 'apps/worker/**/*.ts', 'libs/**/*.ts', 'plugins/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['libs/**/*.ts'],
    rules: restrict(staysInside),
  },
  {
    // Core is the engine: it names no business module. Modules register with it instead.
    files: ['libs/core/**/*.ts'],
    rules: restrict(staysInside, {
      regex: '^@techmarket/(?!core(?:/|$))',
      message: 'libs/core imports no module: modules register with core.',
    }),
  },
  {
    // The plugin API is all a plugin sees: no framework, no database, no other library.
    files: ['libs/plugin-api/**/*.ts'],
    rules: restrict(staysInside, {
      regex: '^(?!\\.{1,2}/|@jest/globals$)',
      message: 'The plugin API depends on nothing: no framework, no database, no other library.',
    }),
  },
  {
    // Dependencies between modules run one way: catalog ← contracts ← policy, contracts ← rollup, contracts + policy ← monitoring, catalog ← matching,
    // catalog + contracts + matching + rollup ← campaigns.
    files: ['libs/catalog/**/*.ts'],
    rules: restrict(staysInside, {
      regex: '^@techmarket/(?:contracts|policy|rollup|monitoring|matching|campaigns)(?:/|$)',
      message: 'The catalog depends on no later module.',
    }),
  },
  {
    files: ['libs/contracts/**/*.ts'],
    rules: restrict(staysInside, {
      regex: '^@techmarket/(?:policy|rollup|monitoring|matching|campaigns)(?:/|$)',
      message: 'Contracts depend on no later module.',
    }),
  },
  {
    files: ['libs/policy/**/*.ts'],
    rules: restrict(staysInside, {
      regex: '^@techmarket/(?:rollup|monitoring|matching)(?:/|$)',
      message: 'The policy engine depends on none of the roll-up, monitoring and matching.',
    }),
  },
  {
    files: ['libs/rollup/**/*.ts'],
    rules: restrict(staysInside, {
      regex: '^@techmarket/(?:policy|monitoring|matching|campaigns)(?:/|$)',
      message: 'The roll-up depends on none of the policy engine, monitoring, matching and campaigns (they register sections with it).',
    }),
  },
  {
    files: ['libs/monitoring/**/*.ts'],
    rules: restrict(staysInside, {
      regex: '^@techmarket/(?:rollup|matching)(?:/|$)',
      message: 'Monitoring reads contracts and policy through their services, and depends on neither the roll-up nor matching.',
    }),
  },
  {
    files: ['libs/matching/**/*.ts'],
    rules: restrict(staysInside, {
      regex: '^@techmarket/(?:contracts|policy|rollup|monitoring|campaigns)(?:/|$)',
      message: 'Matching depends only on core and the catalog.',
    }),
  },
  {
    // Campaigns push the catalog's entries ranked by matching, follow the contracts' events (types only), add a roll-up section.
    files: ['libs/campaigns/**/*.ts'],
    rules: restrict(staysInside, {
      regex: '^@techmarket/(?:policy|monitoring)(?:/|$)',
      message: 'Campaigns depend on core, the catalog, matching, the contracts’ event types and the roll-up’s section registry only.',
    }),
  },
  {
    // A plugin imports only @techmarket/plugin-api (pure: no database, network, clock or framework).
    files: ['plugins/**/*.ts'],
    rules: restrict({
      regex: '^(?!\\./|\\.\\./(?!\\.\\./)|@techmarket/plugin-api$)',
      message: 'A policy plugin imports only @techmarket/plugin-api and its own files.',
    }),
  },
  {
    files: ['plugins/**/*.spec.ts'],
    rules: restrict({
      regex: '^(?!\\./|\\.\\./(?!\\.\\./)|@techmarket/plugin-api(?:/testing)?$|@jest/globals$)',
      message: 'A plugin test imports only the plugin, @techmarket/plugin-api(/testing) and @jest/globals.',
    }),
  },
  prettier,
);

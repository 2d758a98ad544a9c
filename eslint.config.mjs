import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const NO_PROCESS_ENV = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: 'Read configuration through src/config (the only place that reads process.env).',
};

const NO_REAL_TIME = [
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'Take "now" from the injected Clock (src/common/clock); performance.now() for durations.',
  },
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'Take "now" from the injected Clock (src/common/clock); performance.now() for durations.',
  },
];

// Module ownership (docs/architecture.md, "Modules own their tables"): only a module's own
// services read or write its tables, so outside its `*.entity.ts` files (foreign-key relations) a
// module may not import another module's entity or repository as a value. `import type` is
// allowed: a type cannot query a table. Not checked: the read side (reads any table by SQL),
// database/entities.ts (the list of every entity) and the demo loader (three writes the API
// deliberately cannot make); tests and migrations are outside src/<module>/.
const WEB_NO_SERVER_SOURCE = {
  regex: '^(\\.\\./){2,}src/',
  message: 'Server code: what the web app shares with the server goes in packages/shared (@tandem/shared).',
};

const MODULES = readdirSync(join(import.meta.dirname, 'src'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const OWNERSHIP_UNCHECKED = new Set(['read-side', 'database', 'demo']);
const MODULE_OWNERSHIP = MODULES.filter((module) => !OWNERSHIP_UNCHECKED.has(module)).map((module) => ({
  files: [`src/${module}/**/*.{ts,tsx}`],
  ignores: ['**/*.entity.ts', '**/*.spec.ts'],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^(\\.\\./)+(${MODULES.filter((other) => other !== module).join('|')})/(.+/)?[^/]+\\.(entity|repository)$`,
            allowTypeImports: true,
            message:
              "Another module's table: call its service (e.g. TaskService.createWithin(manager, …)) or publish a domain event; set-based reads belong in src/read-side/.",
          },
        ],
      },
    ],
  },
}));

// packages/shared runs in the server and in the browser: no Nest, no Node, nothing of the server's.
// And the web app reaches server code only through it (no ../../../src imports).
const SHARED_CODE = [
  {
    files: ['packages/shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(node:|@nestjs/|(${[...builtinModules, 'typeorm', 'class-validator', 'class-transformer', 'express', 'react', 'react-dom'].join('|')})(/|$))`,
              message: '@tandem/shared runs in the browser too: it may not import Nest, Node, the database or React.',
            },
            {
              regex: '^\\.\\./',
              message: '@tandem/shared stands alone: it may not import files outside packages/shared/src.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [WEB_NO_SERVER_SOURCE] }],
    },
  },
  {
    // Screens reach the API through their feature's hooks (<feature>/<feature>-queries.ts), which
    // own the query keys and the refreshes a write needs; tests may fake the client.
    files: ['web/src/**/*.tsx'],
    ignores: ['web/src/**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            WEB_NO_SERVER_SOURCE,
            {
              group: ['**/api/client'],
              importNames: ['api'],
              message: "A screen calls its feature's hooks (<feature>/<feature>-queries.ts), not the API client.",
            },
          ],
        },
      ],
    },
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'packages/*/dist/**',
      'node_modules/**',
      'coverage/**',
      '.tandem/**',
      'web/dist/**',
      'web/src/api/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Type-aware rules on all TypeScript: the type checker sees an unawaited promise, a promise
  // handed to a callback that expects void, a switch that misses a case of a union.
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ['**/*.{ts,tsx}'] })),
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      // TanStack Router's redirect() is thrown by design (a Response, not an Error).
      '@typescript-eslint/only-throw-error': [
        'error',
        { allow: [{ from: 'package', package: '@tanstack/router-core', name: 'Redirect' }] },
      ],
    },
  },
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', NO_PROCESS_ENV],
      // Prettier owns layout; it writes `request(app)\n  [verb](path)`, which this rule misreads.
      'no-unexpected-multiline': 'off',
    },
  },
  {
    // One clock: the server's "now" comes from the Clock provider (src/common/clock), so a test's
    // ShiftedClock moves all of it. The rule's options are replaced per file set, hence both entries.
    files: ['src/**/*.ts'],
    ignores: ['src/common/clock/**', 'src/config/**', '**/*.spec.ts'],
    rules: { 'no-restricted-syntax': ['error', NO_PROCESS_ENV, ...NO_REAL_TIME] },
  },
  {
    files: ['src/config/**', 'test/**', 'bench/**', 'scripts/**', 'jest.config.js', '**/*.spec.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Tests read supertest's and fetch's untyped JSON bodies (`any`) on purpose and assert on
    // them; test doubles implement async interfaces without awaiting anything.
    files: ['test/**', 'bench/**', '**/*.spec.ts', '**/*.test.{ts,tsx}', 'web/src/test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
    },
  },
  ...MODULE_OWNERSHIP,
  ...SHARED_CODE,
  {
    // The web app: React's rules of hooks on top of the TypeScript rules.
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs['recommended-latest'].rules },
  },
);

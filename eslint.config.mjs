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

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.tandem/**', 'web/dist/**', 'web/src/api/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
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
    // The web app: React's rules of hooks on top of the TypeScript rules.
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs['recommended-latest'].rules },
  },
);

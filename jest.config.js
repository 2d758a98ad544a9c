/**
 * Three projects: `unit` (fast, no I/O), `e2e` (real HTTP app on real Postgres and Redis) and
 * `browser` (the built web app in Debian's Chromium against the same real app). The web app's
 * own component tests run with Vitest (npm run test:web), which `npm test` runs first.
 */
const transform = {
  '^.+\\.(t|j)s$': [
    '@swc/jest',
    {
      swcrc: false,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        keepClassNames: true,
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
  // Server-rendered HTML (the public pages, the emails) is JSX: React's automatic runtime.
  '^.+\\.tsx$': [
    '@swc/jest',
    {
      swcrc: false,
      jsc: {
        parser: { syntax: 'typescript', tsx: true, decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
        keepClassNames: true,
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
};

const common = {
  transform,
  // NestJS 12 and otplib's base32 and HMAC (@scure/base, @noble/hashes 2, nested under
  // @otplib) ship ESM only; Jest on Node 20 needs them transformed to CommonJS. The last
  // node_modules segment of a path decides.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@scure|@noble)/)(?!.*/node_modules/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  // @tandem/shared from its TypeScript source, as the type checker reads it: a test needs no
  // build of the package (Node, running dist/, loads packages/shared/dist).
  moduleNameMapper: { '^@tandem/shared$': '<rootDir>/packages/shared/src/index.ts' },
  testEnvironment: 'node',
};

module.exports = {
  // Most suites wait on PostgreSQL, Redis, child processes or timers more than they compute:
  // three at once finish sooner than two on a 2-CPU machine (each suite has its own database).
  maxWorkers: 3,
  reporters: ['default', '<rootDir>/test/setup/summary-reporter.js'],
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/src/**/*.spec.ts',
        '<rootDir>/packages/*/src/**/*.spec.ts',
        '<rootDir>/test/unit/**/*.spec.ts',
      ],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/setup/e2e-timeout.ts'],
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/setup/e2e-timeout.ts'],
    },
  ],
};

/** Unit specs sit next to the code; end-to-end suites live in test/. Both share one harness. */
const swc = JSON.parse(require('fs').readFileSync(__dirname + '/.swcrc', 'utf8'));
const common = {
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^@masks/(.*)$': '<rootDir>/libs/$1' },
  testEnvironment: 'node',
};
module.exports = {
  // Sockets kept alive by fetch (undici) to the closed test servers can hold the process open.
  forceExit: true,
  // A hang detector, not a speed limit: CI may run on a machine whose cores are both busy.
  testTimeout: 180000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/harness/global-setup.ts',
      globalTeardown: '<rootDir>/test/harness/global-teardown.ts',
    },
    // The web console in Debian's Chromium (playwright-core), against the real app; built once per run.
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/web/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/harness/browser-setup.ts',
      globalTeardown: '<rootDir>/test/harness/global-teardown.ts',
    },
    // The suites that run jobs, again on BullMQ's PostgreSQL backend (what `npm start` uses without
    // Redis), so that path cannot break silently. Redis fault suites (outbox, order-faults) stay above.
    {
      ...common,
      displayName: 'e2e-pg-queue',
      testMatch: [
        'orders',
        'payments',
        'certification-jobs',
        'needs',
        'outbox-restore',
        'worker-crash',
        'shutdown',
        'worker-metrics',
        'notifications',
      ].map((suite) => `<rootDir>/test/${suite}.e2e-spec.ts`),
      setupFiles: ['<rootDir>/test/harness/postgres-queue.ts'],
      globalSetup: '<rootDir>/test/harness/global-setup.ts',
      globalTeardown: '<rootDir>/test/harness/global-teardown.ts',
    },
  ],
};

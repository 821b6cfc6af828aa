import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'e2e/host/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Real scrypt and real encrypted files: some tests take seconds, and several
    // times longer on a loaded 2-core machine. Safety nets, not targets (those are in bench/).
    testTimeout: 180_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // The `consent-desk` tests run the bundle (dist/cli): build it from this source first.
    globalSetup: ['electron/cli/testing/build-cli.global-setup.ts'],
  },
});

import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests. `chromium`: the built renderer in Debian's Chromium
 * against the development host (real backend, fresh data folder per test).
 * `electron`: the desktop shell itself, skipped where no Electron binary
 * exists. Playwright's own browser download is impossible on these
 * machines, so Chromium is the system one.
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/app/build-renderer.global-setup.ts',
  outputDir: 'test-results',
  // Two cores: scrypt sign-ins and a browser per worker.
  workers: 2,
  fullyParallel: true,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  // A safety net, not a target: the longest walks take a minute alone and several on a loaded 2-core machine.
  timeout: 300_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testMatch: 'app/**/*.spec.ts',
      use: {
        browserName: 'chromium',
        headless: true,
        viewport: { width: 1280, height: 860 },
        launchOptions: {
          executablePath: chromiumPath,
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      },
    },
    {
      name: 'electron',
      testMatch: 'electron/**/*.spec.ts',
    },
  ],
});

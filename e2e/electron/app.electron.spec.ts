/**
 * The Electron shell itself: the real main process, preload and window,
 * driven by Playwright's `_electron`. Needs an Electron binary and a build:
 *
 *   npm run build && node scripts/app-deps.mjs
 *   npx playwright test --project electron
 *
 * (app-deps.mjs installs app/node_modules and rebuilds the database driver
 * there for Electron's ABI; the root node_modules keeps the Node build.)
 *
 * Where no Electron binary exists (these build machines) every test here
 * reports itself skipped with the reason. ELECTRON_OVERRIDE_DIST_PATH points
 * at an unpacked Electron elsewhere.
 */
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WebContents, WebPreferences } from 'electron';
import { _electron as electron, expect, test as base, type ElectronApplication, type Page } from '@playwright/test';
import { callNames } from '../../shared/contract';
import { completeTerms } from '../../shared/authorization/test-terms';
import { drawnSignature } from '../../electron/backend/consents/sample-signature';
import { patientSignature } from '../../electron/backend/consents/signing-flow';
import { appEntryUrl, contentSecurityPolicy } from '../../electron/main/app-origin';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** What Electron runs: the app/ folder of the two-package layout. */
const appDir = path.join(repoRoot, 'app');

/** Every selector the tests use, in one place, so a renamed label is a one-line change. */
const ui = {
  setupHeading: (page: Page) => page.getByRole('heading', { name: 'Set up Consent Desk' }),
  practiceName: (page: Page) => page.getByLabel('Practice name', { exact: true }),
  yourName: (page: Page) => page.getByLabel('Your name', { exact: true }),
  username: (page: Page) => page.getByLabel('Username', { exact: true }),
  password: (page: Page) => page.getByLabel('Password', { exact: true }),
  confirmPassword: (page: Page) => page.getByLabel('Confirm password', { exact: true }),
  createStore: (page: Page) => page.getByRole('button', { name: 'Create store' }),
  recoveryKeyStored: (page: Page) => page.getByRole('checkbox', { name: 'I have stored the recovery key' }),
  continueButton: (page: Page) => page.getByRole('button', { name: 'Continue' }),
  homeHeading: (page: Page) => page.getByRole('heading', { name: 'Home' }),
};

/**
 * The Electron executable, found the way `require('electron')` finds it but
 * without its side effect: when the binary is missing, that require starts
 * a download, which must never happen in a test run.
 */
function findElectronBinary(): { binary: string; exists: boolean } {
  const electronPackage = path.join(repoRoot, 'node_modules', 'electron');
  const pathFile = path.join(electronPackage, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : defaultExecutableName();
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? path.join(override, relative) : path.join(electronPackage, 'dist', relative);
  return { binary, exists: fs.existsSync(binary) };
}

function defaultExecutableName(): string {
  if (process.platform === 'win32') return 'electron.exe';
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return 'electron';
}

const electronBinary = findElectronBinary();
const skipReason =
  `No Electron binary at ${path.relative(repoRoot, electronBinary.binary) || electronBinary.binary} ` +
  '(Electron cannot be downloaded here); set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron to run these tests.';
if (!electronBinary.exists) console.log(`[electron] skipping app.electron.spec.ts: ${skipReason}`);

/** Fails with what to run, rather than with an obscure launch error. */
function assertBuilt(): void {
  const missing = ['main/index.cjs', 'preload/index.cjs', 'backend/index.cjs', 'renderer/index.html'].filter(
    (file) => !fs.existsSync(path.join(appDir, 'dist', file)),
  );
  if (missing.length > 0) throw new Error(`The app is not built (app/dist/${missing.join(', app/dist/')} missing): run \`npm run build\`.`);
  if (!fs.existsSync(path.join(appDir, 'node_modules', '.consent-desk-deps.json'))) {
    throw new Error('No app/node_modules with the Electron build of the database driver: run `node scripts/app-deps.mjs`.');
  }
}

const test = base.extend<{ dataDir: string; app: ElectronApplication; window: Page }>({
  // Each test gets a fresh, empty data folder, so each starts at the setup screen.
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'consent-desk-electron-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  app: async ({ dataDir }, use) => {
    assertBuilt();
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
    delete env.ELECTRON_RUN_AS_NODE;
    env.CONSENT_DESK_DATA_DIR = dataDir;
    const app = await electron.launch({ executablePath: electronBinary.binary, args: [appDir], cwd: repoRoot, env });
    await use(app);
    await app.close();
  },
  window: async ({ app }, use) => {
    const window = await app.firstWindow();
    await window.waitForLoadState('domcontentloaded');
    await use(window);
  },
});

test.skip(!electronBinary.exists, skipReason);

test('start-up shows the setup screen', async ({ window }) => {
  await expect(ui.setupHeading(window)).toBeVisible();
  expect(window.url()).toBe(appEntryUrl);
});

test('the window is locked down', async ({ app, window }) => {
  await expect(ui.setupHeading(window)).toBeVisible();

  // getLastWebPreferences is not in electron.d.ts but exists at run time.
  const preferences = await app.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]?.webContents as
      | (WebContents & { getLastWebPreferences?: () => WebPreferences | null })
      | undefined;
    const p = contents?.getLastWebPreferences?.() ?? null;
    return p && { contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration, webSecurity: p.webSecurity };
  });
  expect(preferences).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });

  // The page sees the bridge, one function per contract call, and no Node.
  const surface = await window.evaluate(() => {
    // The spec compiles without DOM types; this is the part of `window` it reads.
    const page = globalThis as unknown as {
      require?: unknown;
      process?: unknown;
      consentDesk?: Record<string, unknown>;
      open: (url: string) => unknown;
    };
    return {
      require: typeof page.require,
      process: typeof page.process,
      bridge: page.consentDesk ? Object.keys(page.consentDesk).sort() : null,
      popup: page.open('https://example.com/') === null ? 'denied' : 'opened',
    };
  });
  expect(surface).toEqual({ require: 'undefined', process: 'undefined', bridge: [...callNames].sort(), popup: 'denied' });

  // The page's own response carries the CSP header.
  const response = await window.reload();
  expect(response?.headers()['content-security-policy']).toBe(contentSecurityPolicy);
  await expect(ui.setupHeading(window)).toBeVisible();

  // The scheme serves only the renderer's files, and nothing leaves the machine.
  const probes = await app.evaluate(async ({ net }, entry) => {
    const status = (url: string) => net.fetch(url).then((r) => r.status, () => 'blocked');
    const origin = new URL(entry).origin;
    return {
      csp: await net.fetch(entry).then((r) => r.headers.get('content-security-policy')),
      traversal: await status(`${origin}/%2e%2e/%2e%2e/package.json`),
      encodedSlash: await status(`${origin}/..%2f..%2fpackage.json`),
      internet: await status('https://example.com/'),
    };
  }, appEntryUrl);
  expect(probes).toEqual({ csp: contentSecurityPolicy, traversal: 404, encodedSlash: 404, internet: 'blocked' });
});

test('set up the store and arrive signed in', async ({ window }) => {
  await setUpInWindow(window);
});

test('Chromium keeps none of the page’s data on disk: the data folder holds no plaintext', async ({ app, window, dataDir }) => {
  await setUpInWindow(window);
  await window.evaluate(async () => {
    const bridge = (globalThis as unknown as { consentDesk: Record<string, (input: unknown) => Promise<unknown>> }).consentDesk;
    await bridge['patients.create']!({ firstName: 'Quintessa', lastName: 'Vantongeren', dateOfBirth: '1984-05-17', recordNumber: 'MRN-99871', phone: null, email: null, city: null });
  });
  await window.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click();
  await app.close();
  // Every file below the data folder, Chromium's own chromium/ folder included.
  const files = (fs.readdirSync(dataDir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    for (const needle of ['Quintessa', 'Vantongeren', 'MRN-99871', 'Riverside Family Practice', 'Alex Morgan']) {
      expect(bytes.includes(needle), `${needle} in ${file}`).toBe(false);
    }
  }
});

/** Sets up the store through the window, and arrives signed in as the administrator. */
async function setUpInWindow(window: Page): Promise<void> {
  await expect(ui.setupHeading(window)).toBeVisible();
  await ui.practiceName(window).fill('Riverside Family Practice');
  await ui.yourName(window).fill('Alex Morgan');
  await ui.username(window).fill('alex');
  await ui.password(window).fill('correct horse battery staple');
  await ui.confirmPassword(window).fill('correct horse battery staple');
  await ui.createStore(window).click();
  // Creating the store derives keys with scrypt: allow it time.
  await ui.recoveryKeyStored(window).check({ timeout: 30_000 });
  await ui.continueButton(window).click();
  await expect(ui.homeHeading(window)).toBeVisible();
}

test('a report is saved where the system’s Save dialog says, and nowhere else', async ({ app, window, dataDir }) => {
  await setUpInWindow(window);
  const target = path.join(dataDir, '..', `${path.basename(dataDir)}-report.pdf`);
  // The dialog itself is the OS's; answer it the way a person would.
  await app.evaluate(({ dialog }, file) => {
    const answer = { canceled: false, filePath: file };
    dialog.showSaveDialog = (async () => answer) as typeof dialog.showSaveDialog;
  }, target);
  await window.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
  await window.getByRole('button', { name: /^Save PDF… \(uncovered posts\)$/ }).click();
  await expect(window.getByRole('status').filter({ hasText: /report is saved as .*-report\.pdf/ })).toBeVisible();
  expect(fs.readFileSync(target).subarray(0, 5).toString()).toBe('%PDF-');
  fs.rmSync(target, { force: true });
  // A path named by the page itself is refused by the main process.
  const refused = await window.evaluate(async () => {
    const page = globalThis as unknown as { consentDesk: Record<string, (input: unknown) => Promise<{ ok: boolean; error?: { code: string } }>> };
    return page.consentDesk['backups.setSchedule']!({ enabled: true, folder: '/tmp', everyHours: 24, keep: 14 });
  });
  expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
});

test('Print sends the signed PDF to the printer and records the patient’s copy', async ({ app, window }) => {
  await setUpInWindow(window);
  const signature = drawnSignature();
  // A final authorization made through the window's own bridge, as the screens make it.
  const id = await window.evaluate(
    async ({ terms }) => {
      const bridge = (globalThis as unknown as { consentDesk: Record<string, (input: unknown) => Promise<{ ok: boolean; value: never }>> }).consentDesk;
      const call = async (name: string, input: unknown) => {
        const result = await bridge[name]!(input);
        if (!result.ok) throw new Error(`${name} failed`);
        return result.value as { id: string; document: unknown };
      };
      const patient = await call('patients.create', { firstName: 'Maria', lastName: 'Lopez', dateOfBirth: '1984-05-17', recordNumber: null, phone: null, email: null, city: null });
      const draft = await call('consents.createDraft', { patientId: patient.id, terms });
      await call('consents.startPatientMode', { id: draft.id });
      return draft.id;
    },
    { terms: completeTerms() },
  );
  // The patient signs with the text hash computed from the draft, as patient mode does.
  const draft = await window.evaluate(async (draftId) => {
    const bridge = (globalThis as unknown as { consentDesk: Record<string, (input: unknown) => Promise<{ ok: boolean; value: never }>> }).consentDesk;
    return (await bridge['consents.get']!({ id: draftId })).value;
  }, id);
  const signed = patientSignature(draft, 'Maria Lopez', signature);
  await window.evaluate(async (input) => {
    const bridge = (globalThis as unknown as { consentDesk: Record<string, (input: unknown) => Promise<{ ok: boolean }>> }).consentDesk;
    await bridge['consents.patientSign']!(input);
    await bridge['consents.witness']!({ id: input.id, password: 'correct horse battery staple' });
  }, signed);

  // Printing itself goes to the OS; record what was printed instead of paper.
  await app.evaluate(({ webContents }) => {
    const prototype = Object.getPrototypeOf(webContents.getAllWebContents()[0]!) as { print: unknown };
    (globalThis as { printedUrls?: string[] }).printedUrls = [];
    prototype.print = function (this: { getURL(): string }, _options: unknown, callback: (success: boolean, reason: string) => void) {
      (globalThis as { printedUrls?: string[] }).printedUrls!.push(this.getURL());
      callback(true, '');
    };
  });
  await window.evaluate((authorizationId) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = `#/patients?authorization=${authorizationId}`;
  }, id);
  await window.getByRole('button', { name: 'Print', exact: true }).click();
  await expect(window.getByText(/^Printed for the patient: Alex Morgan, /)).toBeVisible();
  const printed = await app.evaluate(() => (globalThis as { printedUrls?: string[] }).printedUrls ?? []);
  expect(printed).toEqual([expect.stringMatching(/^consent-desk-print:\/\/[0-9a-f]{32}\/patient-copy\.pdf$/)]);
});

test('the computer going to sleep locks Consent Desk', async ({ app, window }) => {
  await setUpInWindow(window);
  await app.evaluate(({ powerMonitor }) => {
    powerMonitor.emit('suspend');
  });
  await expect(window.getByText('Consent Desk locked because the computer was locked or went to sleep. Sign in to continue.')).toBeVisible();
  await expect(ui.homeHeading(window)).toHaveCount(0);
});

import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { storePaths } from '../backend/data-dir';
import { newStoreCipher } from '../backend/store/database';
import { setUpStore, tempDataDir } from '../backend/testing/test-backend';
import { lines, runConsentDesk } from './testing/cli-process';

const dirs: string[] = [];
function freshDir(label: string): string {
  const dir = tempDataDir(`cli-${label}`);
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** Exactly one line on stderr, prefixed with the command's name. */
function expectOneErrorLine(stderr: string): string {
  const all = lines(stderr);
  expect(all).toHaveLength(1);
  expect(all[0]).toMatch(/^consent-desk: \S/);
  return all[0]!;
}

describe('consent-desk init and status', () => {
  it('creates a store and prints the recovery key once, with a warning; status --json then parses', async () => {
    const dataDir = `${freshDir('init')}/store`;
    const password = 'a long enough admin password';
    const init = await runConsentDesk(
      ['init', '--data-dir', dataDir, '--practice', 'Lakeside Chiropractic', '--admin', 'privacy', '--name', 'Robin Hale', '--password-stdin'],
      `${password}\n`,
    );
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/^ {4}([0-9A-Z]{4}-){12}[0-9A-Z]{4}$/m);
    expect(init.stdout).toMatch(/Store this key now/);
    expect(fs.existsSync(storePaths(dataDir).keyring)).toBe(true);

    // The trailing newline was stripped: the password without it signs in.
    const status = await runConsentDesk(['status', '--data-dir', dataDir, '--user', 'privacy', '--password-stdin', '--json'], password);
    expect(status.stderr).toBe('');
    expect(status.code).toBe(0);
    const parsed = JSON.parse(status.stdout) as Record<string, unknown>;
    expect(parsed).toMatchObject({
      dataDir,
      practiceName: 'Lakeside Chiropractic',
      cipher: newStoreCipher,
      counts: { staff: 1 },
      auditChain: { intact: true },
    });
    expect(parsed.schemaVersion).toBeGreaterThanOrEqual(1);
  });

  it('answers a wrong password with exit 2 and one line on stderr', async () => {
    const { dataDir, backend } = await setUpStore({ dataDir: freshDir('wrong') });
    backend.close();
    const run = await runConsentDesk(['status', '--data-dir', dataDir, '--user', 'admin', '--password-stdin'], 'not the password\n');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(expectOneErrorLine(run.stderr)).toMatch(/username or password is not right/);
  });

  it('answers usage errors with exit 2 and one line, before reading any password', async () => {
    const missing = await runConsentDesk(['status', '--data-dir', freshDir('usage'), '--user', 'admin']);
    expect(missing.code).toBe(2);
    expect(expectOneErrorLine(missing.stderr)).toMatch(/--password-stdin/);
    const unknown = await runConsentDesk(['audit', 'verify', '--password', 'secret']);
    expect(unknown.code).toBe(2);
    expect(expectOneErrorLine(unknown.stderr)).toMatch(/Unknown option '--password'.*audit verify --help/);
  });

  it('prints help for a command and exits 0', async () => {
    const help = await runConsentDesk(['audit', 'verify', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: consent-desk audit verify --data-dir DIR --user USER --password-stdin/);
  });
});

import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { samplePatient } from '../backend/testing/consent-flow';
import { damageLeafPageOf } from '../backend/testing/damaged-page';
import { adminPassword, setUpStore } from '../backend/testing/test-backend';
import { lines, runConsentDesk } from './testing/cli-process';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('which commands read every page before they start', () => {
  it('status reports from the pages it reads; a command that does not only report refuses the damaged store first, naming it', async () => {
    const t = await setUpStore();
    dirs.push(t.dataDir);
    for (let i = 0; i < 120; i += 1) await t.call('patients.create', { ...samplePatient, recordNumber: `MRN-${i}`, firstName: `Maria ${i}` });
    await t.call('session.signOut', {});
    t.backend.close();
    // A leaf page of the patients table: status counts patients through an index, sign-in reads none of it.
    await damageLeafPageOf(t.dataDir, 'patients');

    const signedIn = ['--data-dir', t.dataDir, '--user', 'admin', '--password-stdin'];
    const status = await runConsentDesk(['status', ...signedIn, '--json'], adminPassword);
    expect(status.stderr).toBe('');
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ counts: { patients: 120 }, lastCheck: null });

    // The default: the quick check reads every page before the command, so the damage is found before anything is written.
    const verify = await runConsentDesk(['audit', 'verify', ...signedIn], adminPassword);
    expect(verify.code).not.toBe(0);
    expect(lines(verify.stderr)).toEqual([expect.stringMatching(/damaged/)]);
    // …and `check` still reads every page too.
    const check = await runConsentDesk(['check', ...signedIn], adminPassword);
    expect(check.code).not.toBe(0);
    expect(check.stderr).toMatch(/integrity check/);
  }, 180_000);
});

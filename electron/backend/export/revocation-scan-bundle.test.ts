import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeTerms } from '../../../shared/authorization/test-terms';
import type { BundleManifest } from '../../../shared/compliance/audit-bundle';
import { samplePatient, signAuthorization } from '../testing/consent-flow';
import { signatureFixture } from '../testing/fixture-png';
import { exportAndWait, frontDesk } from '../testing/audit-practice';
import { manualClock } from '../testing/manual-clock';
import { adminPassword, setUpStore, tempDataDir } from '../testing/test-backend';
import { readZip, rewriteZip } from '../testing/zip-tools';
import { verifyBundle } from './bundle-verify';

/** A written revocation's scan in the audit bundle: beside the acknowledgment, in the manifest with its hash, checked by the verifier. */
let t: Awaited<ReturnType<typeof setUpStore>>;
let bundle: string;
let files: Map<string, Buffer>;
let consentId: string;
const letter = signatureFixture(300, 120).png;
const dirs: string[] = [];
const march = { from: '2026-03-01', to: '2026-03-31' };

beforeAll(async () => {
  const clock = manualClock('2026-03-02T15:00:00.000Z');
  t = await setUpStore({ now: clock.now });
  dirs.push(t.dataDir);
  await t.call('staff.create', { ...frontDesk, displayName: 'Fran Front', role: 'frontdesk' });
  await t.call('session.signIn', frontDesk);
  const patient = await t.call('patients.create', samplePatient);
  const consent = await signAuthorization(t.call, patient.id, completeTerms(), 'Maria Lopez', frontDesk.password);
  consentId = consent.id;
  await t.call('consents.revoke', { id: consent.id, receivedOn: '2026-03-02', method: 'mail', note: '', scan: { mimeType: 'image/png', base64: letter.toString('base64') } });
  await t.call('session.signIn', { username: 'admin', password: adminPassword });
  const { job } = await exportAndWait(t.call, march);
  expect(job.state).toBe('done');
  bundle = job.filePath!;
  files = await readZip(bundle);
});
afterAll(() => {
  t.backend.close();
  dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
});

const manifestOf = (zip: Map<string, Buffer>) => JSON.parse(zip.get('manifest.json')!.toString('utf8')) as BundleManifest;

describe('the scan of a written revocation in the audit bundle', () => {
  it('lies beside the acknowledgment, as received, listed in the manifest with its SHA-256', () => {
    const name = `revocations/${consentId}-scan.png`;
    expect([...files.keys()].filter((f) => f.startsWith('revocations/')).sort()).toEqual([`revocations/${consentId}-scan.png`, `revocations/${consentId}.pdf`]);
    expect(files.get(name)!.equals(letter)).toBe(true);
    expect(manifestOf(files).files.find((f) => f.path === name)).toEqual({
      path: name,
      sha256: crypto.createHash('sha256').update(letter).digest('hex'),
      bytes: letter.length,
      kind: 'revocation-scan',
      authorizationId: consentId,
    });
    expect(files.get('README.txt')!.toString('utf8')).toContain('the scan of the written revocation as received');
  });

  it('passes verification, and a changed or missing scan fails it, named', async () => {
    expect(await verifyBundle(bundle)).toMatchObject({ ok: true, failures: [] });
    const dir = tempDataDir('scan-tamper');
    dirs.push(dir);
    const changed = path.join(dir, 'changed-scan.zip');
    await rewriteZip(bundle, changed, (zip) => {
      const scan = Buffer.from(zip.get(`revocations/${consentId}-scan.png`)!);
      scan[scan.length - 20]! ^= 0xff;
      zip.set(`revocations/${consentId}-scan.png`, scan);
    });
    const tampered = await verifyBundle(changed);
    expect(tampered.ok).toBe(false);
    expect(tampered.failures).toEqual([`revocations/${consentId}-scan.png: changed (its SHA-256 does not match the manifest).`]);
    const removed = path.join(dir, 'removed-scan.zip');
    await rewriteZip(bundle, removed, (zip) => zip.delete(`revocations/${consentId}-scan.png`));
    expect((await verifyBundle(removed)).failures).toEqual([`revocations/${consentId}-scan.png: missing from the bundle (the manifest lists it).`]);
  });

  it('counts the scan among the files the progress reports', async () => {
    const { job } = await exportAndWait(t.call, { ...march, includeNames: true });
    const names = [...(await readZip(job.filePath!)).keys()];
    expect(names).toContain(`revocations/Lopez-Maria_${consentId}-scan.png`);
    expect(job).toMatchObject({ done: names.length, total: names.length });
  });
});

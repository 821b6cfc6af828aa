import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { completeTerms } from '../../shared/authorization/test-terms';
import { samplePatient, signAuthorization } from '../backend/testing/consent-flow';
import { manualClock } from '../backend/testing/manual-clock';
import { adminPassword, setUpStore, tempDataDir } from '../backend/testing/test-backend';
import { runConsentDesk } from './testing/cli-process';

describe('consent-desk check-authorization', () => {
  it('reports every element of a signed authorization, in either language, and exits 1 on a document that is not one', async () => {
    const t = await setUpStore({ now: manualClock('2026-11-29T15:00:00.000Z').now });
    const patient = await t.call('patients.create', samplePatient);
    const dir = tempDataDir('check-authorization');
    const files: Record<string, string> = {};
    for (const language of ['en', 'es'] as const) {
      const signed = await signAuthorization(t.call, patient.id, completeTerms({ language, remuneration: { thirdPartyPays: true, payer: 'Acme Orthotics' } }), 'Maria Lopez', adminPassword);
      files[language] = path.join(dir, `${language}.pdf`);
      fs.writeFileSync(files[language], Buffer.from((await t.call('consents.pdf', { id: signed.id })).base64, 'base64'));
      if (language === 'en') await t.call('consents.revoke', { id: signed.id, receivedOn: '2026-11-29', method: 'mail' });
      if (language === 'en') fs.writeFileSync(path.join(dir, 'ack.pdf'), Buffer.from((await t.call('consents.revocationPdf', { id: signed.id })).base64, 'base64'));
    }

    const en = await runConsentDesk(['check-authorization', files.en!]);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('(en)');
    expect(en.stdout).toMatch(/present\s+164\.508\(c\)\(2\)\(i\) how to revoke \(address\): send to: 120 River Road, Springfield, IL 62701/);
    expect(en.stdout).toMatch(/present\s+164\.508\(a\)\(3\)\(ii\) remuneration and payer: payer: Acme Orthotics/);
    expect(en.stdout).toContain('Every required element and statement is present.');

    const es = await runConsentDesk(['check-authorization', files.es!, '--json']);
    expect(es.code).toBe(0);
    const report = JSON.parse(es.stdout) as { language: string; complete: boolean; items: { element: string; status: string }[] };
    expect(report).toMatchObject({ language: 'es', complete: true });
    expect(report.items.find((i) => i.element === 'representative')?.status).toBe('not_applicable');

    const notOne = await runConsentDesk(['check-authorization', path.join(dir, 'ack.pdf')]);
    expect(notOne.code).toBe(1);
    expect(notOne.stdout).toContain('MISSING');
    const usage = await runConsentDesk(['check-authorization']);
    expect(usage.code).toBe(2);
  });
});

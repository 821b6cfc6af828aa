import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { pkcs12Fixture } from '../testing/pkcs12-fixture';
import { fingerprintOf } from './certificate-pem';
import { generatePracticeCertificate, importPracticeCertificate, loadPkcs12Reader, readPkcs12 } from './practice-certificate';

const loadKey = (pkcs8: Buffer) => crypto.createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });

describe('the practice certificate', () => {
  beforeAll(loadPkcs12Reader);

  it('is made self-signed for ten years, for signing only, with a key Node loads as it is', async () => {
    const now = new Date('2026-03-02T12:00:00Z');
    const bundle = await generatePracticeCertificate('Riverside Physical Therapy', now);
    const cert = new crypto.X509Certificate(bundle.certificateDer);
    expect(cert.subject).toBe('CN=Riverside Physical Therapy (Consent Desk)\nO=Riverside Physical Therapy');
    // Self-signed: issued by its own name, signed by its own key.
    expect(cert.issuer).toBe(cert.subject);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(new Date(cert.validTo).getUTCFullYear()).toBe(2036);
    expect(cert.checkPrivateKey(loadKey(bundle.privateKeyPkcs8))).toBe(true);
    expect(bundle.info).toMatchObject({
      subject: 'CN=Riverside Physical Therapy (Consent Desk), O=Riverside Physical Therapy',
      issuer: 'CN=Riverside Physical Therapy (Consent Desk), O=Riverside Physical Therapy',
      fingerprintSha256: fingerprintOf(bundle.certificateDer),
      source: 'generated',
    });
    // Key usage (critical): digital signature and non-repudiation, nothing else (BIT STRING 06 c0).
    expect(bundle.certificateDer.includes(Buffer.from([0x03, 0x02, 0x06, 0xc0]))).toBe(true);
    // A second certificate is another key and another serial.
    const other = await generatePracticeCertificate('Riverside Physical Therapy', now);
    expect(new crypto.X509Certificate(other.certificateDer).serialNumber).not.toBe(cert.serialNumber);
  });

  it('imports a .p12 once, into the same form', async () => {
    const fixture = pkcs12Fixture();
    const bundle = await importPracticeCertificate(fixture.p12, fixture.passphrase, new Date('2026-03-02T12:00:00Z'));
    expect(bundle.certificateDer.equals(fixture.certificateDer)).toBe(true);
    expect(new crypto.X509Certificate(bundle.certificateDer).checkPrivateKey(loadKey(bundle.privateKeyPkcs8))).toBe(true);
    expect(bundle.info).toMatchObject({ subject: 'CN=Riverside Physical Therapy', source: 'imported', fingerprintSha256: fingerprintOf(fixture.certificateDer) });
  });

  it('refuses a wrong passphrase, a file that is not a .p12 and an expired certificate, in words', async () => {
    const fixture = pkcs12Fixture();
    const refusal = async (run: () => unknown) => {
      try {
        await run();
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        return (error as AppError).message;
      }
      throw new Error('not refused');
    };
    expect(await refusal(() => readPkcs12(fixture.p12, 'wrong'))).toMatch(/passphrase is wrong/);
    expect(await refusal(() => readPkcs12(Buffer.from('not a certificate'), ''))).toMatch(/not a \.p12 certificate/);
    const expired = pkcs12Fixture({ notAfter: new Date(Date.UTC(2025, 5, 30)) });
    expect(await refusal(() => importPracticeCertificate(expired.p12, expired.passphrase, new Date('2026-03-02T12:00:00Z')))).toBe('That certificate expired on 2025-06-30.');
  });
});

import type { ParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { CertificateBundle } from '../crypto/practice-certificate';
import { auditIn, type ConsentCore, type EngineCore } from '../engine-core';
import type { Handlers } from './handler';

/**
 * The certificate that signs PDFs; a store created before certificates
 * existed gets its self-signed one on first use. It is read, and made, in
 * transactions of its own on the store engine, never inside the caller's:
 * generating a key pair is slow work. A certificate another workstation
 * activated meanwhile is the one used (the one made here is dropped).
 */
export async function signingCertificate(core: EngineCore & Pick<ConsentCore, 'settings' | 'now'>): Promise<CertificateBundle> {
  const certificates = core.engine.records.practice.certificates;
  const existing = await core.engine.read((tx) => certificates.activeCertificate(tx));
  if (existing) return existing;
  const { generatePracticeCertificate } = await import('../crypto/practice-certificate'); // node-forge and pkijs load on first use
  const bundle = await generatePracticeCertificate(core.settings.practiceName || 'Consent Desk practice', core.now());
  return core.engine.write(async (tx) => {
    const meanwhile = await certificates.activeCertificate(tx);
    if (meanwhile) return meanwhile;
    await certificates.activateCertificate(tx, core.newId(), bundle, core.nowIso());
    await auditIn(core, tx, { action: 'certificate.generated', subjectType: 'certificate', detail: `SHA-256 ${bundle.info.fingerprintSha256}` });
    return bundle;
  });
}

export const certificateHandlers = {
  'certificate.get': async (core) => (await signingCertificate(core)).info,

  /**
   * The .p12 is read (slow: PKCS#12 decryption) with no transaction open;
   * the activation and its audit event are one engine write. The id is taken
   * before it: on PostgreSQL the write's work may run again.
   */
  'certificate.import': async (core: EngineCore & Pick<ConsentCore, 'now'>, { p12Base64, passphrase }: ParsedInput<'certificate.import'>) => {
    const engine = core.engine; // a locked store is refused here, as before the import is tried
    const bytes = Buffer.from(p12Base64, 'base64');
    if (bytes.length === 0) throw new AppError('validation', 'The .p12 file is empty.');
    const { importPracticeCertificate } = await import('../crypto/practice-certificate');
    const bundle = await importPracticeCertificate(bytes, passphrase, core.now());
    const id = core.newId();
    await engine.write(async (tx) => {
      await engine.records.practice.certificates.activateCertificate(tx, id, bundle, core.nowIso());
      await auditIn(core, tx, { action: 'certificate.imported', subjectType: 'certificate', detail: `SHA-256 ${bundle.info.fingerprintSha256}` });
    });
    return bundle.info;
  },
} satisfies Partial<Handlers>;

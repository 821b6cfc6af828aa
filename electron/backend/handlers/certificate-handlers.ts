import { AppError } from '../../../shared/errors';
import type { BackendCore } from '../backend-core';
import type { CertificateBundle } from '../crypto/practice-certificate';
import { activateCertificate, activeCertificate } from '../repositories/certificate-repository';
import type { Handlers } from './handler';

/**
 * The certificate that signs PDFs; a store created before certificates
 * existed gets its self-signed one on first use. Calls run one at a time,
 * so nothing else can activate one between the look and the write.
 */
export async function signingCertificate(core: BackendCore): Promise<CertificateBundle> {
  const store = core.requireStore();
  const existing = activeCertificate(store.db);
  if (existing) return existing;
  const { generatePracticeCertificate } = await import('../crypto/practice-certificate'); // node-forge and pkijs load on first use
  const bundle = await generatePracticeCertificate(core.settings.practiceName || 'Consent Desk practice', core.now());
  store.write(() => {
    activateCertificate(store.db, core.newId(), bundle, core.nowIso());
    core.audit({ action: 'certificate.generated', subjectType: 'certificate', detail: `SHA-256 ${bundle.info.fingerprintSha256}` });
  });
  return bundle;
}

export const certificateHandlers = {
  'certificate.get': async (core) => (await signingCertificate(core)).info,

  'certificate.import': async (core, { p12Base64, passphrase }) => {
    const store = core.requireStore();
    const bytes = Buffer.from(p12Base64, 'base64');
    if (bytes.length === 0) throw new AppError('validation', 'The .p12 file is empty.');
    const { importPracticeCertificate } = await import('../crypto/practice-certificate');
    const bundle = importPracticeCertificate(bytes, passphrase, core.now());
    store.write(() => {
      activateCertificate(store.db, core.newId(), bundle, core.nowIso());
      core.audit({ action: 'certificate.imported', subjectType: 'certificate', detail: `SHA-256 ${bundle.info.fingerprintSha256}` });
    });
    return bundle.info;
  },
} satisfies Partial<Handlers>;

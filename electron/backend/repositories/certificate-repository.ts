import type { PracticeCertificate } from '../../../shared/certificate';
import type { CertificateBundle } from '../crypto/practice-certificate';
import type { Db } from '../store/database';

type Row = {
  certificate_der: Buffer;
  private_key_pkcs8: Buffer;
  subject: string;
  issuer: string;
  fingerprint_sha256: string;
  not_before: string;
  not_after: string;
  source: PracticeCertificate['source'];
};

export function activeCertificate(db: Db): CertificateBundle | undefined {
  const row = db.prepare('SELECT * FROM practice_certificates WHERE active = 1').get() as Row | undefined;
  return (
    row && {
      certificateDer: row.certificate_der,
      privateKeyPkcs8: row.private_key_pkcs8,
      info: {
        subject: row.subject,
        issuer: row.issuer,
        fingerprintSha256: row.fingerprint_sha256,
        notBefore: row.not_before,
        notAfter: row.not_after,
        source: row.source,
      },
    }
  );
}

/** Make this certificate the one that signs from now on; earlier ones are kept for the record. */
export function activateCertificate(db: Db, id: string, bundle: CertificateBundle, createdAt: string): void {
  db.prepare('UPDATE practice_certificates SET active = 0 WHERE active = 1').run();
  db.prepare(
    `INSERT INTO practice_certificates (id, p12, passphrase, certificate_der, private_key_pkcs8, subject, issuer, fingerprint_sha256, not_before, not_after, source, active, created_at)
     VALUES (@id, x'', '', @certificateDer, @privateKeyPkcs8, @subject, @issuer, @fingerprintSha256, @notBefore, @notAfter, @source, 1, @createdAt)`,
  ).run({ id, certificateDer: bundle.certificateDer, privateKeyPkcs8: bundle.privateKeyPkcs8, ...bundle.info, createdAt });
}

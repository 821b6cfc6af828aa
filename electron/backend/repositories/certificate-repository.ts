import type { PracticeCertificate } from '../../../shared/certificate';
import type { CertificateBundle } from '../crypto/practice-certificate';
import type { Db } from '../store/database';

type Row = {
  p12: Buffer;
  passphrase: string;
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
      p12: row.p12,
      passphrase: row.passphrase,
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
    `INSERT INTO practice_certificates (id, p12, passphrase, subject, issuer, fingerprint_sha256, not_before, not_after, source, active, created_at)
     VALUES (@id, @p12, @passphrase, @subject, @issuer, @fingerprintSha256, @notBefore, @notAfter, @source, 1, @createdAt)`,
  ).run({ id, p12: bundle.p12, passphrase: bundle.passphrase, ...bundle.info, createdAt });
}

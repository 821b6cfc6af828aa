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

/** Every certificate the practice has signed with, oldest first: PDFs signed before an import keep the earlier one. */
export function allCertificates(db: Db): CertificateBundle[] {
  return (db.prepare('SELECT * FROM practice_certificates ORDER BY created_at').all() as Row[]).map((row) => ({
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
  }));
}

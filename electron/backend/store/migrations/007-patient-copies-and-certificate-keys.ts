import crypto from 'node:crypto';
import { loadPkcs12Reader, pkcs12ReaderLoaded, readPkcs12 } from '../../crypto/pkcs12';
import type { Db } from '../database';
import type { Migration } from './migration';

/**
 * Two things the desktop app needed:
 * - `patient_copies`: how the patient got their copy of a signed
 *   authorization (printed, saved, declined), when and by whom. Append-only
 *   and beside the authorization, so the signed row is never touched.
 * - The practice certificates' key and certificate as DER, which Node's
 *   crypto loads in a millisecond, instead of a PKCS#12 that took node-forge
 *   100 to 465 ms to open at every signature. Each stored PKCS#12 is read
 *   here once, checked to match, and then blanked: the database (encrypted
 *   at rest) holds one copy of the key, not two.
 */
function holdsCertificates(db: Db): boolean {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'practice_certificates'").get();
  return table !== undefined && db.prepare('SELECT 1 FROM practice_certificates LIMIT 1').get() !== undefined;
}

export const migration007: Migration = {
  version: 7,
  name: 'patient-copies-and-certificate-keys',
  // Only a file holding a certificate (made before this step) has a PKCS#12 to read.
  needs: { ready: (db) => pkcs12ReaderLoaded() || !holdsCertificates(db), load: loadPkcs12Reader },
  up(db) {
    db.exec(`
      CREATE TABLE patient_copies (
        id TEXT PRIMARY KEY,
        authorization_id TEXT NOT NULL REFERENCES authorizations(id) ON DELETE CASCADE,
        method TEXT NOT NULL CHECK (method IN ('printed', 'saved', 'declined')),
        recorded_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL REFERENCES staff(id)
      );
      CREATE INDEX patient_copies_by_authorization ON patient_copies (authorization_id, recorded_at);
      ALTER TABLE practice_certificates ADD COLUMN certificate_der BLOB;
      ALTER TABLE practice_certificates ADD COLUMN private_key_pkcs8 BLOB;
    `);
    const rows = db.prepare('SELECT id, p12, passphrase, fingerprint_sha256 FROM practice_certificates').all() as {
      id: string;
      p12: Buffer;
      passphrase: string;
      fingerprint_sha256: string;
    }[];
    const update = db.prepare("UPDATE practice_certificates SET certificate_der = ?, private_key_pkcs8 = ?, p12 = x'', passphrase = '' WHERE id = ?");
    for (const row of rows) {
      const { certificateDer, privateKeyPkcs8 } = readPkcs12(row.p12, row.passphrase);
      if (crypto.createHash('sha256').update(certificateDer).digest('hex') !== row.fingerprint_sha256) {
        throw new Error(`practice certificate ${row.id}: its PKCS#12 holds another certificate than the one recorded`);
      }
      update.run(certificateDer, privateKeyPkcs8, row.id);
    }
  },
};

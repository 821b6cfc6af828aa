import crypto from 'node:crypto';
import { searchKeyOf } from '../../../../shared/patient-search';
import type { Migration } from './migration';

/**
 * - testimonials.title_key: the title folded as patient names are (accents
 *   and case aside), so the testimonials list finds "Ángela" by "angela"
 *   and sorts by title; with the indexes its pages are read from.
 * - authorizations.revocation_scan_sha256: the SHA-256 of a written
 *   revocation's scan, recorded when the revocation is, so the audit
 *   bundle can check the scan it copies (as it checks every PDF) and list
 *   it in its manifest. Fixed once recorded, like the scan itself; the
 *   scan's type joins what a recorded revocation keeps unchanged.
 */
export const migration013: Migration = {
  version: 13,
  name: 'testimonial-search-and-revocation-scan-hash',
  up(db) {
    db.exec(`
      ALTER TABLE testimonials ADD COLUMN title_key TEXT NOT NULL DEFAULT '';
      CREATE INDEX testimonials_created ON testimonials (created_at, id);
      CREATE INDEX testimonials_title ON testimonials (title_key, id);
      ALTER TABLE authorizations ADD COLUMN revocation_scan_sha256 TEXT;
    `);
    const setTitleKey = db.prepare('UPDATE testimonials SET title_key = ? WHERE id = ?');
    for (const t of db.prepare('SELECT id, title FROM testimonials').all() as { id: string; title: string }[]) setTitleKey.run(searchKeyOf(t.title), t.id);
    // Scans recorded before this version: hashed as they are now (the recorded revocation's trigger does not cover the new column yet).
    const setScanHash = db.prepare('UPDATE authorizations SET revocation_scan_sha256 = ? WHERE id = ?');
    for (const row of db.prepare('SELECT id, revocation_scan FROM authorizations WHERE revocation_scan IS NOT NULL').all() as { id: string; revocation_scan: Buffer }[]) {
      setScanHash.run(crypto.createHash('sha256').update(row.revocation_scan).digest('hex'), row.id);
    }
    db.exec(`
      CREATE TRIGGER authorizations_revocation_scan_fixed BEFORE UPDATE ON authorizations
      WHEN OLD.revoked_at IS NOT NULL AND (
        NEW.revocation_scan_sha256 IS NOT OLD.revocation_scan_sha256 OR NEW.revocation_scan_type IS NOT OLD.revocation_scan_type)
      BEGIN SELECT RAISE(ABORT, 'a recorded revocation cannot be changed'); END;
    `);
  },
};

import crypto from 'node:crypto';
import { builtInTemplates } from '../../../../shared/authorization/template';
import { languages } from '../../../../shared/authorization/scope';
import type { Db } from '../database';
import { firstBuiltInWording } from './first-built-in-wording';
import type { Migration } from './migration';

/** Migration 2's rule that a signed row holds a drawn signature: a paper signature holds a scan instead. */
const drawnSignatureRequired = 'CHECK (stage = \'draft\' OR (signed_at IS NOT NULL AND signature_png IS NOT NULL AND text_sha256 IS NOT NULL))';
const drawnOrPaperSignatureRequired =
  "CHECK (stage = 'draft' OR (signed_at IS NOT NULL AND text_sha256 IS NOT NULL AND (signature_png IS NOT NULL OR (signing_method = 'paper' AND paper_scan IS NOT NULL AND paper_signed_on IS NOT NULL))))";

/**
 * SQLite cannot alter a CHECK constraint, and rebuilding `authorizations`
 * inside the migration transaction is refused by the foreign keys that
 * posts hold on it. SQLite documents this in-place edit of the table's
 * definition for loosening a constraint ("Making Other Kinds Of Table
 * Schema Changes"): every existing row satisfies the new rule, since it
 * satisfied the stricter one. The edit is checked before and after.
 */
function loosenSignatureCheck(db: Db): void {
  const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'authorizations'").pluck().get() as string;
  if (!sql.includes(drawnSignatureRequired)) {
    throw new Error('The authorizations table does not have the signature rule migration 6 expects; the store is not one this version made.');
  }
  const version = db.pragma('schema_version', { simple: true }) as number;
  db.unsafeMode(true);
  try {
    db.pragma('writable_schema = ON');
    db.prepare("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = 'authorizations'").run(
      sql.replace(drawnSignatureRequired, drawnOrPaperSignatureRequired),
    );
    db.pragma(`schema_version = ${version + 1}`);
    db.pragma('writable_schema = OFF');
  } finally {
    db.unsafeMode(false);
  }
  const check = db.pragma('integrity_check', { simple: true });
  if (check !== 'ok') throw new Error(`The store failed its integrity check after migration 6: ${String(check)}`);
}

/**
 * Paper signatures and validated wording.
 * - An authorization can be signed by hand on a form printed for it: the
 *   form's text hash (so a draft changed after printing is not recorded as
 *   signed), the scan (metadata stripped; the database is encrypted), the
 *   date written on the paper, and the attesting staff member (witness_id).
 * - The document exactly as shown or printed, as blocks, so a signed
 *   authorization displays what was signed even after labels are revised.
 * - A store still on the first built-in wording gets the revised one, which
 *   the wording rules accept, as its next version; authorizations signed on
 *   version 1 keep it.
 */
export const migration006: Migration = {
  version: 6,
  name: 'paper-signatures-and-wording',
  up(db) {
    db.exec(`
      ALTER TABLE authorizations ADD COLUMN signing_method TEXT NOT NULL DEFAULT 'electronic'
        CHECK (signing_method IN ('electronic', 'paper'));
      ALTER TABLE authorizations ADD COLUMN document_shown TEXT;
      ALTER TABLE authorizations ADD COLUMN paper_form_text_sha256 TEXT;
      ALTER TABLE authorizations ADD COLUMN paper_form_printed_at TEXT;
      ALTER TABLE authorizations ADD COLUMN paper_signed_on TEXT;
      ALTER TABLE authorizations ADD COLUMN paper_scan BLOB;
      ALTER TABLE authorizations ADD COLUMN paper_scan_type TEXT;
      ALTER TABLE authorizations ADD COLUMN paper_scan_sha256 TEXT;
      ALTER TABLE authorizations ADD COLUMN paper_scan_pages INTEGER;

      -- Once signed (on screen or on paper), how and on what it was signed never changes.
      CREATE TRIGGER authorizations_signing_fixed BEFORE UPDATE ON authorizations
      WHEN OLD.stage <> 'draft' AND (
        NEW.signing_method IS NOT OLD.signing_method OR NEW.document_shown IS NOT OLD.document_shown
        OR NEW.paper_form_text_sha256 IS NOT OLD.paper_form_text_sha256 OR NEW.paper_form_printed_at IS NOT OLD.paper_form_printed_at
        OR NEW.paper_signed_on IS NOT OLD.paper_signed_on OR NEW.paper_scan IS NOT OLD.paper_scan
        OR NEW.paper_scan_type IS NOT OLD.paper_scan_type OR NEW.paper_scan_sha256 IS NOT OLD.paper_scan_sha256
        OR NEW.paper_scan_pages IS NOT OLD.paper_scan_pages)
      BEGIN SELECT RAISE(ABORT, 'a signed authorization cannot be changed'); END;
    `);
    loosenSignatureCheck(db);

    const active = db.prepare('SELECT id, text FROM templates WHERE language = ? AND active = 1');
    const nextVersion = db.prepare('SELECT max(version) + 1 FROM templates WHERE language = ?').pluck();
    const retire = db.prepare('UPDATE templates SET active = 0 WHERE id = ?');
    const insert = db.prepare('INSERT INTO templates (id, language, version, text, active, created_at) VALUES (?, ?, ?, ?, 1, ?)');
    const now = new Date().toISOString();
    for (const language of languages) {
      const first = (firstBuiltInWording as Record<string, unknown>)[language];
      const current = active.get(language) as { id: string; text: string } | undefined;
      if (!current || !first || current.text !== JSON.stringify(first)) continue;
      retire.run(current.id);
      insert.run(crypto.randomUUID(), language, nextVersion.get(language), JSON.stringify(builtInTemplates[language]), now);
    }
  },
};

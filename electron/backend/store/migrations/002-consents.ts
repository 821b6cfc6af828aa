import crypto from 'node:crypto';
import { builtInTemplates } from '../../../../shared/authorization/template';
import { languages } from '../../../../shared/authorization/scope';
import type { Migration } from './migration';

/**
 * Patients, the versioned authorization wording, authorizations with their
 * signature evidence and PDFs, and the practice certificate. Triggers keep
 * signed records from being overwritten, whatever code runs against them.
 */
export const migration002: Migration = {
  version: 2,
  name: 'consents',
  up(db) {
    db.exec(`
      CREATE TABLE patients (
        id TEXT PRIMARY KEY,
        first_name TEXT NOT NULL,
        last_name TEXT NOT NULL,
        date_of_birth TEXT NOT NULL,
        record_number TEXT,
        phone TEXT,
        email TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX patients_name ON patients (last_name COLLATE NOCASE, first_name COLLATE NOCASE);
      CREATE INDEX patients_birth ON patients (date_of_birth);
      CREATE UNIQUE INDEX patients_record_number ON patients (record_number) WHERE record_number IS NOT NULL;

      CREATE TABLE templates (
        id TEXT PRIMARY KEY,
        language TEXT NOT NULL,
        version INTEGER NOT NULL,
        text TEXT NOT NULL,
        active INTEGER NOT NULL CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL,
        UNIQUE (language, version)
      ) STRICT;
      CREATE UNIQUE INDEX templates_one_active ON templates (language) WHERE active = 1;
      CREATE TRIGGER templates_wording_is_permanent BEFORE UPDATE OF id, language, version, text, created_at ON templates
      BEGIN SELECT RAISE(ABORT, 'template versions never change; publish a new version'); END;
      CREATE TRIGGER templates_never_deleted BEFORE DELETE ON templates
      BEGIN SELECT RAISE(ABORT, 'template versions are kept'); END;

      CREATE TABLE authorizations (
        id TEXT PRIMARY KEY,
        patient_id TEXT NOT NULL REFERENCES patients (id),
        template_id TEXT NOT NULL REFERENCES templates (id),
        terms TEXT NOT NULL,
        stage TEXT NOT NULL CHECK (stage IN ('draft', 'signed', 'final')),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES staff (id),
        updated_at TEXT NOT NULL,
        signed_at TEXT,
        signer_name TEXT,
        signature_png BLOB,
        signature_strokes TEXT,
        signature_canvas TEXT,
        esign_agreed INTEGER,
        workstation TEXT,
        text_shown TEXT,
        text_sha256 TEXT,
        witness_id TEXT REFERENCES staff (id),
        witnessed_at TEXT,
        content_sha256 TEXT,
        pdf BLOB,
        pdf_sha256 TEXT,
        revoked_at TEXT,
        revocation_received_on TEXT,
        revocation_method TEXT,
        revocation_note TEXT,
        revocation_scan BLOB,
        revocation_scan_type TEXT,
        revoked_by TEXT REFERENCES staff (id),
        revocation_pdf BLOB,
        revocation_pdf_sha256 TEXT,
        expiration_event_at TEXT,
        expiration_event_on TEXT,
        expiration_event_by TEXT REFERENCES staff (id),
        CHECK (stage = 'draft' OR (signed_at IS NOT NULL AND signature_png IS NOT NULL AND text_sha256 IS NOT NULL)),
        CHECK (stage <> 'final' OR (witness_id IS NOT NULL AND pdf IS NOT NULL AND pdf_sha256 IS NOT NULL))
      ) STRICT;
      CREATE INDEX authorizations_patient ON authorizations (patient_id);

      -- Once the patient has signed, what they signed never changes.
      CREATE TRIGGER authorizations_signed_terms_fixed BEFORE UPDATE ON authorizations
      WHEN OLD.stage <> 'draft' AND (
        NEW.patient_id IS NOT OLD.patient_id OR NEW.template_id IS NOT OLD.template_id OR NEW.terms IS NOT OLD.terms
        OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by
        OR NEW.signed_at IS NOT OLD.signed_at OR NEW.signer_name IS NOT OLD.signer_name
        OR NEW.signature_png IS NOT OLD.signature_png OR NEW.signature_strokes IS NOT OLD.signature_strokes
        OR NEW.signature_canvas IS NOT OLD.signature_canvas OR NEW.esign_agreed IS NOT OLD.esign_agreed
        OR NEW.workstation IS NOT OLD.workstation OR NEW.text_shown IS NOT OLD.text_shown
        OR NEW.text_sha256 IS NOT OLD.text_sha256 OR NEW.stage = 'draft')
      BEGIN SELECT RAISE(ABORT, 'a signed authorization cannot be changed'); END;

      -- Once witnessed, the final record and its PDF never change.
      CREATE TRIGGER authorizations_final_fixed BEFORE UPDATE ON authorizations
      WHEN OLD.stage = 'final' AND (
        NEW.stage IS NOT OLD.stage OR NEW.witness_id IS NOT OLD.witness_id OR NEW.witnessed_at IS NOT OLD.witnessed_at
        OR NEW.content_sha256 IS NOT OLD.content_sha256 OR NEW.pdf IS NOT OLD.pdf OR NEW.pdf_sha256 IS NOT OLD.pdf_sha256)
      BEGIN SELECT RAISE(ABORT, 'a final authorization cannot be changed'); END;

      -- A recorded revocation or expiration event is recorded once.
      CREATE TRIGGER authorizations_revocation_fixed BEFORE UPDATE ON authorizations
      WHEN OLD.revoked_at IS NOT NULL AND (
        NEW.revoked_at IS NOT OLD.revoked_at OR NEW.revocation_received_on IS NOT OLD.revocation_received_on
        OR NEW.revocation_method IS NOT OLD.revocation_method OR NEW.revocation_note IS NOT OLD.revocation_note
        OR NEW.revocation_scan IS NOT OLD.revocation_scan OR NEW.revoked_by IS NOT OLD.revoked_by
        OR NEW.revocation_pdf IS NOT OLD.revocation_pdf OR NEW.revocation_pdf_sha256 IS NOT OLD.revocation_pdf_sha256)
      BEGIN SELECT RAISE(ABORT, 'a recorded revocation cannot be changed'); END;
      CREATE TRIGGER authorizations_expiration_event_fixed BEFORE UPDATE ON authorizations
      WHEN OLD.expiration_event_at IS NOT NULL AND (
        NEW.expiration_event_at IS NOT OLD.expiration_event_at OR NEW.expiration_event_on IS NOT OLD.expiration_event_on
        OR NEW.expiration_event_by IS NOT OLD.expiration_event_by)
      BEGIN SELECT RAISE(ABORT, 'a recorded expiration event cannot be changed'); END;

      -- Only drafts may be deleted; signed records follow the retention rules.
      CREATE TRIGGER authorizations_signed_kept BEFORE DELETE ON authorizations
      WHEN OLD.stage <> 'draft'
      BEGIN SELECT RAISE(ABORT, 'a signed authorization cannot be deleted'); END;

      CREATE TABLE practice_certificates (
        id TEXT PRIMARY KEY,
        p12 BLOB NOT NULL,
        passphrase TEXT NOT NULL,
        subject TEXT NOT NULL,
        issuer TEXT NOT NULL,
        fingerprint_sha256 TEXT NOT NULL,
        not_before TEXT NOT NULL,
        not_after TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('generated', 'imported')),
        active INTEGER NOT NULL CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX practice_certificates_one_active ON practice_certificates (active) WHERE active = 1;
    `);
    const insert = db.prepare(
      'INSERT INTO templates (id, language, version, text, active, created_at) VALUES (?, ?, 1, ?, 1, ?)',
    );
    const now = new Date().toISOString();
    for (const language of languages) {
      insert.run(crypto.randomUUID(), language, JSON.stringify(builtInTemplates[language]), now);
    }
  },
};

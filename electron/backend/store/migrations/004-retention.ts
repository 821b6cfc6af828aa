import type { Migration } from './migration';

/**
 * Retention purges. Until now the trigger `authorizations_signed_kept`
 * refused every deletion of a signed authorization. It now lets one go only
 * when a purge record for it exists: the purge writes that record in the
 * same transaction, after the six-year rule has been checked in code, and
 * then deletes. So no code path (a bug, a stray DELETE) can remove a signed
 * authorization without leaving the record of why and by whom, and the
 * records themselves can never change or disappear.
 *
 * Posts keep their history: the purge moves a post's link from
 * `consent_id` (a foreign key, which would block the deletion) to
 * `purged_consent_id`, beside the PDF hash the post relied on.
 */
export const migration004: Migration = {
  version: 4,
  name: 'retention',
  up(db) {
    db.exec(`
      CREATE TABLE authorization_purges (
        authorization_id TEXT PRIMARY KEY,
        patient_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        signed_at TEXT,
        revoked_at TEXT,
        last_day_in_effect TEXT,
        kept_through TEXT NOT NULL,
        pdf_sha256 TEXT,
        revocation_pdf_sha256 TEXT,
        purged_at TEXT NOT NULL,
        purged_by TEXT NOT NULL REFERENCES staff (id)
      ) STRICT;
      CREATE TRIGGER authorization_purges_no_update BEFORE UPDATE ON authorization_purges
      BEGIN SELECT RAISE(ABORT, 'purge records are permanent'); END;
      CREATE TRIGGER authorization_purges_no_delete BEFORE DELETE ON authorization_purges
      BEGIN SELECT RAISE(ABORT, 'purge records are permanent'); END;

      DROP TRIGGER authorizations_signed_kept;
      -- Only drafts may be deleted, and signed records once their purge is recorded.
      CREATE TRIGGER authorizations_signed_kept BEFORE DELETE ON authorizations
      WHEN OLD.stage <> 'draft' AND NOT EXISTS (SELECT 1 FROM authorization_purges WHERE authorization_id = OLD.id)
      BEGIN SELECT RAISE(ABORT, 'a signed authorization cannot be deleted'); END;

      ALTER TABLE posts ADD COLUMN purged_consent_id TEXT;
    `);
  },
};

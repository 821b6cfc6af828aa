import type { Migration } from './migration';

/**
 * What a post discloses, judged from its content, and the evidence that
 * review replies are checked:
 * - posts keep, beside the content kinds derived when they were saved, the
 *   identifiers that block approval and the health conditions they name
 *   (rederived whenever the rules or the patient's record change), the
 *   sponsor of a paid post, an administrator's approval of identifiers
 *   (who, when, why, and the SHA-256 of the caption and quote it was given
 *   for: an edit voids it), and the flag "review" for a post published
 *   under a parent's authorization once the patient came of age;
 * - `reply_checks`: every review reply checked, with who checked it, when,
 *   and the checker's decision. Append-only: evidence does not change.
 * - the covering index of what the coverage check reads gains the day a
 *   revocation was received and the day an expiration event happened
 *   (both take effect from that day).
 */
export const migration008: Migration = {
  version: 8,
  name: 'disclosures-and-replies',
  up(db) {
    db.exec(`
      ALTER TABLE posts ADD COLUMN sponsor TEXT NOT NULL DEFAULT '';
      ALTER TABLE posts ADD COLUMN blocking_identifiers TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE posts ADD COLUMN health_mentions TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE posts ADD COLUMN identifiers_approved_by TEXT REFERENCES staff (id);
      ALTER TABLE posts ADD COLUMN identifiers_approved_at TEXT;
      ALTER TABLE posts ADD COLUMN identifiers_approval_reason TEXT;
      ALTER TABLE posts ADD COLUMN identifiers_approved_sha256 TEXT;
      ALTER TABLE posts ADD COLUMN review_required_at TEXT;
      ALTER TABLE posts ADD COLUMN review_reason TEXT;

      CREATE TABLE reply_checks (
        id TEXT PRIMARY KEY,
        checked_at TEXT NOT NULL,
        checked_by TEXT NOT NULL REFERENCES staff (id),
        reply TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('flag', 'pass')),
        findings TEXT NOT NULL
      ) STRICT;
      CREATE INDEX reply_checks_checked_at ON reply_checks (checked_at);
      CREATE TRIGGER reply_checks_no_update BEFORE UPDATE ON reply_checks
      BEGIN SELECT RAISE(ABORT, 'checked replies are evidence and never change'); END;
      CREATE TRIGGER reply_checks_no_delete BEFORE DELETE ON reply_checks
      BEGIN SELECT RAISE(ABORT, 'checked replies are evidence and never change'); END;

      DROP INDEX authorizations_scope;
      CREATE INDEX authorizations_scope ON authorizations
        (id, patient_id, stage, terms, signed_at, witnessed_at, revoked_at, revocation_received_on, expiration_event_at,
         expiration_event_on, pdf_sha256);
    `);
  },
};

import type { Migration } from './migration';

/**
 * A version on every editable shared record (patients, authorizations,
 * testimonials, posts), for the store interface both engines implement (issue 15): a
 * record read carries its `row_version`, and a write that names an older
 * one changes nothing and fails with `conflict`. On SQLite a single
 * workstation rarely races itself, but the two engines must answer the same
 * inputs with the same records and errors, and PostgreSQL keeps the same
 * column (store-pg/pg-records-schema.ts).
 *
 * Triggers raise the version, as PostgreSQL's do, so no write path (the
 * repositories today, whatever is written later) can forget it. Keeping a
 * post's coverage verdict is derived work, not an edit, and must not make a
 * person's open edit stale: the posts trigger names every column except
 * coverage_*; the patients trigger leaves out the search keys kept beside
 * the names (name_sort), which an edit of the names rewrites in a second
 * statement. A column added to either table later must be added to its
 * list (the migration's test fails until it is).
 */
const patientEditColumns = 'first_name, last_name, date_of_birth, record_number, phone, email, city, created_at, updated_at';

const postEditColumns = [
  'testimonial_id', 'patient_id', 'consent_id', 'channel', 'caption', 'media_ids', 'purpose', 'third_party_pays', 'extra_content_kinds',
  'content_kinds', 'state', 'created_at', 'created_by', 'updated_at', 'approved_at', 'approved_by', 'published_at', 'published_url',
  'relied_consent_pdf_sha256', 'takedown_required_at', 'takedown_reason', 'taken_down_at', 'taken_down_by', 'purged_consent_id', 'sponsor',
  'blocking_identifiers', 'health_mentions', 'identifiers_approved_by', 'identifiers_approved_at', 'identifiers_approval_reason',
  'identifiers_approved_sha256', 'review_required_at', 'review_reason',
].join(', ');

export const migration015: Migration = {
  // 18 in this wave's numbering (015-017 are other branches'); 15 on this branch until they are merged before it.
  version: 15,
  name: 'row-versions',
  up(db) {
    db.exec(`
      ALTER TABLE patients ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1 CHECK (row_version > 0);
      ALTER TABLE authorizations ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1 CHECK (row_version > 0);
      ALTER TABLE testimonials ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1 CHECK (row_version > 0);
      ALTER TABLE posts ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1 CHECK (row_version > 0);

      -- WHEN: an update that sets the version itself (a copy between stores) is left as written.
      CREATE TRIGGER patients_row_version AFTER UPDATE OF ${patientEditColumns} ON patients WHEN NEW.row_version = OLD.row_version
        BEGIN UPDATE patients SET row_version = OLD.row_version + 1 WHERE id = NEW.id; END;
      CREATE TRIGGER authorizations_row_version AFTER UPDATE ON authorizations WHEN NEW.row_version = OLD.row_version
        BEGIN UPDATE authorizations SET row_version = OLD.row_version + 1 WHERE id = NEW.id; END;
      CREATE TRIGGER testimonials_row_version AFTER UPDATE ON testimonials WHEN NEW.row_version = OLD.row_version
        BEGIN UPDATE testimonials SET row_version = OLD.row_version + 1 WHERE id = NEW.id; END;
      CREATE TRIGGER posts_row_version AFTER UPDATE OF ${postEditColumns} ON posts WHEN NEW.row_version = OLD.row_version
        BEGIN UPDATE posts SET row_version = OLD.row_version + 1 WHERE id = NEW.id; END;
    `);
  },
};

import { nameSortKeyOf, nameTokensOf } from '../../../../shared/patient-search';
import type { Migration } from './migration';

/**
 * Lists that stay fast at any size:
 * - patients.name_sort (folded "last first", for sorting) and
 *   patient_name_tokens (each folded word of a name, for prefix search in
 *   any order: "gonzalez" finds "María González"). Like the names, they
 *   live inside the encrypted file.
 * - Coverage kept per post: whether its consent covers it, the reasons,
 *   and the next day on which the passing of time alone can change that
 *   (an expiration date, a parent's authority ending). Triggers mark a
 *   post stale when anything the rule reads changes; the store settles
 *   stale posts with the rule before the same transaction commits.
 * - Indexes for the pages and counts the screens ask for.
 */
export const migration011: Migration = {
  version: 11,
  name: 'search-keys-and-kept-coverage',
  up(db) {
    db.exec(`
      ALTER TABLE patients ADD COLUMN name_sort TEXT NOT NULL DEFAULT '';
      CREATE INDEX patients_name_sort ON patients (name_sort, id);
      CREATE INDEX patients_created ON patients (created_at, id);
      CREATE TABLE patient_name_tokens (
        token TEXT NOT NULL,
        patient_id TEXT NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
        PRIMARY KEY (token, patient_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX patient_name_tokens_patient ON patient_name_tokens (patient_id);

      ALTER TABLE posts ADD COLUMN coverage_covered INTEGER;
      ALTER TABLE posts ADD COLUMN coverage_reasons TEXT;
      ALTER TABLE posts ADD COLUMN coverage_changes_on TEXT;
      CREATE INDEX posts_uncovered ON posts (state, updated_at) WHERE coverage_covered = 0;
      CREATE INDEX posts_coverage_changes ON posts (coverage_changes_on) WHERE coverage_changes_on IS NOT NULL;
      CREATE INDEX posts_state_updated ON posts (state, updated_at, id);
      CREATE INDEX posts_updated ON posts (updated_at, id);
      CREATE INDEX posts_created ON posts (created_at, id);
      CREATE INDEX posts_channel_updated ON posts (channel, updated_at, id);
      CREATE INDEX authorizations_created ON authorizations (created_at, id);
      CREATE INDEX authorizations_stage_created ON authorizations (stage, created_at, id);
      CREATE INDEX authorizations_signed ON authorizations (signed_at, id);
      -- The dashboard's consents expiring soon, without walking every authorization's terms.
      CREATE INDEX authorizations_expiring ON authorizations (json_extract(terms, '$.expiration.date'))
        WHERE stage = 'final' AND revoked_at IS NULL AND json_extract(terms, '$.expiration.kind') = 'date';
      -- Posts counted by verdict and state from the index alone.
      CREATE INDEX posts_coverage ON posts (coverage_covered, state);
      CREATE TABLE post_coverage_stale (post_id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;

      CREATE TRIGGER posts_coverage_new AFTER INSERT ON posts
        BEGIN INSERT OR IGNORE INTO post_coverage_stale VALUES (NEW.id); END;
      CREATE TRIGGER posts_coverage_edit AFTER UPDATE OF consent_id, patient_id, channel, purpose, third_party_pays, sponsor,
          content_kinds, blocking_identifiers, health_mentions, identifiers_approved_at ON posts
        BEGIN INSERT OR IGNORE INTO post_coverage_stale VALUES (NEW.id); END;
      CREATE TRIGGER posts_coverage_gone AFTER DELETE ON posts
        BEGIN DELETE FROM post_coverage_stale WHERE post_id = OLD.id; END;
      CREATE TRIGGER authorizations_coverage AFTER UPDATE ON authorizations
        BEGIN INSERT OR IGNORE INTO post_coverage_stale SELECT id FROM posts WHERE consent_id = NEW.id; END;
      CREATE TRIGGER patients_coverage AFTER UPDATE OF date_of_birth ON patients
        BEGIN INSERT OR IGNORE INTO post_coverage_stale SELECT id FROM posts WHERE patient_id = NEW.id; END;
      -- What the kept verdicts were judged under besides the posts and consents: the practice's
      -- time zone and age of majority. When they differ from the settings, every post is judged again.
      CREATE TABLE post_coverage_basis (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        time_zone TEXT NOT NULL,
        age_of_majority INTEGER NOT NULL
      ) STRICT;

      INSERT INTO post_coverage_stale SELECT id FROM posts;
    `);
    const setSort = db.prepare('UPDATE patients SET name_sort = ? WHERE id = ?');
    const addToken = db.prepare('INSERT OR IGNORE INTO patient_name_tokens (token, patient_id) VALUES (?, ?)');
    for (const p of db.prepare('SELECT id, first_name AS firstName, last_name AS lastName FROM patients').all() as {
      id: string;
      firstName: string;
      lastName: string;
    }[]) {
      setSort.run(nameSortKeyOf(p), p.id);
      for (const token of nameTokensOf(p.firstName, p.lastName)) addToken.run(token, p.id);
    }
  },
};

import type { Migration } from './migration';

/**
 * Testimonials, their media and the posts that use them. Media live inside
 * the encrypted database (not as files beside it): they are then encrypted,
 * backed up and audited with everything else, and a media row commits in the
 * same transaction as its audit event. SQLite holds blobs up to 1 GB; the
 * import limit is far below that (see the media handlers).
 */
export const migration003: Migration = {
  version: 3,
  name: 'marketing',
  up(db) {
    db.exec(`
      ALTER TABLE patients ADD COLUMN city TEXT;

      CREATE TABLE testimonials (
        id TEXT PRIMARY KEY,
        patient_id TEXT NOT NULL REFERENCES patients (id),
        title TEXT NOT NULL,
        quote TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES staff (id),
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX testimonials_patient ON testimonials (patient_id);

      CREATE TABLE media (
        id TEXT PRIMARY KEY,
        testimonial_id TEXT NOT NULL REFERENCES testimonials (id),
        kind TEXT NOT NULL CHECK (kind IN ('photo', 'video', 'audio')),
        before_after INTEGER NOT NULL CHECK (before_after IN (0, 1)),
        file_name TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        width INTEGER,
        height INTEGER,
        data BLOB NOT NULL,
        thumbnail BLOB,
        metadata_removed TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES staff (id)
      ) STRICT;
      CREATE INDEX media_testimonial ON media (testimonial_id);

      CREATE TABLE posts (
        id TEXT PRIMARY KEY,
        testimonial_id TEXT NOT NULL REFERENCES testimonials (id),
        patient_id TEXT NOT NULL REFERENCES patients (id),
        consent_id TEXT REFERENCES authorizations (id),
        channel TEXT NOT NULL,
        caption TEXT NOT NULL,
        media_ids TEXT NOT NULL,
        purpose TEXT NOT NULL,
        third_party_pays INTEGER NOT NULL CHECK (third_party_pays IN (0, 1)),
        extra_content_kinds TEXT NOT NULL,
        content_kinds TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('draft', 'approved', 'published', 'takedown_required', 'taken_down')),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES staff (id),
        updated_at TEXT NOT NULL,
        approved_at TEXT,
        approved_by TEXT REFERENCES staff (id),
        published_at TEXT,
        published_url TEXT,
        relied_consent_pdf_sha256 TEXT,
        takedown_required_at TEXT,
        takedown_reason TEXT,
        taken_down_at TEXT,
        taken_down_by TEXT REFERENCES staff (id)
      ) STRICT;
      CREATE INDEX posts_consent ON posts (consent_id);
      CREATE INDEX posts_state ON posts (state);
    `);
  },
};

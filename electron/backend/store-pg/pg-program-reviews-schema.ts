/**
 * Schema 6, the PostgreSQL dialect of the compliance program's kept records
 * beside the policy, and of two tables of the store itself (SQLite:
 * migration 010's training_sessions, training_attendees,
 * training_materials, quiz_results, channel_reviews, channel_review_posts,
 * removed_comments; migration 004's authorization_purges; migration 009's
 * store_meta).
 *
 * What the server may see: who recorded, attended, voided, took a quiz,
 * completed a review and purged what, and when; the day a session was held
 * and the period a review covers; quiz scores and languages; each post a
 * review confirmed, its outcome, whether it was covered and its consent's
 * status label; which authorization was purged, its patient's random id and
 * the times the server saw already before the purge (created, signed,
 * revoked); the store's write counter. Sealed: every free text and name
 * (topic, trainer, notes, void reasons, channel names, review notes,
 * confirmation notes, removed comments' notes), training materials (their
 * bytes, file names, types, sizes and hashes), quiz answers, a purge's days
 * (the last day in effect can be a minor's coming of age) and the hashes of
 * the PDFs it purged, the anchor key and the last full check.
 *
 * What the server guards, as the SQLite triggers promise: attendances,
 * materials, quiz results, reviews, their confirmations and removed
 * comments, and purge records never change or go; a training session is
 * never deleted and only voided, once; the store's meta row stays one row,
 * its anchor key never changes and its write counter never goes back. A
 * signed authorization may now be deleted, but only once its purge record
 * exists (migration 004's rule), and a post keeps the purged consent's id in
 * `purged_consent_id`.
 *
 * `channel_reviews.schedule_id` names a row of `review_schedules`, which
 * comes with schema 7; its foreign key is added there
 * (pg-program-incidents-schema.ts, checked at COMMIT).
 */
export function programReviewsSchemaSql(appRole: string): string {
  return `
    CREATE FUNCTION kept_records_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% are records and never change', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
    END $$;

    CREATE TABLE training_sessions (
      id text PRIMARY KEY,
      held_on text NOT NULL,
      -- { topic, trainer, notes }
      sealed bytea NOT NULL,
      recorded_at text NOT NULL,
      recorded_by text NOT NULL REFERENCES staff (id),
      voided_at text,
      voided_by text REFERENCES staff (id),
      void_reason bytea,
      insert_seq bigint GENERATED ALWAYS AS IDENTITY,
      CHECK ((voided_at IS NULL) = (void_reason IS NULL))
    );
    CREATE INDEX training_sessions_held_on ON training_sessions (held_on);
    CREATE FUNCTION training_sessions_void_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'training records are kept; void a session instead' USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      IF OLD.voided_at IS NOT NULL OR NEW.voided_at IS NULL OR NEW.void_reason IS NULL OR NEW.id <> OLD.id OR NEW.held_on <> OLD.held_on
         OR NEW.sealed <> OLD.sealed OR NEW.recorded_at <> OLD.recorded_at OR NEW.recorded_by <> OLD.recorded_by OR NEW.insert_seq <> OLD.insert_seq THEN
        RAISE EXCEPTION 'training records are kept; a session can only be voided, once' USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER training_sessions_void_only BEFORE UPDATE OR DELETE ON training_sessions FOR EACH ROW EXECUTE FUNCTION training_sessions_void_only();

    CREATE TABLE training_attendees (
      session_id text NOT NULL REFERENCES training_sessions (id),
      staff_id text NOT NULL REFERENCES staff (id),
      PRIMARY KEY (session_id, staff_id)
    );
    CREATE INDEX training_attendees_staff ON training_attendees (staff_id);
    CREATE TRIGGER training_attendees_kept BEFORE UPDATE OR DELETE ON training_attendees FOR EACH ROW EXECUTE FUNCTION kept_records_unchanged();

    CREATE TABLE training_materials (
      id text PRIMARY KEY,
      session_id text NOT NULL REFERENCES training_sessions (id),
      -- { fileName, mimeType, bytes, sha256 }
      sealed bytea NOT NULL,
      data bytea NOT NULL,
      added_at text NOT NULL,
      added_by text NOT NULL REFERENCES staff (id),
      insert_seq bigint GENERATED ALWAYS AS IDENTITY
    );
    CREATE INDEX training_materials_session ON training_materials (session_id);
    CREATE TRIGGER training_materials_kept BEFORE UPDATE OR DELETE ON training_materials FOR EACH ROW EXECUTE FUNCTION kept_records_unchanged();

    CREATE TABLE quiz_results (
      id text PRIMARY KEY,
      staff_id text NOT NULL REFERENCES staff (id),
      taken_at text NOT NULL,
      language text NOT NULL,
      correct integer NOT NULL,
      total integer NOT NULL,
      passed boolean NOT NULL,
      answers bytea NOT NULL,
      insert_seq bigint GENERATED ALWAYS AS IDENTITY
    );
    CREATE INDEX quiz_results_staff ON quiz_results (staff_id, taken_at);
    CREATE TRIGGER quiz_results_kept BEFORE UPDATE OR DELETE ON quiz_results FOR EACH ROW EXECUTE FUNCTION kept_records_unchanged();

    CREATE TABLE channel_reviews (
      id text PRIMARY KEY,
      schedule_id text NOT NULL,
      channel bytea NOT NULL,
      period_start text NOT NULL,
      period_end text NOT NULL,
      completed_at text NOT NULL,
      completed_on text NOT NULL,
      completed_by text NOT NULL REFERENCES staff (id),
      notes bytea NOT NULL,
      UNIQUE (schedule_id, period_start)
    );
    CREATE TRIGGER channel_reviews_kept BEFORE UPDATE OR DELETE ON channel_reviews FOR EACH ROW EXECUTE FUNCTION kept_records_unchanged();

    CREATE TABLE channel_review_posts (
      review_id text NOT NULL REFERENCES channel_reviews (id),
      post_id text NOT NULL REFERENCES posts (id),
      outcome text NOT NULL CHECK (outcome IN ('still_covered', 'action_taken')),
      note bytea NOT NULL,
      covered boolean NOT NULL,
      consent_status text NOT NULL,
      PRIMARY KEY (review_id, post_id)
    );
    CREATE TRIGGER channel_review_posts_kept BEFORE UPDATE OR DELETE ON channel_review_posts FOR EACH ROW EXECUTE FUNCTION kept_records_unchanged();

    CREATE TABLE removed_comments (
      id text PRIMARY KEY,
      review_id text NOT NULL REFERENCES channel_reviews (id),
      post_id text REFERENCES posts (id),
      removed_on text NOT NULL,
      note bytea NOT NULL
    );
    CREATE INDEX removed_comments_review ON removed_comments (review_id);
    CREATE TRIGGER removed_comments_kept BEFORE UPDATE OR DELETE ON removed_comments FOR EACH ROW EXECUTE FUNCTION kept_records_unchanged();

    CREATE TABLE authorization_purges (
      authorization_id text PRIMARY KEY,
      patient_id text NOT NULL,
      created_at text NOT NULL,
      signed_at text,
      revoked_at text,
      -- { lastDayInEffect, keptThrough, pdfSha256, revocationPdfSha256 }
      sealed bytea NOT NULL,
      purged_at text NOT NULL,
      purged_by text NOT NULL REFERENCES staff (id),
      insert_seq bigint GENERATED ALWAYS AS IDENTITY
    );
    CREATE TRIGGER authorization_purges_kept BEFORE UPDATE OR DELETE ON authorization_purges FOR EACH ROW EXECUTE FUNCTION kept_records_unchanged();

    -- Migration 004's rule: a signed authorization goes only once the record of its purge exists.
    CREATE FUNCTION authorizations_keep_signed_or_purged() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.stage <> 'draft' AND NOT EXISTS (SELECT 1 FROM authorization_purges WHERE authorization_id = OLD.id) THEN
        RAISE EXCEPTION 'a signed authorization is never deleted' USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      RETURN OLD;
    END $$;
    DROP TRIGGER authorizations_keep_signed ON authorizations;
    CREATE TRIGGER authorizations_keep_signed BEFORE UPDATE ON authorizations FOR EACH ROW EXECUTE FUNCTION authorizations_keep_signed();
    CREATE TRIGGER authorizations_delete_purged BEFORE DELETE ON authorizations FOR EACH ROW EXECUTE FUNCTION authorizations_keep_signed_or_purged();
    ALTER TABLE posts ADD COLUMN purged_consent_id text;

    CREATE TABLE store_meta (
      id smallint PRIMARY KEY CHECK (id = 1),
      write_counter bigint NOT NULL CHECK (write_counter >= 0),
      anchor_key bytea NOT NULL,
      last_check bytea
    );
    CREATE FUNCTION store_meta_forward() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'the store''s meta row is never deleted' USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      IF NEW.id <> OLD.id OR NEW.anchor_key <> OLD.anchor_key OR NEW.write_counter < OLD.write_counter THEN
        RAISE EXCEPTION 'the anchor key never changes and the write counter never goes back' USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER store_meta_forward BEFORE UPDATE OR DELETE ON store_meta FOR EACH ROW EXECUTE FUNCTION store_meta_forward();

    REVOKE ALL ON training_sessions, training_attendees, training_materials, quiz_results, channel_reviews, channel_review_posts,
      removed_comments, authorization_purges, store_meta FROM PUBLIC;
    GRANT SELECT, INSERT ON training_attendees, training_materials, quiz_results, channel_reviews, channel_review_posts, removed_comments,
      authorization_purges TO ${appRole};
    GRANT SELECT, INSERT, UPDATE ON training_sessions, store_meta TO ${appRole};
  `;
}

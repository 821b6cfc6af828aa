/**
 * The PostgreSQL dialect of the records a practice shares between
 * workstations: authorizations, testimonials with their media, posts with
 * their kept coverage verdicts (the SQLite migrations 002, 003, 006 and 011
 * hold their counterparts). What the server may see is what it needs to
 * find, order and guard rows: ids, stages and states, timestamps, staff ids.
 * Everything a patient said, signed or showed is a field-crypto envelope.
 *
 * The server guards what it can without the key, as the SQLite triggers do:
 * a signed authorization is never overwritten or deleted (each sealed part is
 * written once), stages only move forward, every update raises row_version,
 * and every committed change is announced on `changeChannel` (ids and kinds
 * only: a notification's payload is visible to the server).
 */

/** The channel the change feed listens on. */
export const changeChannel = 'consent_desk_changes';

export function recordsSchemaSql(appRole: string): string {
  return `
    CREATE TABLE authorizations (
      id text PRIMARY KEY,
      patient_id uuid NOT NULL REFERENCES patients (id),
      template_id text NOT NULL,
      stage text NOT NULL CHECK (stage IN ('draft', 'signed', 'final')),
      signing_method text NOT NULL DEFAULT 'electronic' CHECK (signing_method IN ('electronic', 'paper')),
      created_at text NOT NULL,
      created_by text NOT NULL,
      updated_at text NOT NULL,
      signed_at text,
      revoked_at text,
      expiration_event_at text,
      -- Sealed parts, each written in one step of the workflow and never again once written.
      terms bytea NOT NULL,
      paper_form bytea,
      signature bytea,
      signature_png bytea,
      finalization bytea,
      pdf bytea,
      paper_scan bytea,
      revocation bytea,
      revocation_scan bytea,
      revocation_pdf bytea,
      expiration_event bytea,
      row_version integer NOT NULL DEFAULT 1 CHECK (row_version > 0),
      -- The order rows were written in, for lists whose timestamps tie (SQLite's rowid).
      insert_seq bigint GENERATED ALWAYS AS IDENTITY,
      CHECK (stage = 'final' OR (revoked_at IS NULL AND revocation IS NULL AND expiration_event IS NULL)),
      CHECK ((revoked_at IS NULL) = (revocation IS NULL)),
      CHECK ((expiration_event_at IS NULL) = (expiration_event IS NULL))
    );
    CREATE INDEX authorizations_patient ON authorizations (patient_id, created_at);
    CREATE INDEX authorizations_created ON authorizations (created_at);

    CREATE FUNCTION authorizations_keep_signed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        IF OLD.stage <> 'draft' THEN
          RAISE EXCEPTION 'a signed authorization is never deleted' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
      END IF;
      IF NEW.id <> OLD.id OR NEW.patient_id <> OLD.patient_id OR NEW.created_at <> OLD.created_at OR NEW.created_by <> OLD.created_by
         OR NOT (NEW.stage = OLD.stage OR (OLD.stage = 'draft' AND NEW.stage IN ('signed', 'final')) OR (OLD.stage = 'signed' AND NEW.stage = 'final'))
         OR (OLD.stage <> 'draft' AND (NEW.terms <> OLD.terms OR NEW.template_id <> OLD.template_id
             OR NEW.signing_method <> OLD.signing_method OR NEW.signed_at IS DISTINCT FROM OLD.signed_at
             OR NEW.paper_form IS DISTINCT FROM OLD.paper_form))
         OR (OLD.signature IS NOT NULL AND NEW.signature IS DISTINCT FROM OLD.signature)
         OR (OLD.signature_png IS NOT NULL AND NEW.signature_png IS DISTINCT FROM OLD.signature_png)
         OR (OLD.finalization IS NOT NULL AND NEW.finalization IS DISTINCT FROM OLD.finalization)
         OR (OLD.pdf IS NOT NULL AND NEW.pdf IS DISTINCT FROM OLD.pdf)
         OR (OLD.paper_scan IS NOT NULL AND NEW.paper_scan IS DISTINCT FROM OLD.paper_scan)
         OR (OLD.revocation IS NOT NULL AND (NEW.revocation IS DISTINCT FROM OLD.revocation OR NEW.revoked_at IS DISTINCT FROM OLD.revoked_at
             OR NEW.revocation_scan IS DISTINCT FROM OLD.revocation_scan OR NEW.revocation_pdf IS DISTINCT FROM OLD.revocation_pdf))
         OR (OLD.expiration_event IS NOT NULL AND (NEW.expiration_event IS DISTINCT FROM OLD.expiration_event
             OR NEW.expiration_event_at IS DISTINCT FROM OLD.expiration_event_at)) THEN
        RAISE EXCEPTION 'a signed authorization is never overwritten' USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      NEW.row_version := OLD.row_version + 1;
      RETURN NEW;
    END $$;
    CREATE TRIGGER authorizations_keep_signed BEFORE UPDATE OR DELETE ON authorizations
      FOR EACH ROW EXECUTE FUNCTION authorizations_keep_signed();

    CREATE TABLE testimonials (
      id text PRIMARY KEY,
      patient_id uuid NOT NULL REFERENCES patients (id),
      sealed bytea NOT NULL,
      created_at text NOT NULL,
      created_by text NOT NULL,
      updated_at text NOT NULL,
      row_version integer NOT NULL DEFAULT 1 CHECK (row_version > 0),
      insert_seq bigint GENERATED ALWAYS AS IDENTITY
    );
    CREATE INDEX testimonials_patient ON testimonials (patient_id);

    CREATE TABLE media (
      id text PRIMARY KEY,
      testimonial_id text NOT NULL REFERENCES testimonials (id),
      kind text NOT NULL,
      sealed bytea NOT NULL,
      data bytea NOT NULL,
      thumbnail bytea,
      created_at text NOT NULL,
      created_by text NOT NULL,
      insert_seq bigint GENERATED ALWAYS AS IDENTITY
    );
    CREATE INDEX media_testimonial ON media (testimonial_id, created_at);

    CREATE TABLE posts (
      id text PRIMARY KEY,
      testimonial_id text NOT NULL REFERENCES testimonials (id),
      patient_id uuid NOT NULL REFERENCES patients (id),
      consent_id text REFERENCES authorizations (id),
      state text NOT NULL CHECK (state IN ('draft', 'approved', 'published', 'takedown_required', 'taken_down')),
      sealed bytea NOT NULL,
      created_at text NOT NULL,
      created_by text NOT NULL,
      updated_at text NOT NULL,
      approved_by text,
      taken_down_by text,
      identifiers_approved_by text,
      -- The kept verdict: covered or not (what lists and the dashboard count), its reasons sealed, and the
      -- day it may next change sealed too (it can be a minor's coming of age), with only the first of that
      -- month in the clear for the index that finds posts due for a new judgment.
      coverage_covered boolean,
      coverage_reasons bytea,
      coverage_changes_on bytea,
      coverage_recheck_from text CHECK (coverage_recheck_from ~ '^\\d{4}-\\d{2}-01$'),
      row_version integer NOT NULL DEFAULT 1 CHECK (row_version > 0),
      insert_seq bigint GENERATED ALWAYS AS IDENTITY,
      CHECK ((coverage_changes_on IS NULL) = (coverage_recheck_from IS NULL))
    );
    CREATE INDEX posts_created ON posts (created_at);
    CREATE INDEX posts_consent ON posts (consent_id);
    CREATE INDEX posts_uncovered ON posts (state, updated_at) WHERE coverage_covered = false;
    CREATE INDEX posts_recheck ON posts (coverage_recheck_from) WHERE coverage_recheck_from IS NOT NULL;

    CREATE FUNCTION raise_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.row_version := OLD.row_version + 1;
      RETURN NEW;
    END $$;
    -- Keeping a verdict is derived work, not an edit: it does not make another workstation's edit stale.
    CREATE TRIGGER posts_raise_version BEFORE UPDATE ON posts FOR EACH ROW
      WHEN (OLD.sealed IS DISTINCT FROM NEW.sealed OR OLD.state IS DISTINCT FROM NEW.state
            OR OLD.consent_id IS DISTINCT FROM NEW.consent_id OR OLD.identifiers_approved_by IS DISTINCT FROM NEW.identifiers_approved_by)
      EXECUTE FUNCTION raise_row_version();
    CREATE TRIGGER testimonials_raise_version BEFORE UPDATE ON testimonials FOR EACH ROW EXECUTE FUNCTION raise_row_version();

    -- Posts whose kept verdict something it depends on has changed since (judged again before the next commit).
    CREATE TABLE post_coverage_stale (post_id text PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE);
    CREATE FUNCTION posts_coverage_stale() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_TABLE_NAME = 'posts' THEN
        INSERT INTO post_coverage_stale VALUES (NEW.id) ON CONFLICT DO NOTHING;
      ELSIF TG_TABLE_NAME = 'authorizations' THEN
        INSERT INTO post_coverage_stale SELECT id FROM posts WHERE consent_id = NEW.id ON CONFLICT DO NOTHING;
      ELSE
        INSERT INTO post_coverage_stale SELECT id FROM posts WHERE patient_id = NEW.id ON CONFLICT DO NOTHING;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER posts_coverage_new AFTER INSERT ON posts FOR EACH ROW EXECUTE FUNCTION posts_coverage_stale();
    CREATE TRIGGER posts_coverage_edit AFTER UPDATE ON posts FOR EACH ROW
      WHEN (OLD.sealed IS DISTINCT FROM NEW.sealed OR OLD.state IS DISTINCT FROM NEW.state OR OLD.consent_id IS DISTINCT FROM NEW.consent_id
            OR OLD.patient_id IS DISTINCT FROM NEW.patient_id OR OLD.identifiers_approved_by IS DISTINCT FROM NEW.identifiers_approved_by)
      EXECUTE FUNCTION posts_coverage_stale();
    CREATE TRIGGER authorizations_coverage AFTER UPDATE ON authorizations FOR EACH ROW EXECUTE FUNCTION posts_coverage_stale();
    CREATE TRIGGER patients_coverage AFTER UPDATE ON patients FOR EACH ROW
      WHEN (OLD.date_of_birth IS DISTINCT FROM NEW.date_of_birth) EXECUTE FUNCTION posts_coverage_stale();

    -- The change feed: delivered by the server when (and only if) the transaction commits.
    CREATE FUNCTION announce_change() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      row_id text := CASE WHEN TG_OP = 'DELETE' THEN OLD.id::text ELSE NEW.id::text END;
      kind text := lower(TG_OP);
    BEGIN
      IF TG_TABLE_NAME = 'authorizations' AND TG_OP = 'UPDATE' THEN
        IF OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL THEN kind := 'revoked';
        ELSIF OLD.stage <> NEW.stage THEN kind := NEW.stage;
        END IF;
      END IF;
      PERFORM pg_notify('${changeChannel}', json_build_object('table', TG_TABLE_NAME, 'id', row_id, 'kind', kind)::text);
      RETURN NULL;
    END $$;
    CREATE TRIGGER patients_announce AFTER INSERT OR UPDATE OR DELETE ON patients FOR EACH ROW EXECUTE FUNCTION announce_change();
    CREATE TRIGGER authorizations_announce AFTER INSERT OR UPDATE OR DELETE ON authorizations FOR EACH ROW EXECUTE FUNCTION announce_change();
    CREATE TRIGGER testimonials_announce AFTER INSERT OR UPDATE OR DELETE ON testimonials FOR EACH ROW EXECUTE FUNCTION announce_change();
    CREATE TRIGGER media_announce AFTER INSERT OR DELETE ON media FOR EACH ROW EXECUTE FUNCTION announce_change();
    CREATE TRIGGER posts_announce AFTER INSERT OR UPDATE OR DELETE ON posts FOR EACH ROW EXECUTE FUNCTION announce_change();

    REVOKE ALL ON authorizations, testimonials, media, posts, post_coverage_stale FROM PUBLIC;
    GRANT SELECT, INSERT, UPDATE, DELETE ON authorizations, testimonials, media, posts, post_coverage_stale TO ${appRole};
  `;
}

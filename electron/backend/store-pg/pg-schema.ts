import type { ClientBase } from 'pg';
import { recordsSchemaSql } from './pg-records-schema';
import { practiceSchemaSql } from './pg-practice-schema';
import { programIncidentsSchemaSql } from './pg-program-incidents-schema';
import { programSchemaSql } from './pg-program-schema';
import { programReviewsSchemaSql } from './pg-program-reviews-schema';
import { staffSchemaSql } from './pg-staff-schema';

/**
 * The PostgreSQL dialect of the first tables, patients and audit_events (the
 * SQLite migrations 001-003 hold their counterparts). Every PHI column is
 * bytea holding a field-crypto envelope sealed on the workstation; equality
 * and prefix search go through blind-index terms. The server enforces what it
 * can without the key: the audit chain is append-only and advances one event
 * at a time, and the app's role holds only the rights the app needs.
 */

/**
 * The parts this file creates, in order: 1 patients and the audit chain, 2 the shared records
 * (pg-records-schema.ts), 3 staff and sign-in material (pg-staff-schema.ts), 4 templates, presets,
 * patient copies and certificates (pg-practice-schema.ts), 5 the compliance program's policy
 * (pg-program-schema.ts); 6 training, channel reviews, removed comments, retention purges and
 * store_meta (pg-program-reviews-schema.ts); 7 the program's incidents and documents, post review
 * threads, review schedules and checked replies (pg-program-incidents-schema.ts).
 *
 * Together they are the server's baseline: every table and rule SQLite's migrations 001-016 make,
 * in the server's dialect, so `store_schema.version` starts at 16, the number a file at the same
 * schema has in `user_version`. Migrations after it carry their own PostgreSQL part
 * (`Migration.postgres`, run by `migratePgSchema` in pg-migrate-schema.ts): one numbering for both.
 */
export const pgBaselineVersion = 16;

/** The advisory lock that serialises audit appends across every workstation (two int4 keys: "CD", "audit"). */
export const auditAppendLock = [0x4344, 0x61756469] as const;

const identifier = /^[a-z_][a-z0-9_]{0,62}$/;

export function foundationSchemaSql(appRole: string): string {
  if (!identifier.test(appRole)) throw new Error(`"${appRole}" is not a plain PostgreSQL role name.`);
  return `
    CREATE TABLE store_schema (
      id smallint PRIMARY KEY CHECK (id = 1),
      version integer NOT NULL
    );
    INSERT INTO store_schema (id, version) VALUES (1, ${pgBaselineVersion});

    CREATE TABLE patients (
      id uuid PRIMARY KEY,
      first_name bytea NOT NULL,
      last_name bytea NOT NULL,
      date_of_birth bytea NOT NULL,
      record_number bytea,
      phone bytea,
      email bytea,
      city bytea,
      -- The record number's exact blind term: one patient per record number, without the server knowing it.
      record_number_term bytea UNIQUE CHECK (octet_length(record_number_term) = 16),
      created_at text NOT NULL,
      updated_at text NOT NULL,
      -- Raised by every update; an update naming an older version is a conflict, never a lost update.
      row_version integer NOT NULL DEFAULT 1 CHECK (row_version > 0),
      CHECK ((record_number IS NULL) = (record_number_term IS NULL))
    );

    -- Blind-index terms of names (word prefixes) and dates of birth (year, month, day); which field a term
    -- belongs to is inside its HMAC, not in a column.
    CREATE TABLE patient_search_terms (
      term bytea NOT NULL CHECK (octet_length(term) = 16),
      patient_id uuid NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
      PRIMARY KEY (term, patient_id)
    );
    CREATE INDEX patient_search_terms_patient ON patient_search_terms (patient_id);

    -- What the server may see of an event: when, which kind, which ids. Who by name, the detail and the
    -- hashes are sealed (the detail may name a patient, and an unkeyed hash of it could confirm a guess).
    CREATE TABLE audit_events (
      seq bigint PRIMARY KEY CHECK (seq > 0),
      at text NOT NULL,
      actor_id text,
      action text NOT NULL,
      subject_type text,
      subject_id text,
      sealed bytea NOT NULL
    );
    CREATE INDEX audit_events_at ON audit_events (at);
    CREATE INDEX audit_events_subject ON audit_events (subject_id);

    -- The chain's head, kept apart from the events so that deleting the newest events is still detected.
    CREATE TABLE audit_head (
      id smallint PRIMARY KEY CHECK (id = 1),
      seq bigint NOT NULL CHECK (seq >= 0),
      sealed_hash bytea,
      CHECK ((seq = 0) = (sealed_hash IS NULL))
    );
    INSERT INTO audit_head (id, seq, sealed_hash) VALUES (1, 0, NULL);

    CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'integrity_constraint_violation';
    END $$;
    CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
    CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

    -- One chain: an event must be the one after the head, and the head may only move to the event just added.
    CREATE FUNCTION audit_events_follow_head() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.seq <> (SELECT seq + 1 FROM audit_head WHERE id = 1) THEN
        RAISE EXCEPTION 'audit event % does not follow the chain''s head', NEW.seq USING ERRCODE = 'serialization_failure';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER audit_events_follow_head BEFORE INSERT ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_follow_head();

    CREATE FUNCTION audit_head_moves_forward() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'UPDATE' OR NEW.id <> OLD.id OR NEW.seq <> OLD.seq + 1
         OR NOT EXISTS (SELECT 1 FROM audit_events WHERE seq = NEW.seq) THEN
        RAISE EXCEPTION 'the audit head only moves to the event just appended' USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER audit_head_moves_forward BEFORE UPDATE OR DELETE ON audit_head
      FOR EACH ROW EXECUTE FUNCTION audit_head_moves_forward();
    CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

    -- The app's rights, and no more: it reads and writes rows; it cannot change the schema, delete audit
    -- events, or add a second head.
    REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
    GRANT SELECT ON store_schema TO ${appRole};
    GRANT SELECT, INSERT, UPDATE, DELETE ON patients, patient_search_terms TO ${appRole};
    GRANT SELECT, INSERT ON audit_events TO ${appRole};
    GRANT SELECT, UPDATE ON audit_head TO ${appRole};
    ${recordsSchemaSql(appRole)}
    ${staffSchemaSql(appRole)}
    ${practiceSchemaSql(appRole)}
    ${programSchemaSql(appRole)}
    ${programReviewsSchemaSql(appRole)}
    ${programIncidentsSchemaSql(appRole)}
  `;
}

/**
 * Create the foundation schema in one transaction, as the schema's owner.
 * Refuses a database that already has a Consent Desk schema (nothing is dropped or overwritten).
 */
export async function createFoundationSchema(owner: ClientBase, appRole: string): Promise<void> {
  const existing = await owner.query<{ exists: boolean }>("SELECT to_regclass('public.store_schema') IS NOT NULL AS exists");
  if (existing.rows[0]?.exists) throw new Error('This database already holds a Consent Desk store; nothing was changed.');
  await owner.query('BEGIN');
  try {
    await owner.query(foundationSchemaSql(appRole));
    await owner.query('COMMIT');
  } catch (error) {
    await owner.query('ROLLBACK');
    throw error;
  }
}

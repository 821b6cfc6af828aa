/**
 * The PostgreSQL dialect of the compliance program's policy (SQLite:
 * migration 010's policy_versions, policy_draft, policy_acknowledgments).
 * Training, channel reviews and removed comments are schema 6
 * (pg-program-reviews-schema.ts); incidents, post review messages, review
 * schedules, reply checks and the work queue have no dialect yet.
 *
 * What the server may see: version numbers, who published and when, who
 * acknowledged which version when, in which language, and the SHA-256 of
 * the text each person was shown (a hash of the practice's own policy, not
 * of anything a patient said). Sealed: the policy's text in every language,
 * the draft, and the workstation an acknowledgment was made on.
 *
 * What the server guards: published versions and acknowledgments are
 * records and never change or go (triggers, and the app role has no UPDATE
 * or DELETE on them); one version per number.
 */
export function programSchemaSql(appRole: string): string {
  return `
    CREATE FUNCTION program_records_kept() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% are records and never change', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
    END $$;

    CREATE TABLE policy_versions (
      id text PRIMARY KEY,
      version integer NOT NULL UNIQUE CHECK (version >= 1),
      text bytea NOT NULL,
      text_sha256 text NOT NULL,
      published_at text NOT NULL,
      published_by text NOT NULL REFERENCES staff (id)
    );
    CREATE TRIGGER policy_versions_kept BEFORE UPDATE OR DELETE ON policy_versions FOR EACH ROW EXECUTE FUNCTION program_records_kept();

    CREATE TABLE policy_draft (
      id smallint PRIMARY KEY CHECK (id = 1),
      text bytea NOT NULL,
      updated_at text NOT NULL,
      updated_by text NOT NULL REFERENCES staff (id),
      row_version integer NOT NULL DEFAULT 1 CHECK (row_version > 0)
    );
    CREATE TRIGGER policy_draft_raise_version BEFORE UPDATE ON policy_draft FOR EACH ROW EXECUTE FUNCTION raise_row_version();

    CREATE TABLE policy_acknowledgments (
      id text PRIMARY KEY,
      staff_id text NOT NULL REFERENCES staff (id),
      version_id text NOT NULL REFERENCES policy_versions (id),
      acknowledged_at text NOT NULL,
      acknowledged_on text NOT NULL,
      language text NOT NULL,
      text_sha256 text NOT NULL,
      workstation bytea NOT NULL,
      insert_seq bigint GENERATED ALWAYS AS IDENTITY
    );
    CREATE INDEX policy_acknowledgments_staff ON policy_acknowledgments (staff_id, acknowledged_at);
    CREATE TRIGGER policy_acknowledgments_kept BEFORE UPDATE OR DELETE ON policy_acknowledgments FOR EACH ROW EXECUTE FUNCTION program_records_kept();

    REVOKE ALL ON policy_versions, policy_draft, policy_acknowledgments FROM PUBLIC;
    GRANT SELECT, INSERT ON policy_versions, policy_acknowledgments TO ${appRole};
    GRANT SELECT, INSERT, UPDATE, DELETE ON policy_draft TO ${appRole};
  `;
}

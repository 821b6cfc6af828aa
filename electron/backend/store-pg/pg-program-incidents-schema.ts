/**
 * The PostgreSQL dialect of the compliance program's incidents and the
 * records around them (schema 7; SQLite: migration 010's incidents,
 * incident_documents, post_review_messages, review_schedules, and 008's
 * reply_checks). Schema 6 (training, channel reviews, removed comments,
 * purges, store_meta) is its own file.
 *
 * What the server may see: ids and the rows they join (post, patient, reply
 * check, staff), an incident's trigger, state, the days it was discovered
 * and each notice went out, when it was opened, assessed, decided and
 * closed and by whom, whether notification was required, the counts of
 * people affected; a document's kind, language and when it was made; a
 * review message's kind and time; a schedule's channel, frequency, assignee
 * and days; a checked reply's time, checker and pass or flag.
 * Sealed: every free text (the discovery note, the summary, the assessment,
 * the decision's rationale, each notice's note, the outcome, the reply's
 * channel, address and day, a review message's body, a checked reply and
 * its findings), the documents' PDFs and their SHA-256, and the hash of the
 * post content a review message was about (an unkeyed hash of a short caption
 * would let a thief confirm a guessed one).
 *
 * What the server guards, as the SQLite triggers promise: an incident is
 * never deleted; a closed one changes only to take its yearly HHS notice,
 * once; how it was opened (trigger, time, who, summary, reply) never changes;
 * documents, review messages and checked replies are records and never
 * change or go (triggers, and the app role has no UPDATE or DELETE on them);
 * one incident per post; a channel review's schedule exists (schema 6's
 * foreign key, added here with the table it names).
 */
export function programIncidentsSchemaSql(appRole: string): string {
  return `
    CREATE FUNCTION program_incident_records_kept() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% are records and never change', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
    END $$;

    CREATE TABLE reply_checks (
      id text PRIMARY KEY,
      checked_at text NOT NULL,
      checked_by text NOT NULL REFERENCES staff (id),
      reply bytea NOT NULL,
      decision text NOT NULL CHECK (decision IN ('flag', 'pass')),
      findings bytea NOT NULL,
      insert_seq bigint GENERATED ALWAYS AS IDENTITY
    );
    CREATE INDEX reply_checks_checked_at ON reply_checks (checked_at COLLATE "C");
    CREATE TRIGGER reply_checks_kept BEFORE UPDATE OR DELETE ON reply_checks FOR EACH ROW EXECUTE FUNCTION program_incident_records_kept();

    CREATE TABLE post_review_messages (
      id text PRIMARY KEY,
      post_id text NOT NULL REFERENCES posts (id),
      at text NOT NULL,
      by_staff text NOT NULL REFERENCES staff (id),
      kind text NOT NULL CHECK (kind IN ('request', 'comment', 'approve', 'decline')),
      body bytea NOT NULL,
      content_sha256 bytea NOT NULL,
      insert_seq bigint GENERATED ALWAYS AS IDENTITY
    );
    CREATE INDEX post_review_messages_post ON post_review_messages (post_id, at COLLATE "C");
    CREATE TRIGGER post_review_messages_kept BEFORE UPDATE OR DELETE ON post_review_messages FOR EACH ROW EXECUTE FUNCTION program_incident_records_kept();

    CREATE TABLE review_schedules (
      id text PRIMARY KEY,
      channel text NOT NULL UNIQUE,
      frequency text NOT NULL CHECK (frequency IN ('weekly', 'monthly', 'quarterly')),
      assignee_id text NOT NULL REFERENCES staff (id),
      starts_on text NOT NULL,
      active boolean NOT NULL,
      ended_on text,
      created_at text NOT NULL,
      updated_at text NOT NULL
    );
    -- Schema 6's reviews name their schedule (SQLite: REFERENCES review_schedules (id)). Checked at COMMIT: migrate-store copies
    -- schema 6 before schema 7 in its one transaction, so a review is written before its schedule there; a review whose schedule
    -- is still missing when its transaction ends is refused, and nothing of the transaction is kept.
    ALTER TABLE channel_reviews ADD CONSTRAINT channel_reviews_schedule_id_fkey FOREIGN KEY (schedule_id) REFERENCES review_schedules (id)
      DEFERRABLE INITIALLY DEFERRED;

    CREATE TABLE incidents (
      id text PRIMARY KEY,
      trigger text NOT NULL CHECK (trigger IN ('takedown_required', 'published_after_revocation', 'phi_reply', 'other')),
      state text NOT NULL CHECK (state IN ('open', 'closed')),
      opened_at text NOT NULL,
      opened_by text REFERENCES staff (id),
      discovered_on text NOT NULL,
      discovery_note bytea NOT NULL,
      summary bytea NOT NULL,
      post_id text REFERENCES posts (id),
      reply_check_id text REFERENCES reply_checks (id),
      -- The reply's channel, address and the day it was posted, one sealed part written at opening.
      reply bytea,
      patient_id uuid REFERENCES patients (id),
      assessment bytea,
      assessed_at text,
      assessed_by text REFERENCES staff (id),
      decision text CHECK (decision IN ('required', 'not_required')),
      decision_rationale bytea,
      decided_at text,
      decided_by text REFERENCES staff (id),
      affected_count integer NOT NULL DEFAULT 1,
      largest_state_count integer NOT NULL DEFAULT 1,
      individual_notified_on text,
      individual_note bytea NOT NULL,
      media_notified_on text,
      media_note bytea NOT NULL,
      hhs_notified_on text,
      hhs_note bytea NOT NULL,
      outcome bytea,
      closed_at text,
      closed_by text REFERENCES staff (id),
      insert_seq bigint GENERATED ALWAYS AS IDENTITY,
      CHECK ((reply_check_id IS NULL) = (reply IS NULL))
    );
    CREATE UNIQUE INDEX incidents_one_per_post ON incidents (post_id) WHERE post_id IS NOT NULL;
    CREATE INDEX incidents_discovered ON incidents (discovered_on COLLATE "C");

    -- SQLite's incidents_no_delete and incidents_closed_frozen, column for column (a sealed column is compared
    -- as its envelope: the repository writes only the columns a step changes), and how it was opened fixed.
    CREATE FUNCTION incidents_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'incidents are records and are never deleted' USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      IF NEW.id <> OLD.id OR NEW.trigger <> OLD.trigger OR NEW.opened_at <> OLD.opened_at OR NEW.opened_by IS DISTINCT FROM OLD.opened_by
         OR NEW.summary <> OLD.summary OR NEW.reply_check_id IS DISTINCT FROM OLD.reply_check_id OR NEW.reply IS DISTINCT FROM OLD.reply THEN
        RAISE EXCEPTION 'how an incident was opened does not change' USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      IF OLD.state = 'closed' AND (NEW.state IS DISTINCT FROM OLD.state OR NEW.assessment IS DISTINCT FROM OLD.assessment
         OR NEW.decision IS DISTINCT FROM OLD.decision OR NEW.decision_rationale IS DISTINCT FROM OLD.decision_rationale
         OR NEW.discovered_on IS DISTINCT FROM OLD.discovered_on OR NEW.individual_notified_on IS DISTINCT FROM OLD.individual_notified_on
         OR NEW.media_notified_on IS DISTINCT FROM OLD.media_notified_on OR NEW.outcome IS DISTINCT FROM OLD.outcome
         OR NEW.closed_at IS DISTINCT FROM OLD.closed_at OR NEW.affected_count IS DISTINCT FROM OLD.affected_count
         OR NEW.largest_state_count IS DISTINCT FROM OLD.largest_state_count OR NEW.post_id IS DISTINCT FROM OLD.post_id
         OR NEW.patient_id IS DISTINCT FROM OLD.patient_id
         OR (OLD.hhs_notified_on IS NOT NULL AND NEW.hhs_notified_on IS DISTINCT FROM OLD.hhs_notified_on)) THEN
        RAISE EXCEPTION 'a closed incident does not change' USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER incidents_guard BEFORE UPDATE OR DELETE ON incidents FOR EACH ROW EXECUTE FUNCTION incidents_guard();

    CREATE TABLE incident_documents (
      id text PRIMARY KEY,
      incident_id text NOT NULL REFERENCES incidents (id),
      kind text NOT NULL CHECK (kind IN ('report', 'letter')),
      language text NOT NULL,
      created_at text NOT NULL,
      created_by text NOT NULL REFERENCES staff (id),
      pdf bytea NOT NULL,
      sha256 bytea NOT NULL,
      insert_seq bigint GENERATED ALWAYS AS IDENTITY
    );
    CREATE INDEX incident_documents_incident ON incident_documents (incident_id, created_at COLLATE "C");
    CREATE TRIGGER incident_documents_kept BEFORE UPDATE OR DELETE ON incident_documents FOR EACH ROW EXECUTE FUNCTION program_incident_records_kept();

    REVOKE ALL ON reply_checks, post_review_messages, review_schedules, incidents, incident_documents FROM PUBLIC;
    GRANT SELECT, INSERT ON reply_checks, post_review_messages, incident_documents TO ${appRole};
    GRANT SELECT, INSERT, UPDATE ON review_schedules, incidents TO ${appRole};
  `;
}

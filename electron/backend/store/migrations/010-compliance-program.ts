import type { Migration } from './migration';

/**
 * The practice's social-media compliance program:
 * - `policy_versions`: each published version of the social-media policy,
 *   its text in every language and the SHA-256 of each, never changed;
 *   `policy_draft`: the one draft the privacy officer is editing;
 * - `policy_acknowledgments`: who acknowledged which version, when, in
 *   which language, tied to the SHA-256 of the text on screen (append-only);
 * - `training_sessions` with their attendees and materials (stored in the
 *   encrypted database); a session recorded by mistake is voided, with a
 *   reason, never deleted; `quiz_results` (append-only);
 * - `post_review_messages`: the "ask before posting" thread of a post
 *   (append-only);
 * - `review_schedules` (one per channel), `channel_reviews` with the
 *   confirmation of each live post and the comments removed (append-only);
 * - `incidents`, one per post at most, changeable while open (the
 *   assessment, the decision, the notices) and frozen once closed but for
 *   the yearly HHS notice; `incident_documents`: every signed report and
 *   letter produced, never changed.
 * Program settings (the training cycle) live in `settings` under
 * `program.` keys.
 */
const appendOnly = (table: string, what: string) => `
  CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
  BEGIN SELECT RAISE(ABORT, '${what} are records and never change'); END;
  CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
  BEGIN SELECT RAISE(ABORT, '${what} are records and never change'); END;`;

export const migration010: Migration = {
  version: 10,
  name: 'compliance-program',
  up(db) {
    db.exec(`
      CREATE TABLE policy_versions (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL UNIQUE CHECK (version >= 1),
        text TEXT NOT NULL,
        text_sha256 TEXT NOT NULL,
        published_at TEXT NOT NULL,
        published_by TEXT NOT NULL REFERENCES staff (id)
      ) STRICT;
      ${appendOnly('policy_versions', 'published policy versions')}

      CREATE TABLE policy_draft (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        text TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL REFERENCES staff (id)
      ) STRICT;

      CREATE TABLE policy_acknowledgments (
        id TEXT PRIMARY KEY,
        staff_id TEXT NOT NULL REFERENCES staff (id),
        version_id TEXT NOT NULL REFERENCES policy_versions (id),
        acknowledged_at TEXT NOT NULL,
        acknowledged_on TEXT NOT NULL,
        language TEXT NOT NULL,
        text_sha256 TEXT NOT NULL,
        workstation TEXT NOT NULL
      ) STRICT;
      CREATE INDEX policy_acknowledgments_staff ON policy_acknowledgments (staff_id, acknowledged_at);
      ${appendOnly('policy_acknowledgments', 'policy acknowledgments')}

      CREATE TABLE training_sessions (
        id TEXT PRIMARY KEY,
        held_on TEXT NOT NULL,
        topic TEXT NOT NULL,
        trainer TEXT NOT NULL,
        notes TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL REFERENCES staff (id),
        voided_at TEXT,
        voided_by TEXT REFERENCES staff (id),
        void_reason TEXT
      ) STRICT;
      CREATE INDEX training_sessions_held_on ON training_sessions (held_on);
      -- A session is never deleted, and only voiding changes it, once.
      CREATE TRIGGER training_sessions_no_delete BEFORE DELETE ON training_sessions
      BEGIN SELECT RAISE(ABORT, 'training records are kept; void a session instead'); END;
      CREATE TRIGGER training_sessions_void_only BEFORE UPDATE ON training_sessions
      WHEN OLD.voided_at IS NOT NULL OR NEW.held_on IS NOT OLD.held_on OR NEW.topic IS NOT OLD.topic OR NEW.trainer IS NOT OLD.trainer
        OR NEW.notes IS NOT OLD.notes OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.recorded_by IS NOT OLD.recorded_by
        OR NEW.voided_at IS NULL OR NEW.void_reason IS NULL
      BEGIN SELECT RAISE(ABORT, 'training records are kept; a session can only be voided, once'); END;

      CREATE TABLE training_attendees (
        session_id TEXT NOT NULL REFERENCES training_sessions (id),
        staff_id TEXT NOT NULL REFERENCES staff (id),
        PRIMARY KEY (session_id, staff_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX training_attendees_staff ON training_attendees (staff_id);
      ${appendOnly('training_attendees', 'training attendances')}

      CREATE TABLE training_materials (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES training_sessions (id),
        file_name TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        data BLOB NOT NULL,
        added_at TEXT NOT NULL,
        added_by TEXT NOT NULL REFERENCES staff (id)
      ) STRICT;
      CREATE INDEX training_materials_session ON training_materials (session_id);
      ${appendOnly('training_materials', 'training materials')}

      CREATE TABLE quiz_results (
        id TEXT PRIMARY KEY,
        staff_id TEXT NOT NULL REFERENCES staff (id),
        taken_at TEXT NOT NULL,
        language TEXT NOT NULL,
        correct INTEGER NOT NULL,
        total INTEGER NOT NULL,
        passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
        answers TEXT NOT NULL
      ) STRICT;
      CREATE INDEX quiz_results_staff ON quiz_results (staff_id, taken_at);
      ${appendOnly('quiz_results', 'quiz results')}

      CREATE TABLE post_review_messages (
        id TEXT PRIMARY KEY,
        post_id TEXT NOT NULL REFERENCES posts (id),
        at TEXT NOT NULL,
        by_staff TEXT NOT NULL REFERENCES staff (id),
        kind TEXT NOT NULL CHECK (kind IN ('request', 'comment', 'approve', 'decline')),
        body TEXT NOT NULL,
        content_sha256 TEXT NOT NULL
      ) STRICT;
      CREATE INDEX post_review_messages_post ON post_review_messages (post_id, at);
      ${appendOnly('post_review_messages', 'review threads')}

      CREATE TABLE review_schedules (
        id TEXT PRIMARY KEY,
        channel TEXT NOT NULL UNIQUE,
        frequency TEXT NOT NULL CHECK (frequency IN ('weekly', 'monthly', 'quarterly')),
        assignee_id TEXT NOT NULL REFERENCES staff (id),
        starts_on TEXT NOT NULL,
        active INTEGER NOT NULL CHECK (active IN (0, 1)),
        ended_on TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE channel_reviews (
        id TEXT PRIMARY KEY,
        schedule_id TEXT NOT NULL REFERENCES review_schedules (id),
        channel TEXT NOT NULL,
        period_start TEXT NOT NULL,
        period_end TEXT NOT NULL,
        completed_at TEXT NOT NULL,
        completed_on TEXT NOT NULL,
        completed_by TEXT NOT NULL REFERENCES staff (id),
        notes TEXT NOT NULL,
        UNIQUE (schedule_id, period_start)
      ) STRICT;
      ${appendOnly('channel_reviews', 'reviews of live posts')}

      CREATE TABLE channel_review_posts (
        review_id TEXT NOT NULL REFERENCES channel_reviews (id),
        post_id TEXT NOT NULL REFERENCES posts (id),
        outcome TEXT NOT NULL CHECK (outcome IN ('still_covered', 'action_taken')),
        note TEXT NOT NULL,
        covered INTEGER NOT NULL CHECK (covered IN (0, 1)),
        consent_status TEXT NOT NULL,
        PRIMARY KEY (review_id, post_id)
      ) STRICT, WITHOUT ROWID;
      ${appendOnly('channel_review_posts', 'post confirmations')}

      CREATE TABLE removed_comments (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES channel_reviews (id),
        post_id TEXT REFERENCES posts (id),
        removed_on TEXT NOT NULL,
        note TEXT NOT NULL
      ) STRICT;
      CREATE INDEX removed_comments_review ON removed_comments (review_id);
      ${appendOnly('removed_comments', 'notes of removed comments')}

      CREATE TABLE incidents (
        id TEXT PRIMARY KEY,
        trigger TEXT NOT NULL CHECK (trigger IN ('takedown_required', 'published_after_revocation', 'phi_reply', 'other')),
        state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
        opened_at TEXT NOT NULL,
        opened_by TEXT REFERENCES staff (id),
        discovered_on TEXT NOT NULL,
        discovery_note TEXT NOT NULL,
        summary TEXT NOT NULL,
        post_id TEXT REFERENCES posts (id),
        reply_check_id TEXT REFERENCES reply_checks (id),
        reply_channel TEXT,
        reply_url TEXT,
        reply_posted_on TEXT,
        patient_id TEXT REFERENCES patients (id),
        assessment TEXT,
        assessed_at TEXT,
        assessed_by TEXT REFERENCES staff (id),
        decision TEXT CHECK (decision IN ('required', 'not_required')),
        decision_rationale TEXT,
        decided_at TEXT,
        decided_by TEXT REFERENCES staff (id),
        affected_count INTEGER NOT NULL DEFAULT 1,
        largest_state_count INTEGER NOT NULL DEFAULT 1,
        individual_notified_on TEXT,
        individual_note TEXT NOT NULL DEFAULT '',
        media_notified_on TEXT,
        media_note TEXT NOT NULL DEFAULT '',
        hhs_notified_on TEXT,
        hhs_note TEXT NOT NULL DEFAULT '',
        outcome TEXT,
        closed_at TEXT,
        closed_by TEXT REFERENCES staff (id)
      ) STRICT;
      CREATE UNIQUE INDEX incidents_one_per_post ON incidents (post_id) WHERE post_id IS NOT NULL;
      CREATE INDEX incidents_discovered ON incidents (discovered_on);
      CREATE TRIGGER incidents_no_delete BEFORE DELETE ON incidents
      BEGIN SELECT RAISE(ABORT, 'incidents are records and are never deleted'); END;
      -- Closed is closed: only the yearly HHS notice may still be recorded.
      CREATE TRIGGER incidents_closed_frozen BEFORE UPDATE ON incidents
      WHEN OLD.state = 'closed' AND (NEW.state IS NOT OLD.state OR NEW.assessment IS NOT OLD.assessment OR NEW.decision IS NOT OLD.decision
        OR NEW.decision_rationale IS NOT OLD.decision_rationale OR NEW.discovered_on IS NOT OLD.discovered_on
        OR NEW.individual_notified_on IS NOT OLD.individual_notified_on OR NEW.media_notified_on IS NOT OLD.media_notified_on
        OR NEW.outcome IS NOT OLD.outcome OR NEW.closed_at IS NOT OLD.closed_at OR NEW.affected_count IS NOT OLD.affected_count
        OR NEW.largest_state_count IS NOT OLD.largest_state_count OR NEW.post_id IS NOT OLD.post_id OR NEW.patient_id IS NOT OLD.patient_id
        OR (OLD.hhs_notified_on IS NOT NULL AND NEW.hhs_notified_on IS NOT OLD.hhs_notified_on))
      BEGIN SELECT RAISE(ABORT, 'a closed incident does not change'); END;

      CREATE TABLE incident_documents (
        id TEXT PRIMARY KEY,
        incident_id TEXT NOT NULL REFERENCES incidents (id),
        kind TEXT NOT NULL CHECK (kind IN ('report', 'letter')),
        language TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES staff (id),
        pdf BLOB NOT NULL,
        sha256 TEXT NOT NULL
      ) STRICT;
      CREATE INDEX incident_documents_incident ON incident_documents (incident_id, created_at);
      ${appendOnly('incident_documents', 'signed incident documents')}
    `);
  },
};

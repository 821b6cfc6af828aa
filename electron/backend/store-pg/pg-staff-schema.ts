/**
 * The PostgreSQL dialect of staff and sign-in material (SQLite: migration
 * 001's staff and settings, 009's data_key_history, and the key file beside
 * the database, store/keyring.ts). Created by the same schema path as the
 * other tables (pg-schema.ts), after them.
 *
 * What the server may see: staff ids, roles and statuses (it counts active
 * administrators), timestamps, settings' key names (`practiceName`,
 * `staffPreferences:<staff id>`, ...), and the keyring as the key file shows
 * it today: the store id, the key epoch, the audit public key, and each
 * slot's lookup hash and sealed contents (a slot opens only with its
 * password or the recovery key). Sealed on the workstation: usernames and
 * display names (a username is found by a keyed blind term), every
 * setting's value (the practice's contact details, each person's
 * preferences, the audit's private key while the store is closed), and the
 * retired data keys.
 *
 * What the server guards without the key: one staff member per username
 * term, one slot per staff member and one recovery slot, a key epoch that
 * only moves forward on an unchanged store id, row versions raised by every
 * staff edit, and no deletion of staff (they are disabled, since the audit
 * trail names them) or of the keyring.
 */
export function staffSchemaSql(appRole: string): string {
  return `
    CREATE TABLE staff (
      id text PRIMARY KEY,
      -- The lower-cased username's keyed blind term: one person per username, without the server knowing it.
      username_term bytea NOT NULL UNIQUE CHECK (octet_length(username_term) = 16),
      role text NOT NULL CHECK (role IN ('admin', 'frontdesk', 'marketing')),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
      -- The username and display name.
      sealed bytea NOT NULL,
      created_at text NOT NULL,
      updated_at text NOT NULL,
      row_version integer NOT NULL DEFAULT 1 CHECK (row_version > 0),
      insert_seq bigint GENERATED ALWAYS AS IDENTITY
    );
    CREATE INDEX staff_active_admins ON staff (role) WHERE status = 'active';
    CREATE TRIGGER staff_raise_version BEFORE UPDATE ON staff FOR EACH ROW EXECUTE FUNCTION raise_row_version();
    -- An account added, disabled or given another role reaches every workstation's Staff screen (the change feed,
    -- pg-records-schema.ts's announce_change: the id and the kind only, never the sealed username or name).
    CREATE TRIGGER staff_announce AFTER INSERT OR UPDATE ON staff FOR EACH ROW EXECUTE FUNCTION announce_change();

    -- Keyed records: the key in the clear, the JSON value sealed with the key as its record id.
    CREATE TABLE settings (
      key text PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 200),
      value bytea NOT NULL,
      row_version integer NOT NULL DEFAULT 1 CHECK (row_version > 0)
    );
    CREATE TRIGGER settings_raise_version BEFORE UPDATE ON settings FOR EACH ROW EXECUTE FUNCTION raise_row_version();

    -- The key file's header: what a workstation needs before anyone has signed in (nothing in it is secret).
    CREATE TABLE keyring (
      id smallint PRIMARY KEY CHECK (id = 1),
      store_id text NOT NULL,
      cipher text NOT NULL CHECK (cipher IN ('sqlcipher', 'aegis')),
      key_epoch integer NOT NULL CHECK (key_epoch >= 0),
      audit_public_key text,
      row_version integer NOT NULL DEFAULT 1 CHECK (row_version > 0)
    );
    CREATE FUNCTION keyring_moves_forward() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'UPDATE' OR NEW.id <> OLD.id OR NEW.store_id <> OLD.store_id OR NEW.cipher <> OLD.cipher OR NEW.key_epoch < OLD.key_epoch THEN
        RAISE EXCEPTION 'the keyring keeps its store id and its key epoch only moves forward' USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      NEW.row_version := OLD.row_version + 1;
      RETURN NEW;
    END $$;
    CREATE TRIGGER keyring_moves_forward BEFORE UPDATE OR DELETE ON keyring FOR EACH ROW EXECUTE FUNCTION keyring_moves_forward();
    CREATE FUNCTION keyring_kept() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'the keyring is never emptied' USING ERRCODE = 'integrity_constraint_violation';
    END $$;
    CREATE TRIGGER keyring_no_truncate BEFORE TRUNCATE ON keyring FOR EACH STATEMENT EXECUTE FUNCTION keyring_kept();

    -- Key slots as the key file holds them: the slot's JSON text verbatim (already sealed by its password or the
    -- recovery key), with its owner, lookup hash and kind beside it for the constraints and the sign-in lookup.
    CREATE TABLE key_slots (
      id text PRIMARY KEY,
      staff_id text UNIQUE,
      lookup text UNIQUE CHECK (lookup ~ '^[0-9a-f]{64}$'),
      kind text NOT NULL CHECK (kind IN ('password', 'recovery')),
      slot text NOT NULL,
      -- The key file's order of slots.
      insert_seq bigint GENERATED ALWAYS AS IDENTITY,
      CHECK ((kind = 'recovery') = (staff_id IS NULL)),
      CHECK ((kind = 'recovery') = (lookup IS NULL))
    );
    CREATE UNIQUE INDEX key_slots_one_recovery ON key_slots (kind) WHERE kind = 'recovery';

    -- Data keys retired by rotations (for re-sealing backups made under them), each sealed by the current key.
    CREATE TABLE data_key_history (
      key_epoch integer PRIMARY KEY CHECK (key_epoch >= 0),
      data_key bytea NOT NULL,
      retired_at text NOT NULL
    );

    REVOKE ALL ON staff, settings, keyring, key_slots, data_key_history FROM PUBLIC;
    GRANT SELECT, INSERT, UPDATE ON staff TO ${appRole};
    GRANT SELECT, INSERT, UPDATE, DELETE ON settings TO ${appRole};
    GRANT SELECT, INSERT, UPDATE ON keyring TO ${appRole};
    GRANT SELECT, INSERT, DELETE ON key_slots TO ${appRole};
    GRANT SELECT, INSERT, UPDATE ON data_key_history TO ${appRole};
  `;
}

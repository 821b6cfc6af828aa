/**
 * The PostgreSQL dialect of the practice's own documents (SQLite: 002's
 * templates and practice_certificates, 007's patient_copies, 012's
 * scope_presets). Created by the same schema path (pg-schema.ts), after
 * the staff tables, since presets and patient copies name staff.
 *
 * What the server may see: ids, versions, languages, which version is
 * active or retired, times, staff and authorization ids, how a patient got
 * their copy (printed, saved, declined), a certificate's validity end and
 * source. Sealed: the wording of every template version, each preset's
 * name, scope and duration, and every certificate with its private key and
 * its subject, issuer and fingerprint.
 *
 * What the server guards, as the SQLite triggers do: a template version or
 * a preset version never changes (only a template's `active` flag moves)
 * and is never deleted; one active template per language and one active
 * certificate; a certificate is kept once it has signed (only `active`
 * moves); patient copies are only added.
 */
export function practiceSchemaSql(appRole: string): string {
  return `
    CREATE TABLE templates (
      id text PRIMARY KEY,
      language text NOT NULL,
      version integer NOT NULL CHECK (version >= 1),
      text bytea NOT NULL,
      active boolean NOT NULL,
      created_at text NOT NULL,
      UNIQUE (language, version)
    );
    CREATE UNIQUE INDEX templates_one_active ON templates (language) WHERE active;

    -- Only a template's active flag may move; nothing else of a version changes, and none is deleted.
    CREATE FUNCTION templates_kept() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.language = OLD.language AND NEW.version = OLD.version
         AND NEW.text = OLD.text AND NEW.created_at = OLD.created_at THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'template versions never change; publish a new version' USING ERRCODE = 'integrity_constraint_violation';
    END $$;
    -- Likewise a certificate: only its active flag moves.
    CREATE FUNCTION practice_certificates_kept() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.sealed = OLD.sealed AND NEW.certificate_der = OLD.certificate_der
         AND NEW.private_key_pkcs8 = OLD.private_key_pkcs8 AND NEW.not_after = OLD.not_after AND NEW.source = OLD.source
         AND NEW.created_at = OLD.created_at THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'signing certificates are kept as they were' USING ERRCODE = 'integrity_constraint_violation';
    END $$;
    CREATE FUNCTION practice_rows_kept() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% rows are kept as written: add a new one instead', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
    END $$;
    CREATE TRIGGER templates_kept BEFORE UPDATE OR DELETE ON templates FOR EACH ROW EXECUTE FUNCTION templates_kept();

    CREATE TABLE scope_presets (
      id text NOT NULL,
      version integer NOT NULL CHECK (version >= 1),
      -- The name, scope and duration.
      sealed bytea NOT NULL,
      retired boolean NOT NULL DEFAULT false,
      created_at text NOT NULL,
      created_by text NOT NULL REFERENCES staff (id),
      PRIMARY KEY (id, version)
    );
    CREATE TRIGGER scope_presets_kept BEFORE UPDATE OR DELETE ON scope_presets FOR EACH ROW EXECUTE FUNCTION practice_rows_kept();

    CREATE TABLE patient_copies (
      id text PRIMARY KEY,
      authorization_id text NOT NULL REFERENCES authorizations (id) ON DELETE CASCADE,
      method text NOT NULL CHECK (method IN ('printed', 'saved', 'declined')),
      recorded_at text NOT NULL,
      recorded_by text NOT NULL REFERENCES staff (id),
      insert_seq bigint GENERATED ALWAYS AS IDENTITY
    );
    CREATE INDEX patient_copies_by_authorization ON patient_copies (authorization_id, recorded_at);
    -- A draft's deletion may take its entries with it (ON DELETE CASCADE); nothing else removes or changes one.
    CREATE TRIGGER patient_copies_kept BEFORE UPDATE ON patient_copies FOR EACH ROW EXECUTE FUNCTION practice_rows_kept();

    CREATE TABLE practice_certificates (
      id text PRIMARY KEY,
      certificate_der bytea NOT NULL,
      private_key_pkcs8 bytea NOT NULL,
      -- Subject, issuer, fingerprint and validity start.
      sealed bytea NOT NULL,
      not_after text NOT NULL,
      source text NOT NULL CHECK (source IN ('generated', 'imported')),
      active boolean NOT NULL,
      created_at text NOT NULL,
      insert_seq bigint GENERATED ALWAYS AS IDENTITY
    );
    CREATE UNIQUE INDEX practice_certificates_one_active ON practice_certificates (active) WHERE active;
    CREATE TRIGGER practice_certificates_kept BEFORE UPDATE OR DELETE ON practice_certificates FOR EACH ROW EXECUTE FUNCTION practice_certificates_kept();

    REVOKE ALL ON templates, scope_presets, patient_copies, practice_certificates FROM PUBLIC;
    GRANT SELECT, INSERT, UPDATE ON templates, practice_certificates TO ${appRole};
    GRANT SELECT, INSERT ON scope_presets TO ${appRole};
    GRANT SELECT, INSERT ON patient_copies TO ${appRole};
  `;
}

import type { Migration } from './migration';

/**
 * Presets of authorization scope, kept by administrators, and how a
 * patient signed on the screen: drawn, or a typed name adopted as the
 * signature by a patient who cannot draw (recorded in the evidence and PDF).
 *
 * Presets: A row is one
 * version and never changes: editing a preset adds the next version,
 * retiring it adds a version marked retired, so what a preset said on any
 * day stays readable.
 */
export const migration012: Migration = {
  version: 12,
  name: 'scope-presets-and-typed-signatures',
  up(db) {
    db.exec(`
      CREATE TABLE scope_presets (
        id TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        scope TEXT NOT NULL CHECK (json_valid(scope)),
        duration TEXT NOT NULL CHECK (json_valid(duration)),
        retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES staff (id),
        PRIMARY KEY (id, version)
      ) STRICT;
      CREATE TRIGGER scope_presets_never_change BEFORE UPDATE ON scope_presets
        BEGIN SELECT RAISE(ABORT, 'a preset version never changes: add the next version'); END;
      CREATE TRIGGER scope_presets_never_deleted BEFORE DELETE ON scope_presets
        BEGIN SELECT RAISE(ABORT, 'preset versions are kept'); END;

      ALTER TABLE authorizations ADD COLUMN signature_kind TEXT NOT NULL DEFAULT 'drawn' CHECK (signature_kind IN ('drawn', 'typed'));
    `);
  },
};

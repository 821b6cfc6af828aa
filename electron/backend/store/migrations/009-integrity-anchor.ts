import type { Migration } from './migration';

/**
 * What rollback detection, integrity checks and re-sealing backups need:
 * - store_meta: a counter every write transaction increases (never goes
 *   back, not even across a restore), the key that signs the anchor kept
 *   beside the database (HMAC; only someone who can open the store can
 *   forge it), and the result of the last full check;
 * - data_key_history: each data key retired by a rotation, so backups made
 *   under it can be re-sealed to the current key slots (see backup-reseal.ts).
 *   They are as safe here as the data they protect: inside the encrypted file.
 */
export const migration009: Migration = {
  version: 9,
  name: 'integrity-anchor',
  up(db) {
    db.exec(`
      CREATE TABLE store_meta (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        write_counter INTEGER NOT NULL,
        anchor_key BLOB NOT NULL CHECK (length(anchor_key) = 32),
        last_check TEXT
      ) STRICT;
      INSERT INTO store_meta (id, write_counter, anchor_key) VALUES (1, 0, randomblob(32));

      CREATE TABLE data_key_history (
        key_epoch INTEGER PRIMARY KEY,
        data_key BLOB NOT NULL CHECK (length(data_key) = 32),
        retired_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};

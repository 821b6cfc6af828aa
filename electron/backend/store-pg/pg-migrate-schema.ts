import type { ClientBase } from 'pg';
import { AppError } from '../../../shared/errors';
import { migrations as fileMigrations } from '../store/migrations/index';
import type { Migration } from '../store/migrations/migration';
import { pgBaselineVersion } from './pg-schema';

/**
 * The PostgreSQL store's schema upgrades (issue 15: migrations numbered
 * once, a dialect per engine). `store_schema.version` holds the same number
 * a file at the same schema holds in `user_version`; the server's schema as
 * first created is `pgBaselineVersion`, and each later migration brings its
 * PostgreSQL part (`Migration.postgres`).
 */

/** Two workstations upgrading at once: the second waits, then finds nothing left to do ("CD", "schema"). */
const schemaUpgradeLock = [0x4344, 0x736368] as const;

export const pgUpgradeNeedsDialectMessage = (m: Migration) =>
  `This Consent Desk cannot upgrade the practice server's schema: migration ${m.version} (${m.name}) has no PostgreSQL step. Nothing was changed.`;

/** The server's schema version, or null for a database without a Consent Desk store. */
export async function pgSchemaVersion(client: ClientBase): Promise<number | null> {
  const found = await client.query<{ exists: boolean }>("SELECT to_regclass('public.store_schema') IS NOT NULL AS exists");
  if (!found.rows[0]?.exists) return null;
  const row = await client.query<{ version: number }>('SELECT version FROM store_schema WHERE id = 1');
  return row.rows[0]?.version ?? null;
}

function tooNew(version: number, latest: number): AppError {
  return new AppError(
    'store_too_new',
    `The practice server's store was upgraded by a newer Consent Desk (schema ${version}; this version knows up to ${latest}). Install the newer version on this workstation to use it.`,
  );
}

/**
 * Refuse a server whose schema is not the one this Consent Desk was built
 * for: newer is `store_too_new`; older waits for its owner to upgrade it
 * (the app's role cannot change the schema).
 */
export async function assertPgSchemaCurrent(client: ClientBase, list: readonly Migration[] = fileMigrations): Promise<void> {
  const latest = list.at(-1)?.version ?? 0;
  const version = await pgSchemaVersion(client);
  if (version === null) throw new AppError('not_found', 'This database holds no Consent Desk store.');
  if (version > latest) throw tooNew(version, latest);
  if (version < latest) {
    throw new AppError('conflict', `The practice server's store is at schema ${version}; this Consent Desk needs ${latest}. It must be upgraded, as the database's owner, before this workstation can use it; nothing was changed.`);
  }
}

/**
 * Bring the server's schema up to the newest migration, as the schema's
 * owner: every pending step's PostgreSQL part and the new version in ONE
 * transaction, so a failure or a killed connection leaves the schema as it
 * was. Every pending step must have its part before any runs. Returns the
 * versions before and after.
 */
export async function migratePgSchema(owner: ClientBase, appRole: string, list: readonly Migration[] = fileMigrations): Promise<{ from: number; to: number }> {
  const latest = list.at(-1)?.version ?? 0;
  await owner.query('BEGIN');
  try {
    await owner.query('SELECT pg_advisory_xact_lock($1, $2)', [...schemaUpgradeLock]);
    const row = await owner.query<{ version: number }>('SELECT version FROM store_schema WHERE id = 1 FOR UPDATE');
    const from = row.rows[0]?.version;
    if (from === undefined) throw new AppError('not_found', 'This database holds no Consent Desk store.');
    if (from > latest) throw tooNew(from, latest);
    if (from < pgBaselineVersion) throw new AppError('internal', `The practice server's schema ${from} is older than the first this Consent Desk can create (${pgBaselineVersion}). Nothing was changed.`);
    const pending = list.filter((m) => m.version > from);
    const missing = pending.find((m) => !m.postgres);
    if (missing) throw new AppError('internal', pgUpgradeNeedsDialectMessage(missing));
    for (const m of pending) await owner.query(m.postgres!(appRole));
    if (pending.length > 0) await owner.query('UPDATE store_schema SET version = $1 WHERE id = 1', [latest]);
    await owner.query('COMMIT');
    return { from, to: pending.length > 0 ? latest : from };
  } catch (error) {
    await owner.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

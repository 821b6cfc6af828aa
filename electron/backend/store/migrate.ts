import fs from 'node:fs';
import { AppError } from '../../../shared/errors';
import { writeTransaction, type Db } from './database';
import type { Migration } from './migrations/migration';
import { latestSchemaVersion, migrations as allMigrations } from './migrations';

export function schemaVersionOf(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function assertIncreasing(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`Migration "${m.name}" has version ${m.version}; expected ${i + 1}.`);
    }
  });
}

/** Refuse a store written by a newer Consent Desk before anything touches it. */
export function assertNotNewer(db: Db, file: string, latest = latestSchemaVersion): void {
  const version = schemaVersionOf(db);
  if (version > latest) {
    throw new AppError(
      'store_too_new',
      `The data file ${file} was written by a newer Consent Desk (schema ${version}; this version knows up to ${latest}). Install the newer version to open it.`,
    );
  }
}

/**
 * Bring the schema up to date: copy the file aside first (the copy is as
 * encrypted as the original), then run every pending step in one
 * transaction, so a failure leaves the store exactly as it was.
 * Returns the path of the backup copy, or null when nothing ran.
 */
export function migrate(db: Db, file: string, migrations: readonly Migration[] = allMigrations): string | null {
  assertIncreasing(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  assertNotNewer(db, file, latest);
  const current = schemaVersionOf(db);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return null;

  let backup: string | null = null;
  if (current > 0) {
    db.pragma('wal_checkpoint(TRUNCATE)');
    backup = `${file}.schema-${current}.bak`;
    fs.copyFileSync(file, backup);
  }
  writeTransaction(db, () => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  });
  return backup;
}

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
 * A pending migration needs a module loaded first (`Migration.needs`);
 * nothing was touched. `load()` loads it; then open the store again.
 */
export class MigrationNotReady extends Error {
  constructor(private readonly waiting: readonly Migration[]) {
    const many = waiting.length > 1;
    super(`Migration${many ? 's' : ''} ${waiting.map((m) => m.version).join(', ')} need${many ? '' : 's'} a module loaded first (await load(), then open the store again).`);
    this.name = 'MigrationNotReady';
  }

  async load(): Promise<void> {
    await Promise.all(this.waiting.map((m) => m.needs?.load()));
  }
}

/**
 * What the migrations pending on `db` need loaded for it, as one load, or
 * null (a restore asks while it checks the backup's file, before its
 * synchronous switch-over opens it).
 */
export function migrationsWaitingToLoad(db: Db, migrations: readonly Migration[] = allMigrations): (() => Promise<void>) | null {
  const waiting = waitingMigrations(db, migrations);
  return waiting.length > 0 ? () => new MigrationNotReady(waiting).load() : null;
}

function waitingMigrations(db: Db, migrations: readonly Migration[]): Migration[] {
  const current = schemaVersionOf(db);
  return migrations.filter((m) => m.version > current && m.needs && !m.needs.ready(db));
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
  const waiting = waitingMigrations(db, pending);
  if (waiting.length > 0) throw new MigrationNotReady(waiting);

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

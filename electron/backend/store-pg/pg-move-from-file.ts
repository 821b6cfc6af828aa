import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { AppError } from '../../../shared/errors';
import { verifyAuditChain } from '../audit/audit-log';
import { storePaths } from '../data-dir';
import { configureConnection, isBusy, openDatabase, type Db } from '../store/database';
import { Store, type Credential } from '../store/store';
import { mapPgFailure } from '../store-engine/pg-store-engine';
import { FieldCipher } from './field-crypto';
import { moveStoreToPgAsOwner, type MoveCheck, type MovedCounts, type MoveProgress } from './pg-migrate-store';

/**
 * `consent-desk migrate-store` below the command line: unlock the file with
 * an administrator's password, hold its write lock so nothing is written to
 * it while it is copied (a write after the snapshot would be lost to the
 * server), refuse a broken audit chain, check the server is reachable, the
 * account right, the database empty and the app role there, then move and
 * check (pg-migrate-store.ts). The file is only read: the move opens it
 * below the backend (a sign-in would append audit events, and need the
 * write lock this holds). Every failure is an AppError in words for whoever
 * runs the move.
 */

export interface MoveFromFileInput {
  from: string;
  /** The schema owner's address, without a password (PGPASSWORD or ~/.pgpass supply it). */
  to: string;
  appRole: string;
  credential: Credential;
  onStep?: (line: string) => void;
}

const stepNames: Record<keyof MovedCounts, string> = {
  staff: 'staff',
  settings: 'settings',
  keySlots: 'key slots',
  retiredDataKeys: 'retired data keys',
  templates: 'authorization wording',
  scopePresets: 'scope presets',
  certificates: 'signing certificates',
  patientCopies: 'patient copy entries',
  policyVersions: 'policy versions',
  policyAcknowledgments: 'policy acknowledgments',
  patients: 'patients',
  authorizations: 'authorizations',
  testimonials: 'testimonials',
  media: 'photos and videos',
  posts: 'posts',
  auditEvents: 'audit events',
  // Schema 6.
  trainingSessions: 'training sessions',
  trainingMaterials: 'training materials',
  quizResults: 'quiz results',
  channelReviews: 'channel reviews',
  purges: 'retention purges',
  // Schema 7.
  replyChecks: 'checked replies',
  reviewSchedules: 'review schedules',
  postReviewMessages: 'post review messages',
  incidents: 'incidents',
  incidentDocuments: 'incident documents',
};

export const sourceLockedMessage = (dir: string) =>
  `The store in ${dir} is in use: Consent Desk or another command is writing to it. Close Consent Desk on this computer, then run migrate-store again. Nothing was moved.`;

/** Another connection's write lock on the file, held for the whole move; throws when someone else holds it. */
function holdWriteLock(file: string, dataKey: Buffer, cipher: Parameters<typeof openDatabase>[2]['cipher'], dir: string): Db {
  const lock = openDatabase(file, dataKey, { cipher });
  configureConnection(lock);
  lock.pragma('busy_timeout = 1000');
  try {
    lock.prepare('BEGIN IMMEDIATE').run();
    return lock;
  } catch (error) {
    lock.close();
    if (isBusy(error)) throw new AppError('locked', sourceLockedMessage(dir));
    throw error;
  }
}

async function connectOwner(to: string): Promise<pg.Client> {
  const owner = new pg.Client({ connectionString: to, connectionTimeoutMillis: 15_000 });
  // An idle connection that breaks would otherwise crash the process; the next query reports it.
  owner.on('error', () => undefined);
  try {
    await owner.connect();
  } catch (error) {
    await owner.end().catch(() => undefined);
    if ((error as { code?: unknown }).code === '3D000') {
      throw new AppError('not_found', 'The database named in --to does not exist on the server. Ask whoever runs the server to create it (empty), then run migrate-store again.');
    }
    throw mapPgFailure(error);
  }
  return owner;
}

async function refuseUnsuitableTarget(owner: pg.Client, appRole: string): Promise<void> {
  const tables = Number(
    (await owner.query<{ n: string }>("SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')")).rows[0]!.n,
  );
  if (tables > 0) {
    const database = (await owner.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db;
    throw new AppError(
      'conflict',
      `The database ${database} is not empty (it has ${tables} tables or sequences). migrate-store moves a store only into an empty database, so that nothing there is overwritten. Nothing was changed.`,
    );
  }
  if ((await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [appRole])).rowCount === 0) {
    throw new AppError('not_found', `The database role ${appRole} does not exist on the server. Create it first (CREATE ROLE ${appRole} LOGIN PASSWORD '…'), then run migrate-store again. Nothing was changed.`);
  }
}

/**
 * `--from` names a backup file rather than a store's folder: the restore of
 * a server store (design section 6) is migrate-store from its backup. The
 * backup is unpacked into a private folder of its own and checked as today's
 * restore checks it (its SHA-256, the credential opens one of its slots as an
 * administrator of the time, SQLite's integrity check, the audit chain), then
 * moved exactly as a folder is, with nothing added to its audit trail: the
 * server's chain is the backup's, event for event. The unpacked copy is
 * removed afterwards, whatever happened.
 */
async function moveStoreFromBackup(input: MoveFromFileInput): Promise<{ counts: MovedCounts; check: MoveCheck; target: string }> {
  const { discardRestore, prepareRestore } = await import('../backup/backup-file');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'consent-desk-restore-'));
  try {
    const prepared = await prepareRestore(work, input.from, input.credential);
    try {
      input.onStep?.(`Unpacked and checked the backup made ${prepared.meta.createdAt} (audit head ${prepared.meta.auditHead.seq}).`);
      return await moveStoreFromFolder({ ...input, from: prepared.workDir });
    } finally {
      discardRestore(prepared);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export async function moveStoreFromFile(input: MoveFromFileInput): Promise<{ counts: MovedCounts; check: MoveCheck; target: string }> {
  if (fs.statSync(input.from, { throwIfNoEntry: false })?.isFile()) return moveStoreFromBackup(input);
  return moveStoreFromFolder(input);
}

async function moveStoreFromFolder(input: MoveFromFileInput): Promise<{ counts: MovedCounts; check: MoveCheck; target: string }> {
  const paths = storePaths(input.from);
  const found = await Store.unlock(paths, input.credential);
  const unlocked = found.find((f) => !f.pending) ?? found[0];
  if (!unlocked) throw new AppError('unauthorized', 'The username or password is not right for this store.');
  const { dataKey, keyring } = unlocked;
  const cipher = new FieldCipher([{ keyId: keyring.keyEpoch, dataKey }], keyring.keyEpoch);

  const lock = holdWriteLock(paths.database, dataKey, keyring.cipher, input.from);
  let db: Db | undefined;
  let owner: pg.Client | undefined;
  try {
    db = openDatabase(paths.database, dataKey, { cipher: keyring.cipher });
    configureConnection(db);
    const staff = db.prepare('SELECT role, status FROM staff WHERE id = ?').get(unlocked.slot.staffId) as { role: string; status: string } | undefined;
    if (staff?.role !== 'admin' || staff.status !== 'active') throw new AppError('forbidden', 'Only an administrator can move the store to a server.');
    const chain = verifyAuditChain(db);
    if (!chain.intact) {
      throw new AppError('store_damaged', `The store's audit chain is broken at event ${chain.firstBadSeq} (${chain.problem}). Nothing was moved; restore a backup first.`);
    }
    owner = await connectOwner(input.to);
    await refuseUnsuitableTarget(owner, input.appRole);
    const onProgress = (p: MoveProgress) => input.onStep?.(`Copying ${stepNames[p.step]}: ${p.done} of ${p.total}`);
    input.onStep?.('Copying in one transaction (nothing is kept on the server unless all of it arrives)…');
    const moved = await moveStoreToPgAsOwner(db, cipher, owner, input.appRole, onProgress, { keyring }).catch((error: unknown) => {
      throw mapPgFailure(error);
    });
    return { ...moved, target: input.to };
  } finally {
    await owner?.end().catch(() => undefined);
    db?.close();
    if (lock.inTransaction) lock.prepare('ROLLBACK').run();
    lock.close();
  }
}

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { z } from 'zod';
import type { BackupInfo } from '../../../shared/compliance/backups';
import { AppError } from '../../../shared/errors';
import { appVersion } from '../app-version';
import { appendAudit, verifyAuditChain } from '../audit/audit-log';
import type { KeySlot } from '../crypto/key-slots';
import { storePaths, type StorePaths } from '../data-dir';
import { getStaffById } from '../repositories/staff-repository';
import { makePrivateFolder, syncDirectory, syncDirectoryInPool, writeFileAtomic } from '../store/atomic-file';
import { openDatabase, type CipherName } from '../store/database';
import { readKeyring, writeKeyring, type Keyring } from '../store/keyring';
import { Store, type Credential, type StoreOptions } from '../store/store';
import { otherStoreUsers } from '../store/store-users';
import { JournalEntry, rollBackRestore } from '../store/operation-journal';
import { anchorFileName, readAnchorFile } from '../store/rollback-anchor';
import { latestSchemaVersion } from '../store/migrations';
import { migrationsWaitingToLoad } from '../store/migrate';
import { checkBackupDatabase } from './backup-database-check';
import { makeCheckedCopy } from './backup-copy';

/**
 * A backup is one file (a zip, stored without compression: its content is
 * encrypted and would not shrink) holding:
 * - consent-desk.db: a consistent copy of the database, encrypted with the
 *   store's data key of that moment, exactly like the live file;
 * - keyring.json: the key slots of that moment. A backup outlives key
 *   rotations (disabling a staff member rotates the data key), and the
 *   current key file cannot open an older copy; the slots of its own time
 *   can, with a password valid then or the recovery key. The key file holds
 *   no key in the clear: each slot is sealed by a password or the recovery
 *   key, so the backup is no weaker than the data folder itself;
 * - backup.json: when and from which store it was made, the database
 *   copy's SHA-256 and the audit chain's head. No patient data.
 * Nothing in it is plaintext patient data.
 */
export const databaseEntry = 'consent-desk.db';
export const keyringEntry = 'keyring.json';
export const metaEntry = 'backup.json';

const metaSchema = z.object({
  format: z.literal('consent-desk-backup'),
  version: z.literal(1),
  createdAt: z.string(),
  appVersion: z.string(),
  storeId: z.string(),
  keyEpoch: z.number().int(),
  cipher: z.enum(['sqlcipher', 'aegis']),
  schemaVersion: z.number().int(),
  database: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().nonnegative() }),
  auditHead: z.object({ seq: z.number().int(), hash: z.string() }),
  /** The store's write counter when the backup was made (backups from before rollback detection have none). */
  writeCounter: z.number().int().nonnegative().optional(),
  trigger: z.enum(['manual', 'scheduled']),
});
export type BackupMeta = z.output<typeof metaSchema>;

const hidden = (target: string, suffix: string) =>
  path.join(path.dirname(target), `.${path.basename(target)}.${crypto.randomBytes(6).toString('hex')}.${suffix}`);

async function sha256OfFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * fsync in libuv's pool: a backup of hundreds of MB just written takes a
 * while to reach the disk, and the backend's thread must not stop for it.
 */
async function fsyncFileInPool(file: string): Promise<void> {
  const fd = fs.openSync(file, 'r');
  try {
    await new Promise<void>((resolve, reject) => fs.fsync(fd, (error) => (error ? reject(error) : resolve())));
  } finally {
    fs.closeSync(fd);
  }
}

/** Move `from` onto `to` unless `to` exists (a hard link fails then); rename where hard links are not supported. */
function placeNew(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
    fs.rmSync(from);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new AppError('conflict', `${to} already exists; nothing was overwritten.`);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
  }
  if (fs.existsSync(to)) throw new AppError('conflict', `${to} already exists; nothing was overwritten.`);
  fs.renameSync(from, to);
}

export function infoOf(meta: BackupMeta, filePath: string, bytes: number): BackupInfo {
  return {
    fileName: path.basename(filePath),
    filePath,
    bytes,
    createdAt: meta.createdAt,
    databaseSha256: meta.database.sha256,
    storeId: meta.storeId,
    keyEpoch: meta.keyEpoch,
    schemaVersion: meta.schemaVersion,
    auditHeadSeq: meta.auditHead.seq,
    trigger: meta.trigger,
  };
}

/** The zip writer loads with the first backup, not with the backend. */
async function newZipFile() {
  const { default: yazl } = await import('yazl');
  return new yazl.ZipFile();
}

/**
 * Write a backup of the open store to `target` (which must not exist).
 *
 * The copy is made with `VACUUM INTO` on a connection of its own, in a
 * worker thread, and checked there as a restore would check it (see
 * backup-copy-job.ts: one consistent snapshot, written through the same
 * cipher and key, never plaintext), then packed with its key file, synced
 * to the disk and renamed into place; the backend's thread stays free.
 */
export async function writeBackup(store: Store, target: string, options: { now: Date; trigger: BackupMeta['trigger'] }): Promise<BackupInfo> {
  const dir = path.dirname(target);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new AppError('validation', `The folder ${dir} does not exist.`);
  if (fs.existsSync(target)) throw new AppError('conflict', `${target} already exists; choose another name.`);
  const tmpDb = hidden(target, 'db.partial');
  const tmpZip = hidden(target, 'partial');
  // Journaled first: if this process dies, the next open removes the partial files (tens of MB).
  // Every fsync of the backup runs in libuv's pool: on a busy disk one takes up to tens of ms, and the
  // backend's thread (a scheduled backup runs on it while people work) must not stop for any of them.
  const journal = await JournalEntry.beginInPool(store.paths.dataDir, { kind: 'backup', temporaries: [tmpDb, `${tmpDb}-journal`, tmpZip] });
  try {
    // VACUUM INTO accepts an empty file: made here as 0600, so the copy is never readable by others, not even for a moment.
    fs.closeSync(fs.openSync(tmpDb, 'wx', 0o600));
    // Copied and checked in a worker thread (backup-copy.ts): hundreds of milliseconds to seconds of SQLite work.
    // The copy's SHA-256 comes with it, read in the worker.
    const checked = await makeCheckedCopy(store, tmpDb);
    const digest = checked.database;
    const meta: BackupMeta = {
      format: 'consent-desk-backup',
      version: 1,
      createdAt: options.now.toISOString(),
      appVersion,
      storeId: store.keyring.storeId,
      keyEpoch: store.keyring.keyEpoch,
      cipher: store.cipher,
      schemaVersion: checked.schemaVersion,
      database: digest,
      auditHead: checked.auditHead,
      // The copy's own counter: the snapshot it was made from, whatever was written since.
      writeCounter: checked.writeCounter,
      trigger: options.trigger,
    };
    await packBackup({ database: tmpDb, keyring: store.keyring, meta, partial: tmpZip, target, mtime: options.now });
    return infoOf(meta, target, fs.statSync(target).size);
  } finally {
    // Unlinking the copy (tens of MB, its pages maybe still being written back) took 130 to 160 ms of the
    // backend's thread in a profile: removed in libuv's pool, still before the journal entry that lists it goes.
    await fs.promises.rm(tmpDb, { force: true });
    fs.rmSync(tmpZip, { force: true });
    journal.finish();
  }
}

/**
 * Pack a checked database copy with its key file and backup.json into
 * `partial` (which must not exist), sync it to the disk, and only then give
 * it its name `target` (refused if that exists) and sync the folder: a crash
 * or a kill at any point leaves no half backup under `target`. The caller
 * removes `partial` afterwards, whatever happened.
 */
export async function packBackup(input: { database: string; keyring: Keyring; meta: BackupMeta; partial: string; target: string; mtime: Date }): Promise<void> {
  const { mtime } = input;
  const zip = await newZipFile();
  zip.addBuffer(Buffer.from(`${JSON.stringify(input.meta, null, 2)}\n`), metaEntry, { mtime, mode: 0o100600, compress: false });
  zip.addBuffer(Buffer.from(`${JSON.stringify(input.keyring, null, 2)}\n`), keyringEntry, { mtime, mode: 0o100600, compress: false });
  zip.addFile(input.database, databaseEntry, { mtime, mode: 0o100600, compress: false });
  zip.end();
  await pipeline(zip.outputStream as Readable, fs.createWriteStream(input.partial, { flags: 'wx', mode: 0o600 }));
  await fsyncFileInPool(input.partial);
  placeNew(input.partial, input.target);
  await syncDirectoryInPool(path.dirname(input.target));
}

/** A hidden file name beside `target` for its work in progress (removed by whoever made it). */
export const partialNameFor = (target: string, suffix: string) => hidden(target, suffix);

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: true }, (error, zip) => (error ? reject(error) : resolve(zip))),
  );
}

async function zipEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

function entryStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))));
}

async function entryText(zip: yauzl.ZipFile, entry: yauzl.Entry | undefined, max = 4 * 1024 * 1024): Promise<string | null> {
  if (!entry || entry.uncompressedSize > max) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of await entryStream(zip, entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function notABackup(file: string, why: string): AppError {
  return new AppError('validation', `${path.basename(file)} is not a Consent Desk backup (${why}).`);
}

/** What a backup says about itself (backup.json), without touching its database. */
export async function readBackupMeta(file: string): Promise<BackupMeta> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('not_found', `There is no backup at ${file}.`);
    throw notABackup(file, 'not a readable zip');
  }
  try {
    const entries = await zipEntries(zip);
    const text = await entryText(zip, entries.get(metaEntry));
    const parsed = metaSchema.safeParse(text === null ? null : (JSON.parse(text) as unknown));
    if (!parsed.success) throw notABackup(file, `no valid ${metaEntry}`);
    return parsed.data;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw notABackup(file, 'damaged');
  } finally {
    zip.close();
  }
}

/** A backup unpacked into a folder inside the data folder, opened with the key and checked; ready to replace the store. */
export interface PreparedRestore {
  file: string;
  meta: BackupMeta;
  workDir: string;
  work: StorePaths;
  keyring: Keyring;
  dataKey: Buffer;
  /** Who the credential belongs to in the backup (null: the recovery key). */
  staff: { id: string; username: string } | null;
  auditEvents: number;
  /** The restore's intent journal entry: an interrupted restore is rolled back at the next open. */
  journal: JournalEntry;
}

/** Every file name of a store that a restore moves aside or may place. */
function storeFileNames(live: StorePaths): string[] {
  const db = path.basename(live.database);
  const schemaCopies = Array.from({ length: latestSchemaVersion }, (_, i) => `${db}.schema-${i + 1}.bak`);
  return [db, `${db}-wal`, `${db}-shm`, `${db}-journal`, path.basename(live.keyring), path.basename(live.pendingKeyring), anchorFileName, ...schemaCopies];
}

/**
 * A restore replaces the store's files: another process with the store
 * open (the app while the CLI restores, or the reverse) would go on writing
 * to the file moved aside, and lose those writes. Refuse before anything.
 */
function refuseWhileInUse(dataDir: string): void {
  const others = otherStoreUsers(dataDir);
  if (others.length) {
    throw new AppError(
      'conflict',
      `Another Consent Desk process has this store open (process ${others.join(', ')}): close it first, then restore. Nothing was changed.`,
    );
  }
}

/**
 * Unpack a backup beside the store and check it thoroughly before anything
 * of the store is touched: the database copy's SHA-256 matches its
 * backup.json, the credential opens one of its key slots, the copy opens
 * with that key, was not written by a newer Consent Desk, passes
 * `PRAGMA integrity_check`, and its audit chain is intact. The credential
 * must be an active administrator's (as of the backup) or the recovery key.
 */
export async function prepareRestore(dataDir: string, file: string, credential: Credential, options: StoreOptions = {}): Promise<PreparedRestore> {
  refuseWhileInUse(dataDir);
  const meta = await readBackupMeta(file);
  makePrivateFolder(dataDir);
  // The journal entry comes before the work folder, so no work folder exists that no entry explains.
  const workDir = path.join(dataDir, `.restore-${crypto.randomBytes(6).toString('hex')}`);
  const journal = JournalEntry.begin(dataDir, { kind: 'restore', workDir, present: [], managed: storeFileNames(storePaths(dataDir)), phase: 'preparing' });
  const work = storePaths(workDir);
  try {
    fs.mkdirSync(workDir, { mode: 0o700 });
    const zip = await openZip(file);
    try {
      const entries = await zipEntries(zip);
      const keyringText = await entryText(zip, entries.get(keyringEntry));
      if (keyringText === null) throw notABackup(file, `no ${keyringEntry}`);
      writeFileAtomic(work.keyring, keyringText);
      const dbEntry = entries.get(databaseEntry);
      if (!dbEntry) throw notABackup(file, `no ${databaseEntry}`);
      await pipeline(await entryStream(zip, dbEntry), fs.createWriteStream(work.database, { flags: 'wx', mode: 0o600 }));
    } finally {
      zip.close();
    }
    const digest = await sha256OfFile(work.database);
    if (digest.sha256 !== meta.database.sha256 || digest.bytes !== meta.database.bytes) {
      throw new AppError('store_damaged', `The database in ${path.basename(file)} does not match its SHA-256: the backup is damaged.`);
    }
    try {
      readKeyring(work.keyring);
    } catch {
      throw notABackup(file, `its ${keyringEntry} is damaged`);
    }
    const candidates = await Store.unlock(work, credential);
    if (candidates.length === 0) {
      throw new AppError(
        'unauthorized',
        'That password does not open this backup. Use your password as it was when the backup was made, or the recovery key.',
      );
    }
    let lastError: unknown = null;
    for (const candidate of candidates) {
      try {
        const checked = checkPrepared(work.database, candidate.keyring.cipher, candidate.dataKey, candidate.slot, options);
        // The switch-over opens the restored store synchronously (commitRestore): what its migrations need is loaded now.
        if (checked.needsLoading) await checked.needsLoading();
        return { file, meta, workDir, work, keyring: candidate.keyring, dataKey: candidate.dataKey, staff: checked.staff, auditEvents: checked.auditEvents, journal };
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError ?? new AppError('store_damaged', 'The backup cannot be opened.');
  } catch (error) {
    fs.rmSync(workDir, { recursive: true, force: true });
    journal.finish();
    throw error;
  }
}

function checkPrepared(
  file: string,
  cipher: CipherName,
  dataKey: Buffer,
  slot: KeySlot,
  options: StoreOptions,
): { staff: PreparedRestore['staff']; auditEvents: number; needsLoading: (() => Promise<void>) | null } {
  const db = openDatabase(file, dataKey, { cipher, ...options });
  try {
    const chain = { events: checkBackupDatabase(db, file).auditEvents };
    const waiting = migrationsWaitingToLoad(db);
    let staff: PreparedRestore['staff'] = null;
    if (slot.staffId) {
      const member = getStaffById(db, slot.staffId);
      if (!member || member.status !== 'active' || member.role !== 'admin') {
        throw new AppError('forbidden', 'Only an administrator (as of the backup) or the recovery key may restore it.');
      }
      staff = { id: member.id, username: member.username };
    }
    return { staff, auditEvents: chain.events, needsLoading: waiting };
  } finally {
    db.close();
  }
}

export function discardRestore(prepared: PreparedRestore): void {
  prepared.dataKey.fill(0);
  fs.rmSync(prepared.workDir, { recursive: true, force: true });
  prepared.journal.finish();
}

export interface RestoreOutcome {
  meta: BackupMeta;
  restoredBy: string;
  auditEvents: number;
}

/**
 * Replace the store with a prepared backup. The store must be closed (the
 * app signs everyone out first). Each step is journaled before it is
 * taken, so a crash anywhere leaves a folder the next open puts right:
 * 1. the journal records which of the store's files exist now (`switching`);
 * 2. they move into the work folder's previous/;
 * 3. the backup's database and then its key file take their place;
 * 4. the restored store is opened (migrating an older schema), checked
 *    again, and the restore recorded in its audit trail;
 * 5. the journal says `committed`; only then are the previous files deleted.
 * Until step 5 the restore is rolled back (here on an error, or at the next
 * open after a crash): the previous files go back and what the restore
 * placed goes. After it, it stands.
 */
export function commitRestore(
  prepared: PreparedRestore,
  dataDir: string,
  options: { at: Date; workstation: string; storeOptions?: StoreOptions; onRestored?: (store: Store) => void },
): RestoreOutcome {
  const live = storePaths(dataDir);
  const previous = path.join(prepared.workDir, 'previous');
  const managed = storeFileNames(live);
  const present = managed.filter((name) => fs.existsSync(path.join(dataDir, name)));
  const { journal } = prepared;
  // The restored store's write counter goes past the one it replaces: a restore is a step forward,
  // never a rollback (the number is only ever raised, so reading it unsigned is safe).
  const replacedCounter = readAnchorFile(dataDir, null).state?.writeCounter ?? 0;
  let outcome: RestoreOutcome;
  try {
    journal.update({ present, managed, phase: 'switching' });
    fs.mkdirSync(previous, { mode: 0o700 });
    for (const name of present) fs.renameSync(path.join(dataDir, name), path.join(previous, name));
    syncDirectory(previous);
    fs.renameSync(prepared.work.database, live.database);
    writeKeyring(live.keyring, prepared.keyring);
    syncDirectory(dataDir);

    const store = Store.openWithKey(live, prepared.keyring, prepared.dataKey, options.storeOptions ?? {});
    try {
      const integrity = store.db.pragma('integrity_check', { simple: true });
      const chain = verifyAuditChain(store.db);
      if (integrity !== 'ok' || !chain.intact) throw new AppError('store_damaged', 'The restored store failed its checks; the previous store was put back.');
      const restoredBy = prepared.staff?.username ?? 'recovery key';
      store.write(() =>
        appendAudit(store.db, {
          at: options.at.toISOString(),
          actorId: prepared.staff?.id ?? null,
          actorName: prepared.staff?.username ?? 'system',
          action: 'store.restored',
          detail:
            `from the backup made ${prepared.meta.createdAt} (${prepared.meta.trigger}; database SHA-256 ${prepared.meta.database.sha256}; ` +
            `audit head ${prepared.meta.auditHead.seq}); by ${restoredBy}; workstation ${options.workstation}`,
        }),
      );
      store.advancePast(Math.max(replacedCounter, prepared.meta.writeCounter ?? 0));
      options.onRestored?.(store);
      outcome = { meta: prepared.meta, restoredBy, auditEvents: chain.events + 1 };
    } finally {
      store.close();
    }
    journal.update({ phase: 'committed' });
  } catch (error) {
    // Put the previous store back exactly as it was. If a file cannot go back (held open on
    // Windows), the journal entry and the work folder stay: the next open tries again.
    try {
      rollBackRestore(dataDir, prepared.workDir, present, managed);
      fs.rmSync(prepared.workDir, { recursive: true, force: true });
      journal.finish();
    } catch {
      // Kept for the next open.
    }
    throw error;
  } finally {
    prepared.dataKey.fill(0);
  }
  // The restore is done and on the record: the previous files are no longer needed. Failing to
  // delete them (a file held open on Windows) must not undo it; the next open deletes them.
  try {
    fs.rmSync(prepared.workDir, { recursive: true, force: true });
    journal.finish();
  } catch {
    // The journal says committed: the next open finishes the clean-up.
  }
  return outcome;
}

/** The key file a backup carries (the slots that open it). */
export async function readBackupKeyring(file: string): Promise<Keyring> {
  const zip = await openZip(file);
  try {
    const text = await entryText(zip, (await zipEntries(zip)).get(keyringEntry));
    if (text === null) throw notABackup(file, `no ${keyringEntry}`);
    const dir = fs.mkdtempSync(path.join(path.dirname(file), '.keyring-'));
    try {
      // readKeyring validates the file as the store does; it reads from disk, so the text goes through a private folder.
      const copy = path.join(dir, keyringEntry);
      writeFileAtomic(copy, text);
      const keyring = readKeyring(copy);
      if (!keyring) throw notABackup(file, `no ${keyringEntry}`);
      return keyring;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    zip.close();
  }
}

/**
 * Give a backup a new key file (the current slots, sealed to the backup's
 * own data key), leaving its database and backup.json byte for byte: the
 * new zip is written beside it, synced and renamed over it, so a crash
 * leaves the old backup or the new one, and the journal removes the rest.
 */
export async function resealBackupFile(file: string, keyring: Keyring, journalDir: string): Promise<void> {
  const tmp = hidden(file, 'reseal.partial');
  const journal = JournalEntry.begin(journalDir, { kind: 'reseal', temporaries: [tmp] });
  try {
    const source = await openZip(file);
    try {
      const entries = await zipEntries(source);
      const meta = await entryText(source, entries.get(metaEntry));
      const dbEntry = entries.get(databaseEntry);
      if (meta === null || !dbEntry) throw notABackup(file, 'incomplete');
      const zip = await newZipFile();
      const mtime = dbEntry.getLastModDate();
      zip.addBuffer(Buffer.from(meta), metaEntry, { mtime, mode: 0o100600, compress: false });
      zip.addBuffer(Buffer.from(`${JSON.stringify(keyring, null, 2)}\n`), keyringEntry, { mtime, mode: 0o100600, compress: false });
      zip.addReadStream(await entryStream(source, dbEntry), databaseEntry, { mtime, mode: 0o100600, compress: false, size: dbEntry.uncompressedSize });
      zip.end();
      await pipeline(zip.outputStream as Readable, fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
    } finally {
      source.close();
    }
    fsyncFile(tmp);
    fs.renameSync(tmp, file);
    syncDirectory(path.dirname(file));
  } finally {
    fs.rmSync(tmp, { force: true });
    journal.finish();
  }
}

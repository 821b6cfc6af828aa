import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { storePaths } from '../data-dir';
import { makePrivateFolder, syncDirectory, writeFileAtomic, writeFileAtomicInPool } from './atomic-file';

/**
 * The intent journal. An operation that changes several files (a restore,
 * a backup, an export, a rotation's re-sealing) first writes what it is
 * about to do, atomically, as one file in the data folder's `operations/`,
 * and removes that file after its last step. If the process dies in
 * between (a kill, a power cut, a full disk), the next process to open the
 * folder finds the journal entry and rolls the operation forward or back
 * (`recoverInterruptedOperations`), and removes what it left behind.
 *
 * A restore is rolled back unless it reached `committed`: the store is
 * then exactly the one before. A backup's or an export's temporary files
 * are deleted: they were never complete, and an export's hold patient data.
 */
export const journalFolderName = 'operations';

const base = { pid: z.number().int(), host: z.string(), startedAt: z.string() };
const intentSchema = z.discriminatedUnion('kind', [
  z.object({
    ...base,
    kind: z.literal('restore'),
    /** The work folder (inside the data folder) holding the unpacked backup and, once moved, the previous files. */
    workDir: z.string(),
    /** Names of the store's files that existed when the restore began: only these are moved back. */
    present: z.array(z.string()),
    /** Names the restore may place, so may have to remove. */
    managed: z.array(z.string()),
    phase: z.enum(['preparing', 'switching', 'committed']),
  }),
  z.object({ ...base, kind: z.enum(['backup', 'export', 'reseal']), temporaries: z.array(z.string()) }),
]);
export type Intent = z.output<typeof intentSchema>;
type IntentBody = Intent extends infer I ? (I extends Intent ? Omit<I, 'pid' | 'host' | 'startedAt'> : never) : never;

export function journalFolder(dataDir: string): string {
  return path.join(dataDir, journalFolderName);
}

/** One in-flight operation's journal entry. */
export class JournalEntry {
  private constructor(
    readonly file: string,
    private intent: Intent,
  ) {}

  /** Write the entry before the operation's first change. */
  static begin(dataDir: string, body: IntentBody): JournalEntry {
    const { file, intent } = JournalEntry.prepare(dataDir, body);
    writeFileAtomic(file, JSON.stringify(intent));
    return new JournalEntry(file, intent);
  }

  /** `begin` with its fsyncs in libuv's pool (a scheduled backup, on the backend's thread): durable when it resolves. */
  static async beginInPool(dataDir: string, body: IntentBody): Promise<JournalEntry> {
    const { file, intent } = JournalEntry.prepare(dataDir, body);
    await writeFileAtomicInPool(file, JSON.stringify(intent));
    return new JournalEntry(file, intent);
  }

  private static prepare(dataDir: string, body: IntentBody): { file: string; intent: Intent } {
    const folder = journalFolder(dataDir);
    makePrivateFolder(folder);
    const intent = { ...body, pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() } as Intent;
    return { file: path.join(folder, `${body.kind}-${process.pid}-${crypto.randomBytes(6).toString('hex')}.json`), intent };
  }

  /** Record progress (a restore's phase), durably, before the step it allows. */
  update(change: Partial<IntentBody>): void {
    this.intent = { ...this.intent, ...change } as Intent;
    writeFileAtomic(this.file, JSON.stringify(this.intent));
  }

  /** The operation is over: nothing is left to roll forward or back. */
  finish(): void {
    fs.rmSync(this.file, { force: true });
  }
}

function isRunningHere(intent: Intent): boolean {
  if (intent.host !== os.hostname()) return false;
  if (intent.pid === process.pid) return false;
  try {
    process.kill(intent.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface RecoveryReport {
  /** One line per operation rolled forward or back, for the audit trail. */
  done: string[];
  /** Entries that could not be read or undone (kept for a person to look at). */
  problems: string[];
}

/** Put a restore's moved files back, and remove what it had placed: the store is again the one before. */
export function rollBackRestore(dataDir: string, workDir: string, present: readonly string[], managed: readonly string[]): void {
  const previous = path.join(workDir, 'previous');
  let firstFailure: unknown = null;
  // Every file is tried, so one held open (Windows) does not keep the others from going back.
  for (const name of managed) {
    const live = path.join(dataDir, name);
    const aside = path.join(previous, name);
    try {
      if (fs.existsSync(aside)) {
        fs.rmSync(live, { force: true });
        fs.renameSync(aside, live);
      } else if (!present.includes(name)) {
        // Not there before the restore: whatever has the name now came with it.
        fs.rmSync(live, { force: true });
      }
    } catch (error) {
      firstFailure ??= error;
    }
  }
  syncDirectory(dataDir);
  if (firstFailure) throw firstFailure;
}

/**
 * Roll every interrupted operation of `dataDir` forward or back, and
 * remove what it left. Entries of processes still running are left alone.
 * Safe to call at every open: with nothing interrupted it only reads a
 * folder listing.
 */
export function recoverInterruptedOperations(dataDir: string): RecoveryReport {
  const report: RecoveryReport = { done: [], problems: [] };
  const folder = journalFolder(dataDir);
  let names: string[];
  try {
    names = fs.readdirSync(folder).filter((n) => n.endsWith('.json'));
  } catch {
    names = [];
  }
  for (const name of names) {
    const file = path.join(folder, name);
    let intent: Intent;
    try {
      intent = intentSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    } catch {
      report.problems.push(`the journal entry ${name} is unreadable; it was kept in ${folder}`);
      continue;
    }
    if (isRunningHere(intent)) continue;
    try {
      if (intent.kind === 'restore') {
        if (intent.phase === 'committed') {
          report.done.push(`finished a restore started ${intent.startedAt} (the previous files were still to be deleted)`);
        } else if (intent.phase === 'switching') {
          rollBackRestore(dataDir, intent.workDir, intent.present, intent.managed);
          report.done.push(`rolled back a restore interrupted while the files were switched (started ${intent.startedAt}); the store is the one before it`);
        } else {
          // Still checking the backup: nothing of the store was touched yet.
          report.done.push(`removed the unpacked backup of a restore interrupted while it was checked (started ${intent.startedAt})`);
        }
        fs.rmSync(intent.workDir, { recursive: true, force: true });
      } else {
        for (const temporary of intent.temporaries) fs.rmSync(temporary, { recursive: true, force: true });
        report.done.push(`removed ${intent.temporaries.length} unfinished file(s) of an interrupted ${intent.kind} (started ${intent.startedAt})`);
      }
      fs.rmSync(file, { force: true });
    } catch (error) {
      report.problems.push(`the interrupted ${intent.kind} of ${intent.startedAt} could not be undone (${(error as NodeJS.ErrnoException).code ?? String(error)}); its journal entry was kept`);
    }
  }
  report.done.push(...removeOrphans(dataDir));
  return report;
}

const orphanTemporary = /^\..+\.(\d+)\.tmp$/;

function pidAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * What dead processes left without a journal entry: atomic-write siblings
 * (`.<name>.<pid>.tmp`) and work folders of restores from before the
 * journal (`.restore-*`), whose `previous/` may hold the real store.
 */
function removeOrphans(dataDir: string): string[] {
  const done: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dataDir);
  } catch {
    return done;
  }
  const journaled = new Set<string>();
  try {
    for (const entry of fs.readdirSync(journalFolder(dataDir))) {
      try {
        const intent = intentSchema.parse(JSON.parse(fs.readFileSync(path.join(journalFolder(dataDir), entry), 'utf8')));
        if (intent.kind === 'restore') journaled.add(path.basename(intent.workDir));
      } catch {
        // Unreadable entries were reported above.
      }
    }
  } catch {
    // No journal folder.
  }
  // Atomic-write siblings, beside the store and beside the journal entries themselves.
  const journalNames = fs.existsSync(journalFolder(dataDir)) ? fs.readdirSync(journalFolder(dataDir)).map((n) => path.join(journalFolderName, n)) : [];
  for (const name of [...names, ...journalNames]) {
    const temporary = orphanTemporary.exec(path.basename(name));
    if (temporary && !pidAlive(Number(temporary[1]))) {
      fs.rmSync(path.join(dataDir, name), { force: true });
      done.push(`removed ${name}, left by a process that stopped while writing it`);
    }
  }
  for (const name of names) {
    const file = path.join(dataDir, name);
    if (name.startsWith('.restore-') && !journaled.has(name)) {
      const previous = path.join(file, 'previous');
      const moved = fs.existsSync(previous) ? fs.readdirSync(previous) : [];
      if (moved.length > 0) {
        // A restore from before the journal stopped mid-way: what it moved aside is the store.
        // It moved the database, its WAL and shared memory, then the key file. Once the key file had
        // gone aside, a WAL beside the database is the restored copy's; before, it is still the store's own.
        const db = path.basename(storePaths(dataDir).database);
        const movedKeyring = moved.includes(path.basename(storePaths(dataDir).keyring));
        const managed = [...new Set([...moved, ...(movedKeyring ? [db, `${db}-wal`, `${db}-shm`] : [])])];
        rollBackRestore(dataDir, file, moved, managed);
        done.push(`put back the store's files that an interrupted restore had moved into ${name}`);
      }
      fs.rmSync(file, { recursive: true, force: true });
      done.push(`removed ${name}, the work folder of an interrupted restore`);
    }
  }
  return done;
}

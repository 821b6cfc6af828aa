import crypto from 'node:crypto';
import type { StoreCheck } from '../../../shared/store-status';
import { dayOf } from '../../../shared/calendar';
import { verifyAuditChain, type VerifiedChainPoint } from '../audit/audit-log';
import { keptCoverageDifferences } from '../posts/kept-coverage';
import { keptCountDifferences } from '../repositories/record-counts';
import { readSettings } from '../repositories/settings-repository';
import type { Db } from './database';
import type { Keyring } from './keyring';
import { AppError } from '../../../shared/errors';
import type { StorePaths } from '../data-dir';
import { Store, type Credential } from './store';

/**
 * The full check an administrator can ask for (`consent-desk check`, the
 * button on the store screen): every page of the file read and checked by
 * SQLite, the whole audit chain, every stored PDF and media file against
 * the SHA-256 recorded for it, the key file's consistency with the staff
 * table, and the rollback anchors. Each problem is one sentence naming
 * what is wrong. A damaged page makes reads throw: each part catches its
 * own, so one damaged table does not hide the rest.
 */
const maxListed = 20;

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'error';
}

function checkPages(db: Db, problems: string[]): boolean {
  try {
    const rows = (db.pragma('integrity_check(100)') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (rows.length === 1 && rows[0] === 'ok') return true;
    problems.push(`SQLite's integrity check found ${rows.length} problem(s) in the data file, first: ${rows[0]}`);
  } catch (error) {
    problems.push(`pages of the data file cannot be read (${codeOf(error)}): the file is damaged`);
  }
  return false;
}

function checkChain(db: Db, problems: string[]): { events: number; head?: { seq: number; hash: string } } {
  try {
    const chain = verifyAuditChain(db);
    if (!chain.intact) problems.push(`the audit chain is broken at event ${chain.firstBadSeq}: ${chain.problem}`);
    return chain.intact ? { events: chain.events, head: { seq: chain.headSeq, hash: chain.headHash } } : { events: chain.events };
  } catch (error) {
    problems.push(`the audit trail cannot be read (${codeOf(error)})`);
    return { events: 0 };
  }
}

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

function checkFiles(db: Db, problems: string[]): number {
  let checked = 0;
  let bad = 0;
  const report = (message: string) => {
    bad += 1;
    if (bad <= maxListed) problems.push(message);
  };
  try {
    const ids = db.prepare('SELECT id FROM authorizations WHERE pdf_sha256 IS NOT NULL OR revocation_pdf_sha256 IS NOT NULL').pluck().all() as string[];
    const row = db.prepare('SELECT pdf, pdf_sha256, revocation_pdf, revocation_pdf_sha256 FROM authorizations WHERE id = ?');
    for (const id of ids) {
      try {
        const r = row.get(id) as { pdf: Buffer | null; pdf_sha256: string | null; revocation_pdf: Buffer | null; revocation_pdf_sha256: string | null };
        if (r.pdf_sha256) {
          checked += 1;
          if (!r.pdf || sha256(r.pdf) !== r.pdf_sha256) report(`the signed PDF of authorization ${id} does not match its recorded SHA-256`);
        }
        if (r.revocation_pdf_sha256) {
          checked += 1;
          if (!r.revocation_pdf || sha256(r.revocation_pdf) !== r.revocation_pdf_sha256) report(`the revocation acknowledgment of authorization ${id} does not match its recorded SHA-256`);
        }
      } catch (error) {
        report(`authorization ${id} cannot be read (${codeOf(error)})`);
      }
    }
    const media = db.prepare('SELECT id FROM media').pluck().all() as string[];
    const mediaRow = db.prepare('SELECT data, sha256 FROM media WHERE id = ?');
    for (const id of media) {
      checked += 1;
      try {
        const m = mediaRow.get(id) as { data: Buffer; sha256: string };
        if (sha256(m.data) !== m.sha256) report(`media file ${id} does not match its recorded SHA-256`);
      } catch (error) {
        report(`media file ${id} cannot be read (${codeOf(error)})`);
      }
    }
  } catch (error) {
    problems.push(`the stored documents cannot be listed (${codeOf(error)})`);
  }
  if (bad > maxListed) problems.push(`${bad - maxListed} more stored files do not match their SHA-256`);
  return checked;
}

/** The key file against the staff table: who can open the store must be exactly who may. */
export function keyringProblems(db: Db, keyring: Keyring): string[] {
  const problems: string[] = [];
  const recovery = keyring.slots.filter((s) => s.unlock.kind === 'recovery');
  if (recovery.length === 0) problems.push('the key file has no recovery slot: the recovery key opens nothing (issue a new recovery key)');
  if (recovery.length > 1) problems.push(`the key file has ${recovery.length} recovery slots; it should have one`);
  let staff: { id: string; status: string; username: string }[];
  try {
    staff = db.prepare('SELECT id, status, username FROM staff').all() as typeof staff;
  } catch (error) {
    return [...problems, `the staff table cannot be read (${codeOf(error)})`];
  }
  const byId = new Map(staff.map((s) => [s.id, s]));
  for (const slot of keyring.slots.filter((s) => s.staffId !== null)) {
    const member = byId.get(slot.staffId!);
    if (!member) problems.push(`the key file has a slot for a staff member the store does not know (${slot.staffId})`);
    else if (member.status !== 'active') problems.push(`the key file still has a slot for the disabled account ${member.username}`);
  }
  const withSlot = new Set(keyring.slots.map((s) => s.staffId));
  for (const member of staff.filter((s) => s.status === 'active' && !withSlot.has(s.id))) {
    problems.push(`the active account ${member.username} has no key slot: it cannot sign in (reset its password)`);
  }
  const lookups = keyring.slots.map((s) => s.lookup).filter(Boolean);
  if (new Set(lookups).size !== lookups.length) problems.push('two key slots answer to the same username');
  return problems;
}

/** Each post's kept verdict recomputed with the coverage rule; any difference is a problem. */
function keptCoverageProblems(db: Db, now: Date, duePending: boolean): string[] {
  try {
    const settings = readSettings(db);
    const ctx = { today: dayOf(now, settings.timeZone), timeZone: settings.timeZone, ageOfMajority: settings.ageOfMajority, practice: { name: '', contact: { address: '', email: '', phone: '', website: '' } } };
    const differences = keptCoverageDifferences(db, ctx, duePending);
    return differences.slice(0, maxListed).map(
      (d) => `post ${d.postId}: its kept coverage (${d.kept === null ? 'never judged' : d.kept ? 'covered' : 'not covered'}) differs from the coverage rule today (${d.rule ? 'covered' : 'not covered'})`,
    );
  } catch (error) {
    return [`the posts' kept coverage cannot be checked (${codeOf(error)})`];
  }
}

/** The row counts the store keeps (what `status` prints) against counting every row. */
function keptCountProblems(db: Db): string[] {
  try {
    return keptCountDifferences(db).map((d) => `the kept count of ${d.table} (${d.kept}) differs from its rows (${d.counted})`);
  } catch (error) {
    return [`the kept record counts cannot be checked (${codeOf(error)})`];
  }
}

/** Run every check on an open store. */
export async function runFullCheck(store: Store, now: Date, { opened }: { opened: boolean } = { opened: true }): Promise<StoreCheck> {
  const problems: string[] = [];
  const pagesOk = checkPages(store.db, problems);
  const chain = checkChain(store.db, problems);
  const files = checkFiles(store.db, problems);
  problems.push(...keyringProblems(store.db, store.keyring));
  // A store opened by the app has had today's date applied to its posts; one checked from its files has not.
  problems.push(...keptCoverageProblems(store.db, now, !opened));
  problems.push(...keptCountProblems(store.db));
  try {
    problems.push(...(await store.rollbackProblems()).map((p) => `rollback: ${p}`));
  } catch (error) {
    problems.push(`the rollback anchors cannot be read (${codeOf(error)})`);
  }
  return {
    at: now.toISOString(),
    ok: problems.length === 0,
    problems,
    checked: { pages: pagesOk, auditEvents: chain.events, storedFiles: files, keySlots: store.keyring.slots.length },
    ...(chain.head ? { auditHead: chain.head } : {}),
  };
}

/** Where `status` may start its walk of the audit chain: the head the last full check found intact, if it did. */
export function lastVerifiedChainPoint(db: Db): VerifiedChainPoint | null {
  const check = lastCheck(db);
  return check?.auditHead ? { ...check.auditHead, at: check.at } : null;
}

/** The last full check, as kept in store_meta. */
export function lastCheck(db: Db): StoreCheck | null {
  try {
    const text = db.prepare('SELECT last_check FROM store_meta WHERE id = 1').pluck().get() as string | null;
    return text ? (JSON.parse(text) as StoreCheck) : null;
  } catch {
    return null;
  }
}

export function recordCheck(db: Db, check: StoreCheck): void {
  db.prepare('UPDATE store_meta SET last_check = ? WHERE id = 1').run(JSON.stringify(check));
}

/**
 * The full check on a store that cannot be opened normally (a damaged page
 * refuses sign-in; an older copy is refused at open): the credential
 * unlocks the data key and the checks run straight on the file. Nothing is
 * recorded: a damaged or rolled-back store is not written to.
 */
export async function checkStoreFiles(paths: StorePaths, credential: Credential, now: Date): Promise<StoreCheck> {
  const candidates = await Store.unlock(paths, credential);
  const candidate = candidates[0];
  if (!candidate) throw new AppError('unauthorized', 'The username or password is not right.');
  const failed = (problem: string): StoreCheck => ({
    at: now.toISOString(),
    ok: false,
    problems: [problem],
    checked: { pages: false, auditEvents: 0, storedFiles: 0, keySlots: candidate.keyring.slots.length },
  });
  let store: Store;
  try {
    store = await Store.openWithKeyLoading(paths, candidate.keyring, candidate.dataKey);
  } catch (error) {
    return failed(
      error instanceof AppError
        ? `the data file cannot be opened: ${error.message}`
        : `the data file is damaged: it cannot be opened (${String((error as { code?: unknown }).code ?? error)})`,
    );
  }
  try {
    if (candidate.slot.staffId) {
      const role = (() => {
        try {
          return store.db.prepare('SELECT role FROM staff WHERE id = ?').pluck().get(candidate.slot.staffId) as string | undefined;
        } catch {
          return 'unreadable';
        }
      })();
      if (role !== 'admin' && role !== 'unreadable') throw new AppError('forbidden', 'Only an administrator can check the store.');
    }
    return await runFullCheck(store, now, { opened: false });
  } finally {
    store.close();
    candidate.dataKey.fill(0);
  }
}

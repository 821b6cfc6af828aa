/**
 * `npm run bench [-- --records N --bulk N --rounds N --sign-ins N --dir DIR]`
 *
 * The cost of encryption on the store's real write path, and of signing in.
 * The same workload goes to a plain SQLite file, a SQLCipher 4 one
 * (`cipher='sqlcipher'`, `legacy=4`, raw key) and an AEGIS one, in one run:
 * each record is a staff row inserted through the repository plus its audit
 * event appended in the same transaction, one commit per record, with the
 * app's connection settings (WAL, synchronous=FULL) and schema (migrations,
 * audit triggers). CPU time (user + system) is reported beside wall time:
 * on a loaded machine it is the figure that resolves the cipher's cost.
 * Rounds alternate the order of the ciphers; the median
 * round counts. A bulk variant (every record in one transaction) is shown
 * for context. Sign-in is timed at the production key-derivation cost.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../electron/backend/audit/audit-log';
import { createBackend } from '../electron/backend/backend';
import { owaspScrypt } from '../electron/backend/crypto/kdf';
import { storePaths } from '../electron/backend/data-dir';
import { insertStaff } from '../electron/backend/repositories/staff-repository';
import { configureConnection, openDatabase, type CipherName, type Db } from '../electron/backend/store/database';
import { migrate } from '../electron/backend/store/migrate';
import { Store } from '../electron/backend/store/store';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '3000' },
    bulk: { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '3' },
    'sign-ins': { type: 'string', default: '5' },
    dir: { type: 'string' },
  },
  strict: true,
});
const count = (name: keyof typeof values) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number`);
  return n;
};
const records = count('records');
const bulkRecords = count('bulk');
const rounds = count('rounds');
const signIns = count('sign-ins');
const workDir = fs.mkdtempSync(path.join(values.dir ? path.resolve(values.dir) : os.tmpdir(), 'consent-desk-bench-'));

type Variant = 'plain' | CipherName;
const variants: Variant[] = ['plain', 'sqlcipher', 'aegis'];
const labels: Record<Variant, string> = { plain: 'plain SQLite', sqlcipher: 'sqlcipher (legacy=4)', aegis: 'aegis' };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** A new database with the app's schema and connection settings. */
function freshDatabase(variant: Variant, file: string): Db {
  const db =
    variant === 'plain' ? new Database(file) : openDatabase(file, crypto.randomBytes(32), { cipher: variant, create: true });
  configureConnection(db);
  migrate(db, file);
  return db;
}

/** Guard against mislabelled results: only the plain file starts with SQLite's header. */
function checkEncryption(variant: Variant, file: string): void {
  const header = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  fs.readSync(fd, header, 0, 16, 0);
  fs.closeSync(fd);
  const plaintext = header.toString('latin1') === 'SQLite format 3\u0000';
  if (plaintext !== (variant === 'plain')) throw new Error(`${variant}: the file is ${plaintext ? '' : 'not '}plaintext`);
}

/** Insert `n` audited records; `perRecord` commits each one, otherwise one transaction holds them all. Returns ms. */
function writeWorkload(db: Db, n: number, perRecord: boolean): number {
  const at = new Date().toISOString();
  const one = (i: number) => {
    const id = crypto.randomUUID();
    insertStaff(db, {
      id,
      username: `bench-${i}-${id.slice(0, 8)}`,
      displayName: `Benchmark Person ${i}`,
      role: 'frontdesk',
      status: 'active',
      createdAt: at,
      updatedAt: at,
    });
    appendAudit(db, { at, actorId: null, actorName: 'bench', action: 'staff.created', subjectType: 'staff', subjectId: id, detail: 'role frontdesk' });
  };
  const commitOne = db.transaction(one);
  const commitAll = db.transaction((m: number) => {
    for (let i = 0; i < m; i++) one(i);
  });
  const start = performance.now();
  if (perRecord) for (let i = 0; i < n; i++) commitOne(i);
  else commitAll(n);
  return performance.now() - start;
}

type Workload = 'commit' | 'nosync' | 'bulk';

/**
 * One workload on a fresh file. `nosync` is the per-record commits with
 * synchronous=OFF: no fsync, so what remains is CPU (SQLite, the cipher,
 * the app's code), the cost the encryption budget is about; with fsync
 * (`commit`) the disk's flush dominates and hides a 5 to 30% cipher cost.
 * `bulk` also times reading every row back through a page cache of 50
 * pages, so each page read is decrypted again (`scanMs`).
 */
/** CPU time of this process (user + system), in ms: what the cipher costs, whatever else the machine is running. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

function measure(variant: Variant, workload: Workload, round: number): { ms: number; cpu: number; scanMs?: number; scanCpu?: number; appCacheScanCpu?: number } {
  const file = path.join(workDir, `${variant}-${workload}-${round}.db`);
  const db = freshDatabase(variant, file);
  try {
    if (workload === 'nosync') db.pragma('synchronous = OFF');
    const cpuStart = cpuMs();
    const ms = writeWorkload(db, workload === 'bulk' ? bulkRecords : records, workload !== 'bulk');
    const cpu = cpuMs() - cpuStart;
    if (workload !== 'bulk') return { ms, cpu };
    const readAll = () => {
      const start = performance.now();
      const startCpu = cpuMs();
      for (let i = 0; i < 3; i++) {
        db.prepare('SELECT * FROM audit_events').raw(true).all();
        db.prepare('SELECT * FROM staff').raw(true).all();
      }
      return { ms: performance.now() - start, cpu: cpuMs() - startCpu };
    };
    // The store's own cache (it sets none: SQLite's 2 MB, which holds these tables), then a 50-page one that decrypts every page again.
    const appCache = readAll();
    db.pragma('cache_size = 50');
    const small = readAll();
    return { ms, cpu, scanMs: small.ms, scanCpu: small.cpu, appCacheScanCpu: appCache.cpu };
  } finally {
    db.close();
    checkEncryption(variant, file);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  }
}

async function signInTimes(): Promise<{ unlock: number; signIn: number }> {
  const dataDir = path.join(workDir, 'sign-in-store');
  const password = 'benchmark password, long enough';
  const setup = createBackend({ dataDir, kdf: owaspScrypt, workstation: 'bench' });
  const created = await setup.invoke('setup.create', {
    practiceName: 'Benchmark Practice',
    adminUsername: 'admin',
    adminDisplayName: 'Bench Admin',
    password,
  });
  if (!created.ok) throw new Error(created.error.message);
  setup.close();
  const unlock: number[] = [];
  const signIn: number[] = [];
  for (let i = 0; i < signIns; i++) {
    let start = performance.now();
    const found = await Store.unlock(storePaths(dataDir), { username: 'admin', password });
    unlock.push(performance.now() - start);
    if (found.length !== 1) throw new Error('unlock failed');
    const backend = createBackend({ dataDir, workstation: 'bench' });
    start = performance.now();
    const result = await backend.invoke('session.signIn', { username: 'admin', password });
    signIn.push(performance.now() - start);
    backend.close();
    if (!result.ok) throw new Error(result.error.message);
  }
  return { unlock: median(unlock), signIn: median(signIn) };
}

const perCommit: Record<Variant, number[]> = { plain: [], sqlcipher: [], aegis: [] };
const noSync: Record<Variant, number[]> = { plain: [], sqlcipher: [], aegis: [] };
const bulk: Record<Variant, number[]> = { plain: [], sqlcipher: [], aegis: [] };
const scan: Record<Variant, number[]> = { plain: [], sqlcipher: [], aegis: [] };
const noSyncCpu: Record<Variant, number[]> = { plain: [], sqlcipher: [], aegis: [] };
const scanCpu: Record<Variant, number[]> = { plain: [], sqlcipher: [], aegis: [] };
const appCacheCpu: Record<Variant, number[]> = { plain: [], sqlcipher: [], aegis: [] };
try {
  console.log(`Consent Desk store benchmark (${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}; files in ${workDir})`);
  for (let round = 0; round < rounds; round++) {
    const order = variants.map((_, i) => variants[(i + round) % variants.length]!);
    // Interleaved: every workload's variants run back to back in a rotating order, so load hits them alike.
    for (const variant of order) perCommit[variant].push(measure(variant, 'commit', round).ms);
    for (const variant of order) {
      const m = measure(variant, 'nosync', round);
      noSync[variant].push(m.ms);
      noSyncCpu[variant].push(m.cpu);
    }
    for (const variant of order) {
      const m = measure(variant, 'bulk', round);
      bulk[variant].push(m.ms);
      scan[variant].push(m.scanMs!);
      scanCpu[variant].push(m.scanCpu!);
      appCacheCpu[variant].push(m.appCacheScanCpu!);
    }
    process.stdout.write(`  round ${round + 1}/${rounds} done\n`);
  }
  const times = await signInTimes();

  const row = (cells: string[]) => `${cells[0]!.padEnd(22)}${cells.slice(1).map((c) => c.padStart(14)).join('')}`;
  const rate = (ms: number, n: number) => Math.round((n / ms) * 1000).toLocaleString('en-US');
  const plainCommit = median(perCommit.plain);
  const plainBulk = median(bulk.plain);
  console.log('');
  console.log(`Audited writes: staff row + audit event per record; WAL, synchronous=FULL (and OFF: "no fsync"); median of ${rounds} rounds.`);
  console.log(`  one commit per record: ${records.toLocaleString('en-US')} records; bulk: ${bulkRecords.toLocaleString('en-US')} records in one transaction.`);
  console.log('');
  console.log(row(['cipher', 'commit rec/s', 'ms/commit', 'vs plain', 'no fsync ms', 'vs plain', 'bulk rec/s', 'vs plain', 'scan ms', 'vs plain']));
  console.log('-'.repeat(22 + 14 * 9));
  const plainNoSync = median(noSync.plain);
  const plainScan = median(scan.plain);
  for (const variant of variants) {
    const c = median(perCommit[variant]);
    const n = median(noSync[variant]);
    const b = median(bulk[variant]);
    const sc = median(scan[variant]);
    console.log(
      row([
        labels[variant],
        rate(c, records),
        (c / records).toFixed(3),
        `${(c / plainCommit).toFixed(2)}x`,
        n.toFixed(0),
        `${(n / plainNoSync).toFixed(2)}x`,
        rate(b, bulkRecords),
        `${(b / plainBulk).toFixed(2)}x`,
        sc.toFixed(0),
        `${(sc / plainScan).toFixed(2)}x`,
      ]),
    );
  }
  console.log('');
  console.log('"vs plain" is time encrypted / time plain: the cost of encryption. "no fsync": the same one-commit-per-record');
  console.log('workload with synchronous=OFF, CPU-bound; "scan": every row read back 3 times through a 50-page cache (each page decrypted).');
  console.log('');
  console.log('CPU time of the same work (user + system of this process; the wall times above stretch with the load, CPU time far less):');
  const sumOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const cpuRatio = (of: Record<Variant, number[]>, variant: Variant) => sumOf(of[variant]) / sumOf(of.plain);
  for (const variant of variants) {
    console.log(
      `  ${labels[variant].padEnd(22)} no-fsync commits ${cpuRatio(noSyncCpu, variant).toFixed(2)}x; scan (50 pages) ${cpuRatio(scanCpu, variant).toFixed(2)}x; scan (store's cache) ${cpuRatio(appCacheCpu, variant).toFixed(2)}x`,
    );
  }
  const verdict = (r: number) => `${r.toFixed(2)}x, ${r <= 1.15 ? 'met' : 'NOT MET'}`;
  console.log(
    `Target: the encrypted store (AEGIS) at most 1.15x plain SQLite on CPU-bound work, in CPU time: no-fsync commits ${verdict(cpuRatio(noSyncCpu, 'aegis'))}; scan ${verdict(cpuRatio(scanCpu, 'aegis'))}. Load average ${os.loadavg().map((l) => l.toFixed(1)).join(', ')}.`,
  );
  console.log('');
  const { N, r, p } = owaspScrypt;
  console.log(`Sign-in, scrypt N=2^${Math.log2(N)}, r=${r}, p=${p} (production cost), median of ${signIns}:`);
  console.log(`  Store.unlock (key derivation + unwrap):           ${times.unlock.toFixed(0)} ms`);
  console.log(`  session.signIn (unlock + open + audit, fresh):    ${times.signIn.toFixed(0)} ms`);
} finally {
  fs.rmSync(workDir, { recursive: true, force: true });
}

import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Patient } from '../../../shared/patients';
import { openDatabase, type Db } from '../store/database';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import { terms } from '../store-pg/testing/pg-fixtures';
import { PgStoreEngine, serverBusyMessage, serverUnreachableMessage } from './pg-store-engine';
import { SqliteStoreEngine } from './sqlite-store-engine';
import { pgEngineUnderTest, sqliteEngineUnderTest, type EngineUnderTest } from './testing/engines-under-test';

/** The transaction abstraction itself, on both engines: atomic across awaits, nested use refused, no lost update, a killed writer leaves nothing. */

const here = path.dirname(fileURLToPath(import.meta.url));
const killedWriter = path.join(here, 'testing', 'engine-killed-mid-write.ts');
const at = '2026-12-01T10:00:00.000Z';
let serial = 100;
const newPatient = (fields: Partial<Patient> = {}): Patient => ({
  id: `00000000-0000-4000-8000-${String(serial++).padStart(12, '0')}`,
  firstName: 'Test',
  lastName: 'Patient',
  dateOfBirth: '1980-01-01',
  recordNumber: null,
  phone: null,
  email: null,
  city: null,
  createdAt: at,
  updatedAt: at,
  ...fields,
});
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Start the killed writer and resolve once its transaction is half-way (it said so), then kill it. */
async function killMidTransaction(args: string[], key: Buffer): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', killedWriter, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.end(JSON.stringify({ key: key.toString('hex') }));
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('"pending":true')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`The writer ended (${code}) before its transaction was half-way: ${stderr}`)));
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

const engines: { name: 'sqlite' | 'postgres'; skip: boolean }[] = [
  { name: 'sqlite', skip: false },
  { name: 'postgres', skip: !pgAvailable },
];

describe.each(engines)('the store engine on $name', ({ name, skip }) => {
  const cluster = name === 'postgres' && !skip ? useThrowawayCluster() : null;
  let under: EngineUnderTest & { killArgs: string[]; key: Buffer };

  beforeAll(async () => {
    if (skip) return;
    if (name === 'sqlite') {
      const s = sqliteEngineUnderTest();
      under = { ...s, killArgs: ['sqlite', s.file], key: s.key };
    } else {
      const p = await pgEngineUnderTest(cluster!());
      under = { ...p, killArgs: ['postgres', p.appUrl], key: p.dataKey };
    }
  });
  afterAll(async () => {
    await under?.close();
  });

  const get = (id: string) => under.engine.read((tx) => under.engine.records.patients.getPatient(tx, id));

  it.skipIf(skip)(`commits a transaction that spans awaits, all of it together${name === 'postgres' ? pgSkipReason : ''}`, async () => {
    const [a, b] = [newPatient(), newPatient()];
    await under.engine.write(async (tx) => {
      await under.engine.records.patients.insertPatient(tx, a);
      await nextTurn();
      await new Promise((resolve) => setTimeout(resolve, 5));
      await under.engine.records.patients.insertPatient(tx, b);
    });
    expect(await get(a.id)).toMatchObject({ firstName: 'Test' });
    expect(await get(b.id)).toMatchObject({ firstName: 'Test' });
  });

  it.skipIf(skip)('rolls back everything a transaction wrote when it throws, and passes the error on', async () => {
    const a = newPatient();
    const failure = new Error('the PDF could not be rendered');
    await expect(
      under.engine.write(async (tx) => {
        await under.engine.records.patients.insertPatient(tx, a);
        await nextTurn();
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await get(a.id)).toBeUndefined();
  });

  it.skipIf(skip)('refuses a transaction inside another one at once, instead of waiting for itself', async () => {
    const a = newPatient();
    const nested = await under.engine.write(async (tx) => {
      await under.engine.records.patients.insertPatient(tx, a);
      const inner = await under.engine.read(async () => 'ran').catch((error: unknown) => error);
      const innerWrite = await under.engine.write(async () => 'ran').catch((error: unknown) => error);
      return [inner, innerWrite];
    });
    for (const refusal of nested) expect(refusal).toMatchObject({ code: 'internal', message: expect.stringMatching(/inside another one/) });
    // The outer transaction was not harmed, and the engine takes new work after it.
    expect(await get(a.id)).toBeDefined();
    expect(await under.engine.read(async () => 'after')).toBe('after');
  });

  it.skipIf(skip)('loses no update when several writers edit the same record at once: each edit commits or gets conflict', async () => {
    const p = newPatient({ phone: '0' });
    await under.engine.write((tx) => under.engine.records.patients.insertPatient(tx, p));
    const { id: _i, createdAt: _c, updatedAt: _u, ...fields } = p;
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () =>
        under.engine
          .write(async (tx) => {
            const current = (await under.engine.records.patients.getPatient(tx, p.id))!;
            await nextTurn();
            await under.engine.records.patients.updatePatient(tx, p.id, { ...fields, phone: String(Number(current.phone) + 1) }, at, { rowVersion: current.rowVersion });
            return 'saved';
          })
          .catch((error: { code?: string }) => error.code),
      ),
    );
    expect(outcomes.every((o) => o === 'saved' || o === 'conflict')).toBe(true);
    const saved = outcomes.filter((o) => o === 'saved').length;
    expect(saved).toBeGreaterThan(0);
    const final = (await get(p.id))!;
    expect(Number(final.phone)).toBe(saved);
    expect(final.rowVersion).toBe(1 + saved);
  });

  it.skipIf(skip)('leaves nothing half-written when the workstation is killed in the middle of a transaction', async () => {
    await killMidTransaction(under.killArgs, under.key);
    const id = '00000000-0000-4000-8000-00000000dead';
    expect(await get(id)).toBeUndefined();
    expect(await under.engine.read((tx) => under.engine.records.consents.getAuthorization(tx, 'auth-killed'))).toBeUndefined();
    // The lock the killed writer held is gone: the same records can be written now.
    await under.engine.write(async (tx) => {
      await under.engine.records.patients.insertPatient(tx, newPatient({ id, recordNumber: 'R-KILLED' }));
      await under.engine.records.consents.insertDraft(tx, { id: 'auth-killed', patientId: id, templateId: 'template-1', terms: terms(), createdAt: at, createdBy: 'staff-frontdesk' });
    });
    expect(await get(id)).toMatchObject({ recordNumber: 'R-KILLED' });
    if (name === 'sqlite') {
      const s = under as unknown as { db: Db };
      expect(s.db.pragma('integrity_check', { simple: true })).toBe('ok');
    }
  });
});

describe('the SQLite engine', () => {
  it('runs its before-commit work inside the transaction and its after-commit work after it', async () => {
    const s = sqliteEngineUnderTest();
    try {
      const events: string[] = [];
      let failBeforeCommit = false;
      const engine = new SqliteStoreEngine(s.db, {
        beforeCommit: (db) => {
          events.push(`before (in transaction: ${db.inTransaction})`);
          if (failBeforeCommit) throw new Error('settling failed');
        },
        afterCommit: () => events.push(`after (in transaction: ${s.db.inTransaction})`),
      });
      const a = newPatient();
      await engine.write((tx) => engine.records.patients.insertPatient(tx, a));
      expect(events).toEqual(['before (in transaction: true)', 'after (in transaction: false)']);
      failBeforeCommit = true;
      const b = newPatient();
      await expect(engine.write((tx) => engine.records.patients.insertPatient(tx, b))).rejects.toThrow('settling failed');
      expect(await engine.read((tx) => engine.records.patients.getPatient(tx, b.id))).toBeUndefined();
      // Reads run no write hooks.
      events.length = 0;
      await engine.read(async () => undefined);
      expect(events).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('calls the store busy, without writing, when another process holds the write lock', async () => {
    const s = sqliteEngineUnderTest();
    const other = openDatabase(s.file, s.key, { cipher: 'aegis' });
    try {
      other.pragma('busy_timeout = 0');
      s.db.pragma('busy_timeout = 10');
      other.prepare('BEGIN IMMEDIATE').run();
      const a = newPatient();
      await expect(s.engine.write((tx) => s.engine.records.patients.insertPatient(tx, a))).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/The store is busy/) });
      other.prepare('ROLLBACK').run();
      await s.engine.write((tx) => s.engine.records.patients.insertPatient(tx, a));
      expect(await s.engine.read((tx) => s.engine.records.patients.getPatient(tx, a.id))).toBeDefined();
    } finally {
      other.close();
      await s.close();
    }
  });
});

describe.skipIf(!pgAvailable)(`the PostgreSQL engine${pgSkipReason}`, () => {
  const cluster = useThrowawayCluster();
  let under: Awaited<ReturnType<typeof pgEngineUnderTest>>;
  let outside: pg.Client;
  beforeAll(async () => {
    under = await pgEngineUnderTest(cluster());
    outside = new pg.Client({ connectionString: under.appUrl });
    await outside.connect();
  });
  afterAll(async () => {
    await outside?.end();
    await under?.close();
  });

  /** A REPEATABLE READ transaction whose row another workstation changes after its snapshot: 40001 on its update. */
  async function editAgainstAConcurrentChange(engine: PgStoreEngine, id: string): Promise<{ attempts: number; result: Promise<unknown> }> {
    const state = { attempts: 0 };
    const result = engine.write(
      async (tx) => {
        state.attempts++;
        await tx.query('SELECT row_version FROM patients WHERE id = $1', [id]); // the snapshot starts here
        if (state.attempts === 1) await outside.query("UPDATE patients SET updated_at = 'changed elsewhere' WHERE id = $1", [id]);
        await tx.query("UPDATE patients SET updated_at = 'changed here' WHERE id = $1", [id]);
        return state.attempts;
      },
      { isolation: 'repeatable read' },
    );
    await result.catch(() => undefined);
    return { attempts: state.attempts, result };
  }

  it('retries a serialisation failure from the start, and says conflict once the tries run out', async () => {
    const p = newPatient();
    await under.engine.write((tx) => under.engine.records.patients.insertPatient(tx, p));
    const retried = await editAgainstAConcurrentChange(under.engine as PgStoreEngine, p.id);
    expect(retried.attempts).toBe(2);
    await expect(retried.result).resolves.toBe(2);
    expect((await outside.query('SELECT updated_at FROM patients WHERE id = $1', [p.id])).rows[0]).toEqual({ updated_at: 'changed here' });

    const once = new PgStoreEngine(new pg.Pool({ connectionString: under.appUrl, max: 1 }), under.cipher, { attempts: 1 });
    try {
      const refused = await editAgainstAConcurrentChange(once, p.id);
      expect(refused.attempts).toBe(1);
      await expect(refused.result).rejects.toMatchObject({ code: 'conflict', message: serverBusyMessage });
      expect((await outside.query('SELECT updated_at FROM patients WHERE id = $1', [p.id])).rows[0]).toEqual({ updated_at: 'changed elsewhere' });
    } finally {
      await once.close();
    }
  });

  it('says the server cannot be reached when it cannot, and writes nothing', async () => {
    const nowhere = under.appUrl.replace(/host=[^&]+/, `host=${encodeURIComponent('/nonexistent/socket/dir')}`);
    const engine = new PgStoreEngine(new pg.Pool({ connectionString: nowhere, max: 1 }), under.cipher);
    try {
      await expect(engine.write(async () => 'never')).rejects.toMatchObject({ code: 'server_unreachable', message: serverUnreachableMessage });
      await expect(engine.read(async () => 'never')).rejects.toMatchObject({ code: 'server_unreachable' });
    } finally {
      await engine.close();
    }
  });

  it('says the server cannot be reached when the connection is lost mid-transaction, and keeps nothing of it', async () => {
    const superuser = new pg.Client({ connectionString: cluster().superuserUrl.replace(`@/${cluster().database}?`, `@/${under.database}?`) });
    await superuser.connect();
    try {
      const p = newPatient();
      const lost = under.engine.write(async (tx) => {
        await under.engine.records.patients.insertPatient(tx, p);
        const pid = ((await (tx as pg.ClientBase).query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!).pid;
        await superuser.query('SELECT pg_terminate_backend($1)', [pid]);
        await under.engine.records.patients.insertPatient(tx, newPatient());
      });
      await expect(lost).rejects.toMatchObject({ code: 'server_unreachable', message: serverUnreachableMessage });
      expect(await under.engine.read((tx) => under.engine.records.patients.getPatient(tx, p.id))).toBeUndefined();
      // The broken connection was dropped from the pool: the next transaction works.
      await under.engine.write((tx) => under.engine.records.patients.insertPatient(tx, p));
      expect(await under.engine.read((tx) => under.engine.records.patients.getPatient(tx, p.id))).toBeDefined();
    } finally {
      await superuser.end();
    }
  });

  it('refuses to commit a transaction an error aborted part-way, even when the work caught that error', async () => {
    const p = newPatient({ recordNumber: 'R-TWICE' });
    await under.engine.write((tx) => under.engine.records.patients.insertPatient(tx, p));
    const q = newPatient();
    const swallowed = under.engine.write(async (tx) => {
      await under.engine.records.patients.insertPatient(tx, q);
      await under.engine.records.patients.insertPatient(tx, newPatient({ recordNumber: 'R-TWICE' })).catch(() => undefined);
    });
    await expect(swallowed).rejects.toMatchObject({ code: 'internal' });
    expect(await under.engine.read((tx) => under.engine.records.patients.getPatient(tx, q.id))).toBeUndefined();
  });
});

import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Patient } from '../../../shared/patients';
import { FieldCipher } from './field-crypto';
import { appendAuditPg, verifyAuditChainPg, walkAuditChainPg } from './pg-audit-log';
import {
  findPatientByRecordNumberPg,
  getPatientPg,
  insertPatientPg,
  searchPatientsPg,
  updatePatientPg,
} from './pg-patient-repository';
import { createFoundationSchema } from './pg-schema';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from './testing/pg-cluster';
import { inTransaction } from './testing/pg-fixtures';

const writerScript = path.resolve(import.meta.dirname, 'testing/pg-audit-writer.ts');
const dataKey = crypto.randomBytes(32);
const cipher = new FieldCipher([{ keyId: 1, dataKey }], 1);

let clock = Date.parse('2026-12-01T09:00:00.000Z');
const now = () => new Date((clock += 1000)).toISOString();

function patient(fields: Partial<Patient> & Pick<Patient, 'firstName' | 'lastName' | 'dateOfBirth'>): Patient {
  const at = now();
  return { id: crypto.randomUUID(), recordNumber: null, phone: null, email: null, city: null, createdAt: at, updatedAt: at, ...fields };
}

const audit = (client: pg.ClientBase, detail: string) =>
  appendAuditPg(client, cipher, { at: now(), actorId: null, actorName: 'frontdesk', action: 'patient.created', subjectType: 'patient', subjectId: null, detail });

function runWriter(url: string, count: number, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writerScript, url, dataKey.toString('hex'), String(count), name], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${name} exited ${code}: ${stderr.slice(-1000)}`))));
  });
}

describe.skipIf(!pgAvailable)(`PostgreSQL foundation schema on a throwaway cluster${pgSkipReason}`, () => {
  const cluster = useThrowawayCluster();
  let app: pg.Client;
  let superuser: pg.Client;

  beforeAll(async () => {
    const owner = new pg.Client({ connectionString: cluster().ownerUrl });
    await owner.connect();
    try {
      await createFoundationSchema(owner, cluster().appRole);
      await expect(createFoundationSchema(owner, cluster().appRole)).rejects.toThrow(/already holds a Consent Desk store/);
    } finally {
      await owner.end();
    }
    app = new pg.Client({ connectionString: cluster().appUrl });
    superuser = new pg.Client({ connectionString: cluster().superuserUrl });
    await Promise.all([app.connect(), superuser.connect()]);
  });

  afterAll(async () => {
    await Promise.all([app?.end(), superuser?.end()]);
  });

  it('stores patients sealed, finds them by blind index, and refuses a lost update', async () => {
    const maria = patient({ firstName: 'María José', lastName: 'García-López', dateOfBirth: '1980-04-23', recordNumber: 'MRN-00123', phone: '555-0100' });
    const mario = patient({ firstName: 'Mario', lastName: 'Lopez', dateOfBirth: '1975-11-02' });
    const christopher = patient({ firstName: 'Christopher', lastName: 'Oʼ Brien', dateOfBirth: '1980-09-30' });
    await inTransaction(app, async () => {
      for (const p of [maria, mario, christopher]) await insertPatientPg(app, cipher, p);
    });
    const found = await getPatientPg(app, cipher, maria.id);
    expect(found).toMatchObject({ firstName: 'María José', lastName: 'García-López', recordNumber: 'MRN-00123', phone: '555-0100', rowVersion: 1 });
    const names = async (q: string) => (await searchPatientsPg(app, cipher, q, 50)).map((p) => p.firstName);
    expect(await names('maria')).toEqual(['María José']);
    expect(await names('LOP')).toEqual(['María José', 'Mario']);
    expect(await names('mar lop')).toEqual(['María José', 'Mario']);
    expect(await names('1980')).toEqual(['María José', 'Christopher']);
    expect(await names('04/23/1980')).toEqual(['María José']);
    expect(await names('mrn 00123')).toEqual(['María José']);
    // Longer than the indexed prefix: candidates by the first eight letters, confirmed after decryption.
    expect(await names('Christopher')).toEqual(['Christopher']);
    expect(await names('Christophe')).toEqual(['Christopher']);
    expect(await names('Christophex')).toEqual([]);
    expect(await names('zzz')).toEqual([]);
    expect((await findPatientByRecordNumberPg(app, cipher, 'mrn00123'))?.id).toBe(maria.id);

    const duplicate = patient({ firstName: 'Other', lastName: 'Person', dateOfBirth: '1990-01-01', recordNumber: 'mrn 00123' });
    await expect(inTransaction(app, () => insertPatientPg(app, cipher, duplicate))).rejects.toMatchObject({ code: 'conflict' });

    const edit = { firstName: 'Mario', lastName: 'López', dateOfBirth: '1975-11-02', recordNumber: null, phone: null, email: null, city: 'Tucson' };
    const version = await inTransaction(app, () => updatePatientPg(app, cipher, mario.id, edit, 1, now()));
    expect(version).toBe(2);
    // A second workstation still holding version 1 is told, and its change is not written.
    await expect(
      inTransaction(app, () => updatePatientPg(app, cipher, mario.id, { ...edit, city: 'Phoenix' }, 1, now())),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/Someone else changed this patient/) });
    expect((await getPatientPg(app, cipher, mario.id))?.city).toBe('Tucson');
  });

  it('refuses a sealed field moved to another patient', async () => {
    const [a, b] = [patient({ firstName: 'Ana', lastName: 'Swap', dateOfBirth: '1970-01-01' }), patient({ firstName: 'Bea', lastName: 'Swap', dateOfBirth: '1971-01-01' })];
    await inTransaction(app, async () => {
      await insertPatientPg(app, cipher, a);
      await insertPatientPg(app, cipher, b);
    });
    await app.query('UPDATE patients SET first_name = (SELECT first_name FROM patients WHERE id = $2) WHERE id = $1', [a.id, b.id]);
    await expect(getPatientPg(app, cipher, a.id)).rejects.toMatchObject({ code: 'store_damaged', reason: 'not_authentic' });
    await app.query('DELETE FROM patients WHERE id = $1', [a.id]);
  });

  it('gives the app role only the rights it needs', async () => {
    const refused = async (sql: string) => expect(app.query(sql)).rejects.toThrow(/permission denied|must be owner/);
    await refused('CREATE TABLE intruder (a int)');
    await refused('DELETE FROM audit_events');
    await refused('UPDATE audit_events SET action = action');
    await refused('TRUNCATE audit_events');
    await refused('DROP TABLE patients');
    await refused('INSERT INTO audit_head (id, seq) VALUES (2, 0)');
    await refused('CREATE DATABASE other');
    const role = (await superuser.query('SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = $1', [cluster().appRole])).rows[0];
    expect(role).toEqual({ rolsuper: false, rolcreatedb: false, rolcreaterole: false });
  });

  it('keeps one intact chain while processes and connections append at once', async () => {
    const connections = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const c = new pg.Client({ connectionString: cluster().appUrl });
        await c.connect();
        return c;
      }),
    );
    const perWriter = 25;
    try {
      const inProcess = connections.map(async (c, n) => {
        for (let i = 0; i < perWriter; i += 1) await inTransaction(c, () => audit(c, `connection ${n} event ${i}`));
      });
      const processes = [runWriter(cluster().appUrl, perWriter, 'workstation-a'), runWriter(cluster().appUrl, perWriter, 'workstation-b')];
      await Promise.all([...inProcess, ...processes]);
    } finally {
      await Promise.all(connections.map((c) => c.end()));
    }
    const result = await verifyAuditChainPg(app, cipher);
    expect(result).toMatchObject({ intact: true, events: 6 * perWriter, headSeq: 6 * perWriter });
    const seqs = (await app.query<{ n: string; max: string }>('SELECT count(*) AS n, max(seq) AS max FROM audit_events')).rows[0];
    expect(seqs).toEqual({ n: String(6 * perWriter), max: String(6 * perWriter) });
  });

  it('refuses an append that does not follow the head, and a head moved by hand', async () => {
    const sealed = cipher.encryptText('{}', { table: 'audit_events', column: 'sealed', recordId: '9999' });
    await expect(
      app.query("INSERT INTO audit_events (seq, at, action, sealed) VALUES (9999, '2026-12-01T00:00:00.000Z', 'patient.viewed', $1)", [sealed]),
    ).rejects.toThrow(/does not follow the chain's head/);
    await expect(app.query('UPDATE audit_head SET seq = seq - 1')).rejects.toThrow(/only moves to the event just appended/);
    // Outside a transaction the event and the head move could commit apart: refused before anything is written.
    const head = await verifyAuditChainPg(app, cipher);
    await expect(audit(app, 'no transaction')).rejects.toThrow(/inside the open transaction/);
    expect(await verifyAuditChainPg(app, cipher)).toEqual(head);
    // A writer that dies mid-transaction leaves nothing: its event and its head move both vanish.
    const before = await verifyAuditChainPg(app, cipher);
    const doomed = new pg.Client({ connectionString: cluster().appUrl });
    await doomed.connect();
    doomed.on('error', () => {});
    await doomed.query('BEGIN');
    await audit(doomed, 'never committed');
    const pid = (await doomed.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    await superuser.query('SELECT pg_terminate_backend($1)', [pid]);
    await doomed.end().catch(() => {});
    expect(await verifyAuditChainPg(app, cipher)).toEqual(before);
  });

  it('detects the newest events deleted and sealed bodies swapped, by someone who can bypass the triggers', async () => {
    for (let i = 0; i < 3; i += 1) await inTransaction(app, () => audit(app, `late event ${i}`));
    const intact = await verifyAuditChainPg(app, cipher);
    expect(intact.intact).toBe(true);
    const last = intact.intact ? intact.headSeq : 0;
    // Each tampering happens in a transaction that is rolled back, and is walked from inside it.
    await superuser.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    try {
      await superuser.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
      await superuser.query('DELETE FROM audit_events WHERE seq = $1', [last]);
      const deleted = await walkAuditChainPg(superuser, cipher);
      expect(deleted).toMatchObject({ intact: false, firstBadSeq: last, problem: expect.stringMatching(/the newest, was deleted/) });
    } finally {
      await superuser.query('ROLLBACK');
    }
    await superuser.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    try {
      await superuser.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
      await superuser.query('UPDATE audit_events SET sealed = (SELECT sealed FROM audit_events WHERE seq = $2) WHERE seq = $1', [last - 1, last - 2]);
      const swapped = await walkAuditChainPg(superuser, cipher);
      expect(swapped).toMatchObject({ intact: false, firstBadSeq: last - 1, problem: expect.stringMatching(/changed outside Consent Desk/) });
    } finally {
      await superuser.query('ROLLBACK');
    }
    expect((await verifyAuditChainPg(app, cipher)).intact).toBe(true);
  });

  it('leaves no plaintext name, date of birth or testimonial text in a pg_dump', async () => {
    const people = [
      patient({ firstName: 'Zebulon', lastName: 'Quixotefield', dateOfBirth: '1937-08-14', recordNumber: 'QX-771942', phone: '520-555-0199', email: 'zebulon@example.org', city: 'Flagstaff' }),
      patient({ firstName: 'Xiomara', lastName: 'Bustamante-Oyelaran', dateOfBirth: '1961-02-27', city: 'Yuma' }),
    ];
    const testimonial = 'After my implants I finally smile in photos again, thank you Dr Okafor';
    await inTransaction(app, async () => {
      for (const p of people) {
        await insertPatientPg(app, cipher, p);
        await audit(app, `testimonial from ${p.firstName} ${p.lastName}: ${testimonial}`);
      }
    });
    const dump = cluster().dump();
    // The dump holds the rows (their ids are not PHI), so the search below searched something.
    for (const p of people) expect(dump).toContain(p.id);
    expect(dump).toMatch(/COPY public\.audit_events/);
    const secrets = people.flatMap((p) => [p.firstName, p.lastName, p.recordNumber, p.phone, p.email, p.city].filter((v): v is string => v !== null));
    const days = people.flatMap((p) => {
      const [y, m, d] = p.dateOfBirth.split('-');
      return [p.dateOfBirth, `${m}/${d}/${y}`, `${y}${m}${d}`];
    });
    const lowerDump = dump.toLowerCase();
    for (const secret of [...secrets, ...days, testimonial, 'implants', 'Okafor']) {
      expect(lowerDump).not.toContain(secret.toLowerCase());
      // bytea is dumped as hex: the plaintext's hex must not be there either.
      expect(lowerDump).not.toContain(Buffer.from(secret, 'utf8').toString('hex'));
    }
    // And the sealed data still opens on the workstation.
    expect((await getPatientPg(app, cipher, people[0]!.id))?.lastName).toBe('Quixotefield');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainFieldsOf, handlerOutcome, type HandlerOutcome } from '../store-engine/testing/conformance-transcript';
import { contract, type CallOutput, type ParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { AuditEvent } from '../../../shared/audit';
import type { EngineCore, PatientChange } from '../engine-core';
import { pgEngineUnderTest, sqliteEngineUnderTest, type EngineUnderTest } from '../store-engine/testing/engines-under-test';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import { patientHandlers } from './patient-handlers';

/**
 * The patients handlers, ported onto the store engine, run on BOTH engines:
 * an encrypted SQLite file and a real PostgreSQL (a throwaway cluster). Staff
 * and sessions do not live on PostgreSQL yet, so the test core names the
 * signed-in actor itself. Every answer and every audit event goes into a
 * transcript; the last test compares the two engines' transcripts byte for
 * byte. Ids and instants are fixed so they can be equal.
 */

type PatientCall = keyof typeof patientHandlers;
type Entry = [string, unknown];
const transcripts = new Map<string, Entry[]>();

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const today = '2026-12-01';

interface TestCore extends EngineCore {
  changes: PatientChange[];
  /** Make the next patient change fail after the handler wrote (a later step of its transaction failing). */
  failNextChange: boolean;
}

function testCore(under: EngineUnderTest): TestCore {
  let ids = 0;
  let minute = 0;
  const core: TestCore = {
    engine: under.engine,
    changes: [],
    failNextChange: false,
    today: () => today,
    timeZone: 'America/Chicago',
    nowIso: () => new Date(Date.UTC(2026, 11, 1, 9, minute++)).toISOString(),
    newId: () => uuid(++ids),
    auditActor: () => ({ actorId: 'staff-frontdesk', actorName: 'robin' }),
    async afterPatientChange(_tx, change) {
      if (core.failNextChange) {
        core.failNextChange = false;
        throw new AppError('internal', 'Injected failure after the patient was written.');
      }
      core.changes.push(change);
    },
    async afterConsentChange() {
      throw new AppError('internal', 'No consent changes in the patients handlers.');
    },
  };
  return core;
}


const engines: { name: 'sqlite' | 'postgres'; skip: boolean }[] = [
  { name: 'sqlite', skip: false },
  { name: 'postgres', skip: !pgAvailable },
];

describe.each(engines)('the patients handlers on $name', ({ name, skip }) => {
  const cluster = name === 'postgres' && !skip ? useThrowawayCluster() : null;
  let under: EngineUnderTest;
  let core: TestCore;
  const log: Entry[] = [];
  const note = (label: string, value: unknown) => log.push([label, JSON.parse(JSON.stringify(value ?? '(nothing)'))]);

  beforeAll(async () => {
    if (skip) return;
    under = name === 'sqlite' ? sqliteEngineUnderTest() : await pgEngineUnderTest(cluster!());
    core = testCore(under);
  });
  afterAll(async () => {
    await under?.close();
    if (!skip) transcripts.set(name, log);
  });

  /** A call as the dispatcher makes it: input through the contract's schema (defaults, trimming), then the handler. */
  async function call<K extends PatientCall>(callName: K, input: unknown): Promise<CallOutput<K>> {
    const parsed = contract[callName].input.parse(input) as ParsedInput<K>;
    const handler = patientHandlers[callName] as (core: EngineCore, input: ParsedInput<K>) => Promise<CallOutput<K>>;
    return handler(core, parsed);
  }
  async function outcome(label: string, work: Promise<unknown>): Promise<HandlerOutcome> {
    const result = await handlerOutcome(work);
    note(label, result);
    return result;
  }
  const auditOf = (subjectId: string) => under.engine.read((tx) => under.engine.records.audit.auditOfSubject(tx, subjectId)) as Promise<AuditEvent[]>;
  const patient = (id: string) => under.engine.read((tx) => under.engine.records.patients.getPatient(tx, id));

  const ofelia = { firstName: 'Ofelia', lastName: 'Marchetti', dateOfBirth: '1969-03-11', recordNumber: 'R-100', phone: null, email: null, city: 'Springfield' };
  const bruno = { firstName: 'Bruno', lastName: 'Okafor', dateOfBirth: '1990-07-30', recordNumber: null, phone: '555-0101', email: null, city: null };
  const maria = { firstName: 'María José', lastName: 'García-López', dateOfBirth: '2012-05-06', recordNumber: 'r-7', phone: null, email: 'mj@example.org', city: null };

  it.skipIf(skip)(`adds patients, refusing a duplicate, a taken record number and an impossible birth day${name === 'postgres' ? pgSkipReason : ''}`, async () => {
    const added = await outcome('create ofelia', call('patients.create', ofelia));
    expect(added).toEqual({ ok: expect.objectContaining({ ...ofelia, id: uuid(1), rowVersion: 1 }) });
    await outcome('create bruno', call('patients.create', bruno));
    await outcome('create maria', call('patients.create', maria));

    const duplicate = await outcome('likely duplicate', call('patients.create', { ...ofelia, firstName: 'ofelia', recordNumber: null }));
    expect(duplicate).toMatchObject({ error: { code: 'conflict', issues: [{ path: 'allowDuplicate' }] } });
    const taken = await outcome('record number taken', call('patients.create', { ...bruno, firstName: 'Other', recordNumber: 'R-100' }));
    expect(taken).toMatchObject({ error: { code: 'conflict', issues: [{ path: 'recordNumber' }] } });
    const future = await outcome('born tomorrow', call('patients.create', { ...bruno, firstName: 'Future', dateOfBirth: '2026-12-02' }));
    expect(future).toMatchObject({ error: { code: 'validation' } });
    // Refused calls wrote nothing, and audited nothing: three patients, three creations.
    expect((await call('patients.list', { query: '' })).total).toBe(3);
    await outcome('duplicate allowed', call('patients.create', { ...ofelia, recordNumber: null, allowDuplicate: true }));
  });

  it.skipIf(skip)('finds and lists patients alike, and audits each search without its words', async () => {
    for (const query of ['ofel', 'garcia lop', 'maría', '1990-07-30', '07/30/1990', 'R-100', 'r-7', 'nobody', '']) {
      await outcome(`search ${query}`, call('patients.search', { query }));
    }
    for (const [sort, direction] of [['name', 'asc'], ['name', 'desc'], ['dateOfBirth', 'asc'], ['recordNumber', 'asc'], ['recordNumber', 'desc'], ['createdAt', 'desc']] as const) {
      await outcome(`list by ${sort} ${direction}`, call('patients.list', { query: '', sort, direction }));
    }
    await outcome('list ofelia, page 2', call('patients.list', { query: 'ofelia', limit: 1, offset: 1 }));
    const listed = await call('patients.list', { query: 'marchetti' });
    expect(listed.rows.map((p) => p.id)).toEqual([uuid(1), uuid(4)]);
  });

  it.skipIf(skip)('edits a patient, refusing an edit made on an older copy: nothing written, nothing audited', async () => {
    const read = await call('patients.get', { id: uuid(2) });
    expect(read.rowVersion).toBe(1);
    note('get bruno', read);
    const { id, createdAt: _c, updatedAt: _u, rowVersion, ...fields } = read;
    const edited = await outcome('edit from version 1', call('patients.update', { id, ...fields, phone: '555-0199', rowVersion }));
    expect(edited).toMatchObject({ ok: { phone: '555-0199', rowVersion: 2 } });

    const eventsBefore = (await auditOf(id)).length;
    const stale = await outcome('stale edit', call('patients.update', { id, ...fields, city: 'Shelbyville', rowVersion }));
    expect(stale).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/Someone else changed this patient/) } });
    expect(await patient(id)).toMatchObject({ phone: '555-0199', city: null, rowVersion: 2 });
    expect((await auditOf(id)).length).toBe(eventsBefore);

    await outcome('edit changing nothing', call('patients.update', { id, ...fields, phone: '555-0199' }));
    expect((await auditOf(id)).length).toBe(eventsBefore);
    await outcome('edit taking a record number', call('patients.update', { id, ...fields, recordNumber: 'R-100' }));
    await outcome('edit of nobody', call('patients.update', { id: uuid(99), ...fields }));
    await outcome('get nobody', call('patients.get', { id: uuid(99) }));
    await outcome('edit without a version', call('patients.update', { id, ...fields, phone: '555-0199', lastName: 'Okafor-Reyes' }));
    note('changes passed on', core.changes);
    expect(core.changes).toEqual([
      { patientId: id, changed: ['phone'], at: expect.any(String) },
      { patientId: id, changed: ['lastName'], at: expect.any(String) },
    ]);
  });

  it.skipIf(skip)('rolls back a handler that fails part-way: neither the edit nor its audit event stays', async () => {
    const before = await patient(uuid(3));
    const eventsBefore = await auditOf(uuid(3));
    core.failNextChange = true;
    const { id, createdAt: _c, updatedAt: _u, rowVersion: _v, ...fields } = before!;
    const failed = await outcome('edit failing after the write', call('patients.update', { id, ...fields, city: 'Springfield' }));
    expect(failed).toMatchObject({ error: { code: 'internal' } });
    expect(await patient(uuid(3))).toEqual(before);
    expect(await auditOf(uuid(3))).toEqual(eventsBefore);
  });

  it.skipIf(skip)('wrote one audit event per call that succeeded, naming the actor and no patient details', async () => {
    for (const n of [1, 2, 3, 4, 99]) {
      const events = (await auditOf(uuid(n))).map(chainFieldsOf);
      note(`audit of patient ${n}`, events);
      for (const event of events) expect(event).toMatchObject({ actorId: 'staff-frontdesk', actorName: 'robin', subjectType: 'patient' });
    }
    expect((await auditOf(uuid(2))).map((e) => [e.action, e.detail])).toEqual([
      ['patient.created', ''],
      ['patient.viewed', ''],
      ['patient.updated', 'phone'],
      ['patient.updated', 'lastName'],
    ]);
    expect(await auditOf(uuid(99))).toEqual([]);
  });
});

describe.skipIf(!pgAvailable)(`both engines${pgSkipReason}`, () => {
  it('gave the same answers and audit events to the same calls', () => {
    const sqlite = transcripts.get('sqlite');
    const postgres = transcripts.get('postgres');
    expect(sqlite?.length).toBeGreaterThan(30);
    // Entry by entry first, so a difference names its step; then the whole, byte for byte.
    for (const [i, entry] of (sqlite ?? []).entries()) expect(postgres?.[i]).toEqual(entry);
    expect(JSON.stringify(postgres)).toBe(JSON.stringify(sqlite));
  });
});

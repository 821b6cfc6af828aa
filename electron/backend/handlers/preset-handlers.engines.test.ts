import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../shared/audit';
import { AppError } from '../../../shared/errors';
import type { StaffMember } from '../../../shared/staff';
import type { SessionCore } from '../engine-core';
import { chainFieldsOf, handlerOutcome, type HandlerOutcome, conformanceEngines } from '../store-engine/testing/conformance-transcript';
import { pgEngineUnderTest, sqliteEngineUnderTest, testStaff, type EngineUnderTest } from '../store-engine/testing/engines-under-test';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import { presetHandlers } from './preset-handlers';
import { auditHeadOf, dispatcherFor } from '../store-engine/testing/handler-harness';

/**
 * The scope presets' handlers, ported onto the store engine, run on BOTH
 * engines: an encrypted SQLite file and a real PostgreSQL (a throwaway
 * cluster). Sessions do not live in the store, so the test core names the
 * signed-in staff member. Every answer, error and audit event goes into a
 * transcript, with the audit chain's head after each call (read by an
 * append that is rolled back); the last test compares the two engines'
 * transcripts byte for byte.
 */

type Entry = [string, unknown];
const transcripts = new Map<string, Entry[]>();

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const staffAt = '2026-12-01T08:00:00.000Z';
const admin: StaffMember = { id: 'staff-admin', username: 'pat', displayName: 'Pat Privacy', role: 'admin', status: 'active', createdAt: staffAt, updatedAt: staffAt };

const scope = { contentKinds: ['before_after_images', 'first_name'], channels: ['instagram', 'website'], otherChannels: [], purposes: ['advertising'], otherPurposes: [] };

interface TestCore extends SessionCore {
  /** Make the next audit append fail (after the handler's own write in the same transaction). */
  failNextAudit: boolean;
}

function testCore(under: EngineUnderTest): TestCore {
  let nextId = 0;
  let minute = 0;
  const core: TestCore = {
    engine: under.engine,
    failNextAudit: false,
    timeZone: 'America/Chicago',
    today: () => '2026-12-01',
    nowIso: () => new Date(Date.UTC(2026, 11, 1, 9, minute++)).toISOString(),
    newId: () => uuid(++nextId),
    auditActor: () => {
      if (core.failNextAudit) {
        core.failNextAudit = false;
        throw new AppError('internal', 'Injected failure after the handler wrote.');
      }
      return { actorId: admin.id, actorName: admin.username };
    },
    requireSession: () => admin,
    async afterPatientChange() {
      throw new AppError('internal', 'No patient changes in the presets handlers.');
    },
    async afterConsentChange() {
      throw new AppError('internal', 'No consent changes in the presets handlers.');
    },
  };
  return core;
}

const engines = conformanceEngines;

describe.each(engines)('the scope presets handlers on $name', ({ name, skip }) => {
  const cluster = name === 'postgres' && !skip ? useThrowawayCluster() : null;
  let under: EngineUnderTest;
  let core: TestCore;
  const log: Entry[] = [];
  const note = (label: string, value: unknown) => log.push([label, JSON.parse(JSON.stringify(value ?? '(nothing)'))]);

  beforeAll(async () => {
    if (skip) return;
    if (name === 'sqlite') under = sqliteEngineUnderTest({ testTemplates: false });
    else {
      const pg = await pgEngineUnderTest(cluster!());
      under = pg;
      await pg.engine.write(async (tx) => {
        for (const s of testStaff) await pg.engine.records.staff.insertStaff(tx, { id: s.id, username: s.id, displayName: s.displayName, role: 'admin', status: 'active', createdAt: staffAt, updatedAt: staffAt });
      });
    }
    core = testCore(under);
  }, 180_000);
  afterAll(async () => {
    await under?.close();
    if (!skip) transcripts.set(name, log);
  });

  const call = dispatcherFor(presetHandlers, () => core);
  const head = () => auditHeadOf(under.engine, { at: staffAt, action: 'preset.created' });
  async function outcome(label: string, work: Promise<unknown>): Promise<HandlerOutcome> {
    const result = await handlerOutcome(work);
    note(label, result);
    note(`${label}: audit head`, await head());
    return result;
  }
  const auditOf = (subjectId: string) => under.engine.read((tx) => under.engine.records.audit.auditOfSubject(tx, subjectId)) as Promise<AuditEvent[]>;
  const versionsOf = (id: string) => under.engine.read((tx) => under.engine.records.practice.presets.presetVersions(tx, id));

  it.skipIf(skip)(`adds, changes and lists presets, refusing a name taken in any case${name === 'postgres' ? pgSkipReason : ''}`, async () => {
    await outcome('list with none', call('presets.list', {}));
    const first = await outcome('add a preset', call('presets.save', { name: 'Before-and-after photos, one year', scope, duration: { kind: 'months', months: 12 } }));
    expect(first).toEqual({ ok: expect.objectContaining({ id: uuid(1), version: 1, retired: false, createdByName: 'Pat Privacy' }) });
    const second = await outcome('change it', call('presets.save', { id: uuid(1), name: 'Before-and-after photos, one year', scope: { ...scope, channels: ['instagram'] }, duration: { kind: 'months', months: 12 } }));
    expect(second).toMatchObject({ ok: { id: uuid(1), version: 2, scope: { channels: ['instagram'] } } });
    await outcome('add another', call('presets.save', { name: 'quote on the website', scope: { ...scope, contentKinds: ['written_testimonial'], channels: ['website'] }, duration: { kind: 'none' } }));
    await outcome('add a third', call('presets.save', { name: 'Álbum de fotos', scope, duration: { kind: 'months', months: 6 } }));
    const twice = await outcome('a name taken', call('presets.save', { name: 'before-and-after photos, ONE year', scope, duration: { kind: 'none' } }));
    expect(twice).toMatchObject({ error: { code: 'conflict', issues: [{ path: 'name' }] } });
    const renamed = await outcome('a change taking another’s name', call('presets.save', { id: uuid(1), name: 'Quote on the website', scope, duration: { kind: 'none' } }));
    expect(renamed).toMatchObject({ error: { code: 'conflict', issues: [{ path: 'name' }] } });
    expect((await versionsOf(uuid(1))).length).toBe(2);
    const unknown = await outcome('change an unknown preset', call('presets.save', { id: uuid(99), name: 'Nobody', scope, duration: { kind: 'none' } }));
    expect(unknown).toMatchObject({ error: { code: 'not_found' } });
    await outcome('list', call('presets.list', {}));
    await outcome('versions', call('presets.versions', { id: uuid(1) }));
    await outcome('versions of an unknown preset', call('presets.versions', { id: uuid(99) }));
  });

  it.skipIf(skip)('retires a preset once, keeping its versions, and refuses changing a retired one', async () => {
    const retired = await outcome('retire', call('presets.retire', { id: uuid(1) }));
    expect(retired).toMatchObject({ ok: { version: 3, retired: true } });
    const before = await head();
    const again = await outcome('retire again', call('presets.retire', { id: uuid(1) }));
    expect(again).toMatchObject({ ok: { version: 3, retired: true } });
    expect(await head()).toEqual(before);
    const closed = await outcome('change a retired preset', call('presets.save', { id: uuid(1), name: 'x', scope, duration: { kind: 'none' } }));
    expect(closed).toMatchObject({ error: { code: 'conflict', message: 'This preset is retired. Add a new preset instead.' } });
    await outcome('retire an unknown preset', call('presets.retire', { id: uuid(99) }));
    // A retired preset's name is free again.
    await outcome('reuse the retired name', call('presets.save', { name: 'Before-and-after photos, one year', scope, duration: { kind: 'months', months: 3 } }));
    await outcome('versions after retiring', call('presets.versions', { id: uuid(1) }));
  });

  it.skipIf(skip)('rolls back a call that fails after its write: no version, no audit event', async () => {
    const headBefore = await head();
    const versionsBefore = await versionsOf(uuid(2));
    core.failNextAudit = true;
    const change = await outcome('change failing after the insert', call('presets.save', { id: uuid(2), name: 'Quote on the website', scope, duration: { kind: 'none' } }));
    expect(change).toMatchObject({ error: { code: 'internal' } });
    core.failNextAudit = true;
    const retire = await outcome('retire failing after the insert', call('presets.retire', { id: uuid(3) }));
    expect(retire).toMatchObject({ error: { code: 'internal' } });
    core.failNextAudit = true;
    const add = await outcome('add failing after the insert', call('presets.save', { name: 'Never kept', scope, duration: { kind: 'none' } }));
    expect(add).toMatchObject({ error: { code: 'internal' } });
    expect(await versionsOf(uuid(2))).toEqual(versionsBefore);
    expect((await versionsOf(uuid(3))).map((p) => p.retired)).toEqual([false]);
    expect((await call('presets.list', {})).some((p) => p.name === 'Never kept')).toBe(false);
    expect(await head()).toEqual(headBefore);
  });

  it.skipIf(skip)('wrote one audit event per change, naming the actor and the version', async () => {
    for (const n of [1, 2, 3, 4, 5, 6, 99]) note(`audit of preset ${n}`, (await auditOf(uuid(n))).map(chainFieldsOf));
    expect((await auditOf(uuid(1))).map((e) => [e.action, e.actorName, e.detail])).toEqual([
      ['preset.created', 'pat', '“Before-and-after photos, one year” version 1'],
      ['preset.changed', 'pat', '“Before-and-after photos, one year” version 2'],
      ['preset.retired', 'pat', '“Before-and-after photos, one year” version 3'],
    ]);
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

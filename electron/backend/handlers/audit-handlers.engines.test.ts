import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallOutput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { EngineCore } from '../engine-core';
import { pgEngineUnderTest, sqliteEngineUnderTest, testStaff, type EngineUnderTest } from '../store-engine/testing/engines-under-test';
import { conformanceEngines, handlerOutcome, normalise, type HandlerOutcome } from '../store-engine/testing/conformance-transcript';
import { auditHeadOf, dispatcherFor, failingAfterWork, type WriteFailureSwitch } from '../store-engine/testing/handler-harness';
import { createPgStaffRepository } from '../store-pg/pg-staff-repository';
import { patientRecord, postRecord, signatureOf, terms } from '../store-pg/testing/pg-fixtures';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import { auditEngineHandlers } from './audit-handlers';

/**
 * The audit trail's list and the chain's verification, ported onto the store
 * engine, run on BOTH engines: an encrypted SQLite file and a real
 * PostgreSQL (a throwaway cluster), over the same records and events written
 * through each engine's repositories: events about a staff member, a
 * patient (a name beyond ASCII), an authorization, a post, a testimonial, a
 * scope preset, a subject that is gone, and none. Every answer (each event
 * with its subject's name and its hash) and the chain's head after each call
 * go into a transcript; the last test compares the two engines' transcripts
 * byte for byte. A verification whose write fails after its event leaves no
 * event.
 */

type Entry = [string, unknown];
const transcripts = new Map<string, Entry[]>();

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (day: number, minute = 0) => new Date(Date.UTC(2026, 11, day, 15, minute)).toISOString();
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

const anh = uuid(1);
const consentId = uuid(2);
const presetId = uuid(3);

interface TestCore extends EngineCore, WriteFailureSwitch {}

function testCore(under: EngineUnderTest): TestCore {
  let minute = 0;
  const core: TestCore = {
    engine: failingAfterWork(under.engine, () => core),
    failNextWriteAfterWork: false,
    writes: 0,
    timeZone: 'America/Chicago',
    today: () => '2026-12-15',
    nowIso: () => new Date(Date.UTC(2026, 11, 15, 16, minute++)).toISOString(),
    newId: () => crypto.randomUUID(),
    auditActor: () => ({ actorId: 'staff-admin', actorName: 'staff-admin' }),
    async afterPatientChange() {
      throw new AppError('internal', 'No patient changes in the audit trail.');
    },
    async afterConsentChange() {
      throw new AppError('internal', 'No consent changes in the audit trail.');
    },
  };
  return core;
}

describe.each(conformanceEngines)('the audit handlers on $name', ({ name, skip }) => {
  const cluster = name === 'postgres' && !skip ? useThrowawayCluster() : null;
  let under: EngineUnderTest;
  let core: TestCore;
  const log: Entry[] = [];
  const note = (label: string, value: unknown) => log.push([label, normalise(value ?? '(nothing)')]);
  const call = dispatcherFor(auditEngineHandlers, () => core);

  beforeAll(async () => {
    if (skip) return;
    if (name === 'sqlite') {
      under = sqliteEngineUnderTest();
    } else {
      const pg = await pgEngineUnderTest(cluster!());
      under = pg;
      const staff = createPgStaffRepository(pg.cipher);
      await pg.engine.write(async (tx) => {
        for (const s of testStaff) await staff.insertStaff(tx, { id: s.id, username: s.id, displayName: s.displayName, role: 'admin', status: 'active', createdAt: at(1), updatedAt: at(1) });
      });
    }
    core = testCore(under);
    const r = under.engine.records;
    const pdf = Buffer.from('%PDF-1.7 authorization');
    await under.engine.write(async (tx) => {
      await r.patients.insertPatient(tx, { ...patientRecord({ firstName: 'Thị Ánh', lastName: 'Nguyễn', dateOfBirth: '1979-02-11' }, at(1)), id: anh });
      await r.consents.insertDraft(tx, { id: consentId, patientId: anh, templateId: 'template-1', terms: terms(), createdAt: at(1, 1), createdBy: 'staff-frontdesk' });
      await r.consents.recordPatientSignature(tx, consentId, signatureOf('Thị Ánh Nguyễn', 'The authorization text', at(1, 2)));
      await r.consents.finalizeAuthorization(tx, consentId, { witnessId: 'staff-admin', witnessedAt: at(1, 3), contentSha256: 'c'.repeat(64), pdf, pdfSha256: sha256(pdf) });
      await r.testimonials.insertTestimonial(tx, { id: 'testimonial-1', patientId: anh, title: 'Back on the stairs', quote: 'I can climb stairs again.', createdAt: at(1, 4), createdBy: 'staff-marketing' });
      await r.posts.insertPost(tx, postRecord({ id: 'post-1', testimonialId: 'testimonial-1', patientId: anh, consentId, caption: 'Back on the stairs!', at: at(1, 5) }), 'staff-marketing');
      for (const [version, presetName] of [[1, 'Social media, one year'], [2, 'Social media, a year']] as const) {
        await r.practice.presets.insertPresetVersion(tx, { id: presetId, version, name: presetName, scope: terms().scope, duration: { kind: 'months', months: 12 }, retired: false, createdAt: at(1, 5 + version), createdBy: 'staff-admin' });
      }
      const events: [string | null, string, string, string | null, string | null, number][] = [
        ['staff-admin', 'staff-admin', 'staff.created', 'staff', 'staff-frontdesk', 1],
        ['staff-frontdesk', 'staff-frontdesk', 'patient.created', 'patient', anh, 2],
        ['staff-frontdesk', 'staff-frontdesk', 'consent.witnessed', 'authorization', consentId, 3],
        ['staff-marketing', 'staff-marketing', 'testimonial.created', 'testimonial', 'testimonial-1', 4],
        ['staff-marketing', 'staff-marketing', 'post.created', 'post', 'post-1', 5],
        ['staff-admin', 'staff-admin', 'preset.saved', 'preset', presetId, 6],
        ['staff-frontdesk', 'staff-frontdesk', 'consent.draft_discarded', 'authorization', uuid(99), 7],
        [null, 'system', 'post.takedown_required', null, null, 8],
        [null, 'robin', 'session.sign_in_failed', null, null, 9],
      ];
      for (const [actorId, actorName, action, subjectType, subjectId, day] of events) {
        await r.audit.appendAudit(tx, { at: at(day), actorId, actorName, action: action as never, subjectType, subjectId, detail: `${action} on day ${day}` });
      }
    });
  }, 180_000);
  afterAll(async () => {
    await under?.close();
    if (!skip) transcripts.set(name, log);
  });

  const head = () => auditHeadOf(under.engine, { at: at(15, 59), action: 'audit.verified' });
  async function outcome(label: string, work: Promise<unknown>): Promise<HandlerOutcome> {
    const result = await handlerOutcome(work);
    note(label, result);
    note(`${label}: audit head`, await head());
    return result;
  }
  const okOf = <T,>(o: HandlerOutcome) => (o as { ok: T }).ok;

  it.skipIf(skip)(`lists the trail newest first, each subject named as it is called today${name === 'postgres' ? pgSkipReason : ''}`, async () => {
    const before = await head();
    const all = okOf<CallOutput<'audit.list'>>(await outcome('the newest page', call('audit.list', {})));
    expect(all.total).toBe(9);
    expect(all.events.map((e) => e.subjectName)).toEqual([
      null,
      null,
      null,
      'Scope preset “Social media, a year”',
      'Post on Facebook about Thị Ánh Nguyễn',
      'Testimonial “Back on the stairs”',
      'Authorization for Thị Ánh Nguyễn',
      'Thị Ánh Nguyễn',
      'Robin Reception (staff-frontdesk)',
    ]);
    // Listing is a read: nothing was appended.
    expect(await head()).toEqual(before);
    await outcome('a page of two before event 6', call('audit.list', { beforeSeq: 6, limit: 2 }));
    const byActor = okOf<CallOutput<'audit.list'>>(await outcome('by actor, any case', call('audit.list', { actor: 'STAFF-FRONTDESK' })));
    expect(byActor.events.map((e) => e.action)).toEqual(['consent.draft_discarded', 'consent.witnessed', 'patient.created']);
    await outcome('by actor, a page of one before its newest', call('audit.list', { actor: 'staff-frontdesk', limit: 1, beforeSeq: 7 }));
    await outcome('by action prefix', call('audit.list', { action: 'consent.' }));
    await outcome('by subject', call('audit.list', { subjectId: consentId }));
    await outcome('by days', call('audit.list', { from: '2026-12-03', to: '2026-12-05' }));
    await outcome('by everything', call('audit.list', { from: '2026-12-01', to: '2026-12-31', actor: 'staff-marketing', action: 'post', subjectId: 'post-1' }));
    expect(await outcome('a filter the contract refuses', call('audit.list', { limit: 501 }))).toMatchObject({ error: { code: 'validation' } });
  });

  it.skipIf(skip)('verifies the chain, the verification audited in a write of its own', async () => {
    const before = await head();
    const writes = core.writes;
    const verified = await outcome('verify', call('audit.verify', {}));
    expect(verified).toMatchObject({ ok: { intact: true, events: 9 } });
    expect(core.writes).toBe(writes + 1);
    expect((await head()).seq).toBe(before.seq + 1);
    const again = await outcome('verify again', call('audit.verify', {}));
    expect(again).toMatchObject({ ok: { intact: true, events: 10 } });
    const listed = okOf<CallOutput<'audit.list'>>(await outcome('the verifications listed', call('audit.list', { action: 'audit.verified' })));
    expect(listed.events.map((e) => e.detail)).toEqual(['intact, 10 events', 'intact, 9 events']);
  });

  it.skipIf(skip)('keeps no event of a verification whose write fails after its append, and answers nothing', async () => {
    const before = await head();
    core.failNextWriteAfterWork = true;
    expect(await outcome('verify failing after the append', call('audit.verify', {}))).toMatchObject({ error: { code: 'internal' } });
    expect(await head()).toEqual(before);
    expect(okOf<CallOutput<'audit.list'>>(await outcome('the verifications after the failure', call('audit.list', { action: 'audit.verified' }))).total).toBe(2);
  });
});

describe.skipIf(!pgAvailable)(`both engines${pgSkipReason}`, () => {
  it('gave the same pages, subjects, verifications and audit events to the same calls', () => {
    const sqlite = transcripts.get('sqlite');
    const postgres = transcripts.get('postgres');
    expect(sqlite?.length).toBeGreaterThan(25);
    // Entry by entry first, so a difference names its step; then the whole, byte for byte.
    for (const [i, entry] of (sqlite ?? []).entries()) expect(postgres?.[i]).toEqual(entry);
    expect(JSON.stringify(postgres)).toBe(JSON.stringify(sqlite));
  });
});

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { Patient } from '../../../shared/patients';
import type { StaffMember } from '../../../shared/staff';
import type { WorkGroup, WorkQueueKey } from '../../../shared/work-queues';
import type { SessionCore } from '../engine-core';
import { PgStoreEngine } from '../store-engine/pg-store-engine';
import type { StoreEngine, TransactionOptions } from '../store-engine/store-engine';
import { handlerOutcome, normalise, conformanceEngines, type HandlerOutcome } from '../store-engine/testing/conformance-transcript';
import { pgEngineUnderTest, sqliteEngineUnderTest, testStaff, type EngineUnderTest } from '../store-engine/testing/engines-under-test';
import { auditHeadOf, dispatcherFor } from '../store-engine/testing/handler-harness';
import type { FieldCipher } from '../store-pg/field-crypto';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import { postRecord, signatureOf, terms } from '../store-pg/testing/pg-fixtures';
import { workQueueHandlers } from './work-queue-handlers';

/**
 * The home screen's work queues, ported onto the store engine, run on BOTH
 * engines: an encrypted SQLite file and a real PostgreSQL (a throwaway
 * cluster). The authorizations and posts the queues list are written through
 * the engine's records; the test core names the signed-in person, so each
 * role sees its own groups. Every answer and refusal goes into a transcript,
 * with the audit chain's head (a read writes nothing); the last test compares
 * the engines' transcripts byte for byte. On PostgreSQL a second workstation
 * witnesses a consent while the queues are being read: the answer is of one
 * snapshot.
 */

type Entry = [string, unknown];
const transcripts = new Map<string, Entry[]>();

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute)).toISOString();
const today = '2026-12-10';
const timeZone = 'America/Chicago';
const staffAt = at(0);

const member = (id: string, role: StaffMember['role']): StaffMember => ({ id, username: id, displayName: testStaff.find((s) => s.id === id)!.displayName, role, status: 'active', createdAt: staffAt, updatedAt: staffAt });
const admin = member('staff-admin', 'admin');
const frontdesk = member('staff-frontdesk', 'frontdesk');
const marketing = member('staff-marketing', 'marketing');

const ofelia: Patient = { id: '5a1e0000-0000-4000-8000-000000000001', firstName: 'Ofelia', lastName: 'Zarathustra', dateOfBirth: '1961-04-03', recordNumber: null, phone: null, email: null, city: null, createdAt: at(0), updatedAt: at(0) };
const bruno: Patient = { ...ofelia, id: '5a1e0000-0000-4000-8000-000000000002', firstName: 'Bruno', lastName: 'Okafor', dateOfBirth: '1970-02-02' };

interface TestCore extends SessionCore {
  signedIn: StaffMember | null;
}

/**
 * The engine as the handler sees it: it counts the transactions it is asked
 * for (and their isolation), and a queue's read can be made to fail, or to
 * wait for other work, after the queues before it were read.
 */
function watchedEngine(engine: StoreEngine<unknown>) {
  const transactions: { kind: 'read' | 'write'; isolation: TransactionOptions['isolation'] | null }[] = [];
  const after: Partial<Record<'awaitingWitness' | 'eventsToRecord', () => Promise<void>>> = {};
  const queues = engine.records.programIncidents.workQueue;
  const watched: StoreEngine<unknown> = {
    kind: engine.kind,
    records: {
      ...engine.records,
      programIncidents: {
        ...engine.records.programIncidents,
        workQueue: {
          ...queues,
          async awaitingWitness(tx, limit) {
            const rows = await queues.awaitingWitness(tx, limit);
            await after.awaitingWitness?.();
            return rows;
          },
          async eventsToRecord(tx, limit) {
            await after.eventsToRecord?.();
            return queues.eventsToRecord(tx, limit);
          },
        },
      },
    },
    read: (fn, options) => {
      transactions.push({ kind: 'read', isolation: options?.isolation ?? null });
      return engine.read(fn, options);
    },
    write: (fn, options) => {
      transactions.push({ kind: 'write', isolation: options?.isolation ?? null });
      return engine.write(fn, options);
    },
    close: () => engine.close(),
  };
  return { engine: watched, transactions, after };
}

function testCore(engine: StoreEngine<unknown>): TestCore {
  const core: TestCore = {
    engine,
    signedIn: frontdesk,
    timeZone,
    today: () => today,
    nowIso: () => at(59),
    newId: () => {
      throw new AppError('internal', 'The work queues take no ids.');
    },
    auditActor: () => ({ actorId: core.signedIn?.id ?? null, actorName: core.signedIn?.username ?? 'system' }),
    requireSession: () => {
      if (!core.signedIn) throw new AppError('unauthorized', 'Sign in first.');
      return core.signedIn;
    },
    afterPatientChange: async () => {
      throw new AppError('internal', 'No patient changes in the work queues.');
    },
    afterConsentChange: async () => {
      throw new AppError('internal', 'No consent changes in the work queues.');
    },
  };
  return core;
}

const queueOf = (groups: WorkGroup[], key: WorkQueueKey) => groups.flatMap((g) => g.queues).find((q) => q.key === key)!;

describe.each(conformanceEngines)('the work queue handler on $name', ({ name, skip }) => {
  const cluster = name === 'postgres' && !skip ? useThrowawayCluster() : null;
  let under: EngineUnderTest;
  let watched: ReturnType<typeof watchedEngine>;
  let core: TestCore;
  let pgWorkstation: { appUrl: string; cipher: FieldCipher } | null = null;
  const log: Entry[] = [];
  const note = (label: string, value: unknown) => log.push([label, normalise(value)]);
  const head = () => auditHeadOf(under.engine, { at: at(59), action: 'program.status_viewed' });
  const call = dispatcherFor(workQueueHandlers, () => core);
  async function outcome(label: string, work: Promise<unknown>): Promise<HandlerOutcome> {
    const result = await handlerOutcome(work);
    note(label, result);
    return result;
  }

  beforeAll(async () => {
    if (skip) return;
    if (name === 'sqlite') {
      under = sqliteEngineUnderTest();
    } else {
      const pgUnder = await pgEngineUnderTest(cluster!());
      pgWorkstation = { appUrl: pgUnder.appUrl, cipher: pgUnder.cipher };
      under = pgUnder;
      await under.engine.write(async (tx) => {
        for (const s of testStaff) await under.engine.records.staff.insertStaff(tx, { id: s.id, username: s.id, displayName: s.displayName, role: 'admin', status: 'active', createdAt: staffAt, updatedAt: staffAt });
      });
    }
    // Authorizations at every stage, and posts in every state the queues list, written through the engine's records.
    const r = under.engine.records;
    const pdf = Buffer.from('%PDF-1.7 signed');
    await under.engine.write(async (tx) => {
      await r.patients.insertPatient(tx, ofelia);
      await r.patients.insertPatient(tx, bruno);
      await r.testimonials.insertTestimonial(tx, { id: 'testimonial-1', patientId: ofelia.id, title: 'Back on the trail', quote: 'I walk again.', createdAt: at(2), createdBy: 'staff-marketing' });
      const drafts: [string, string, ReturnType<typeof terms>][] = [
        ['auth-draft', ofelia.id, terms()],
        // Signed, waiting for the witness; until an event, so once witnessed it waits for the event to be recorded.
        ['auth-signed', bruno.id, terms({ kind: 'event', event: 'the end of my treatment' })],
        ['auth-soon', bruno.id, terms({ kind: 'date', date: '2026-12-20' })],
        ['auth-later', ofelia.id, terms({ kind: 'date', date: '2027-03-01' })],
        ['auth-event', bruno.id, terms({ kind: 'event', event: 'the end of treatment' })],
        ['auth-revoked', ofelia.id, terms()],
      ];
      for (const [i, [id, patientId, t]] of drafts.entries()) await r.consents.insertDraft(tx, { id, patientId, templateId: 'template-1', terms: t, createdAt: at(10 + i), createdBy: 'staff-frontdesk' });
      for (const [i, id] of ['auth-signed', 'auth-soon', 'auth-later', 'auth-event', 'auth-revoked'].entries()) {
        await r.consents.recordPatientSignature(tx, id, signatureOf(id === 'auth-later' || id === 'auth-revoked' ? 'Ofelia Zarathustra' : 'Bruno Okafor', 'Text shown', at(20 + i)));
      }
      for (const [i, id] of ['auth-later', 'auth-soon', 'auth-event', 'auth-revoked'].entries()) {
        await r.consents.finalizeAuthorization(tx, id, { witnessId: 'staff-admin', witnessedAt: at(30 + i), contentSha256: 'c'.repeat(64), pdf, pdfSha256: 'd'.repeat(64) });
      }
      await r.consents.recordRevocation(tx, 'auth-revoked', { receivedOn: '2026-12-01', method: 'in_person', note: 'At the desk', scan: null, scanType: null, scanSha256: null, revokedBy: 'staff-frontdesk', pdf, pdfSha256: 'e'.repeat(64), revokedAt: at(38) });

      const post = (id: string, patientId: string, minute: number) => postRecord({ id, testimonialId: 'testimonial-1', patientId, consentId: null, caption: `Caption of ${id}`, at: at(minute) });
      for (const [i, id] of ['post-draft', 'post-approved', 'post-review', 'post-down', 'post-up'].entries()) await r.posts.insertPost(tx, post(id, i % 2 ? bruno.id : ofelia.id, 40 + i), 'staff-marketing');
      await r.posts.setPostState(tx, 'post-approved', 'approved', at(45), { approvedBy: 'staff-admin', approvedAt: at(45) });
      for (const [i, id] of ['post-review', 'post-down', 'post-up'].entries()) {
        await r.posts.setPostState(tx, id, 'published', at(46 + i), { publishedAt: `2026-11-2${8 - i}`, publishedUrl: `https://facebook.example/${id}` });
      }
      await r.posts.setReview(tx, 'post-review', { at: at(51), reason: 'A parent’s authorization ended' });
      await r.posts.setPostState(tx, 'post-down', 'takedown_required', at(52), { takedownRequiredAt: at(52), takedownReason: 'Revoked' });
      await r.coverage.keepVerdict(tx, 'post-down', { covered: false, reasons: [{ code: 'revoked', message: 'Not covered.' }], changesOn: null });
      await r.coverage.keepVerdict(tx, 'post-up', { covered: false, reasons: [{ code: 'revoked', message: 'Not covered.' }], changesOn: null });
      await r.coverage.keepVerdict(tx, 'post-review', { covered: true, reasons: [], changesOn: null });
    });
    watched = watchedEngine(under.engine);
    core = testCore(watched.engine);
  }, 180_000);
  afterAll(async () => {
    await under?.close();
    if (!skip) transcripts.set(name, log);
  });

  it.skipIf(skip)(`shows each role its groups, each queue counted and listed in order${name === 'postgres' ? pgSkipReason : ''}`, async () => {
    const before = await head();
    core.signedIn = frontdesk;
    const front = (await outcome('front desk', call('home.workQueues', {}))) as { ok: WorkGroup[] };
    expect(front.ok.map((g) => g.key)).toEqual(['front_desk']);
    expect(queueOf(front.ok, 'drafts_to_sign')).toEqual({ key: 'drafts_to_sign', count: 1, items: [{ target: { kind: 'draft', id: 'auth-draft' }, patientName: 'Ofelia Zarathustra', channel: null, since: '2026-12-01', due: null }] });
    expect(queueOf(front.ok, 'awaiting_witness').items.map((i) => i.target)).toEqual([{ kind: 'authorization', id: 'auth-signed' }]);
    expect(queueOf(front.ok, 'expiring_soon').items.map((i) => [i.target.id, i.due])).toEqual([['auth-soon', '2026-12-20']]);
    expect(queueOf(front.ok, 'events_to_record').items.map((i) => i.target.id)).toEqual(['auth-event']);

    core.signedIn = marketing;
    const posts = (await outcome('marketing', call('home.workQueues', {}))) as { ok: WorkGroup[] };
    expect(posts.ok.map((g) => g.key)).toEqual(['marketing']);
    expect(posts.ok[0]!.queues.map((q) => [q.key, q.items.map((i) => i.target.id)])).toEqual([
      ['takedowns_required', ['post-down']],
      ['posts_to_review', ['post-review']],
      ['posts_to_approve', ['post-draft']],
      ['posts_to_publish', ['post-approved']],
    ]);

    core.signedIn = admin;
    const everything = (await outcome('admin', call('home.workQueues', {}))) as { ok: WorkGroup[] };
    expect(everything.ok.map((g) => g.key)).toEqual(['front_desk', 'marketing', 'privacy']);
    expect(queueOf(everything.ok, 'live_without_coverage').items.map((i) => [i.target.id, i.channel, i.since])).toEqual([
      ['post-up', 'facebook', '2026-11-26'],
      ['post-down', 'facebook', '2026-11-27'],
    ]);
    expect(queueOf(everything.ok, 'revocations_recent').items).toEqual([{ target: { kind: 'authorization', id: 'auth-revoked' }, patientName: 'Ofelia Zarathustra', channel: null, since: '2026-12-01', due: null }]);

    core.signedIn = null;
    expect(await outcome('signed out', call('home.workQueues', {}))).toMatchObject({ error: { code: 'unauthorized' } });
    // One read transaction per call (one snapshot), nothing written: the audit chain's head has not moved.
    expect(watched.transactions).toEqual(Array.from({ length: 3 }, () => ({ kind: 'read', isolation: 'repeatable read' })));
    expect(await head()).toEqual(before);
    note('audit head', await head());
  });

  it.skipIf(skip)('counts every draft but lists the first ten, oldest change first', async () => {
    await under.engine.write(async (tx) => {
      for (let i = 0; i < 11; i++) await under.engine.records.consents.insertDraft(tx, { id: `auth-more-${String(i).padStart(2, '0')}`, patientId: bruno.id, templateId: 'template-1', terms: terms(), createdAt: new Date(Date.UTC(2026, 11, 2, 9, i)).toISOString(), createdBy: 'staff-frontdesk' });
    });
    core.signedIn = frontdesk;
    const drafts = queueOf(((await outcome('twelve drafts', call('home.workQueues', {}))) as { ok: WorkGroup[] }).ok, 'drafts_to_sign');
    expect(drafts.count).toBe(12);
    expect(drafts.items.map((i) => i.target.id)).toEqual(['auth-draft', ...Array.from({ length: 9 }, (_v, i) => `auth-more-0${i}`)]);
  });

  it.skipIf(skip)('answers an error, and writes nothing, when a queue fails after the ones before it were read', async () => {
    const before = await head();
    const transactions = watched.transactions.length;
    core.signedIn = admin;
    watched.after.eventsToRecord = async () => {
      throw new AppError('internal', 'Injected failure after three queues were read.');
    };
    try {
      expect(await outcome('a queue failing', call('home.workQueues', {}))).toEqual({ error: { code: 'internal', message: 'Injected failure after three queues were read.' } });
    } finally {
      delete watched.after.eventsToRecord;
    }
    expect(watched.transactions.slice(transactions)).toEqual([{ kind: 'read', isolation: 'repeatable read' }]);
    expect(await head()).toEqual(before);
    expect(await outcome('the queues again', call('home.workQueues', {}))).toMatchObject({ ok: [{ key: 'front_desk' }, { key: 'marketing' }, { key: 'privacy' }] });
  });

  it.skipIf(skip || name === 'sqlite')('reads every queue in one snapshot: a consent another workstation witnesses meanwhile is in one queue, not two', async () => {
    // The other workstation: its own engine and pool on the same database.
    const other = new PgStoreEngine(new pg.Pool({ connectionString: pgWorkstation!.appUrl, max: 2 }), pgWorkstation!.cipher);
    try {
      core.signedIn = frontdesk;
      watched.after.awaitingWitness = async () => {
        await other.write((tx) => other.records.consents.finalizeAuthorization(tx, 'auth-signed', { witnessId: 'staff-admin', witnessedAt: at(58), contentSha256: 'c'.repeat(64), pdf: Buffer.from('%PDF-1.7 witnessed'), pdfSha256: 'f'.repeat(64) }));
      };
      const during = ((await handlerOutcome(call('home.workQueues', {}))) as { ok: WorkGroup[] }).ok;
      delete watched.after.awaitingWitness;
      expect(queueOf(during, 'awaiting_witness').items.map((i) => i.target.id)).toEqual(['auth-signed']);
      expect(queueOf(during, 'events_to_record').items.map((i) => i.target.id)).toEqual(['auth-event']);
      const afterwards = ((await handlerOutcome(call('home.workQueues', {}))) as { ok: WorkGroup[] }).ok;
      expect(queueOf(afterwards, 'awaiting_witness').count).toBe(0);
      expect(queueOf(afterwards, 'events_to_record').items.map((i) => i.target.id)).toEqual(['auth-event', 'auth-signed']);
    } finally {
      delete watched.after.awaitingWitness;
      await other.close();
    }
  });
});

describe.skipIf(!pgAvailable)(`both engines${pgSkipReason}`, () => {
  it('gave the same answers and refusals to the same calls', () => {
    const sqlite = transcripts.get('sqlite');
    const postgres = transcripts.get('postgres');
    expect(sqlite?.length).toBeGreaterThan(6);
    // Entry by entry first, so a difference names its step; then the whole, byte for byte.
    for (const [i, entry] of (sqlite ?? []).entries()) expect(postgres?.[i]).toEqual(entry);
    expect(JSON.stringify(postgres)).toBe(JSON.stringify(sqlite));
  });
});

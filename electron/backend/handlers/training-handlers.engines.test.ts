import crypto from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../shared/audit';
import { contract, type CallOutput, type ParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { programLanguages } from '../../../shared/program-language';
import type { StaffMember } from '../../../shared/staff';
import type { SessionCore } from '../engine-core';
import type { StoreEngine } from '../store-engine/store-engine';
import { chainFieldsOf, handlerOutcome, type HandlerOutcome, conformanceEngines } from '../store-engine/testing/conformance-transcript';
import { pgEngineUnderTest, sqliteEngineUnderTest, type EngineUnderTest } from '../store-engine/testing/engines-under-test';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import { photoWithGps } from '../testing/fixture-photo';
import { trainingHandlers } from './training-handlers';

/**
 * The training and quiz handlers, ported onto the store engine, run on BOTH
 * engines: an encrypted SQLite file and a real PostgreSQL (a throwaway
 * cluster), with real materials cleaned by pdf-lib and sharp. Every answer
 * and every audit event the engine committed goes into a transcript; the
 * last test compares the two engines' transcripts byte for byte. Ids and
 * instants are fixed so they can be equal.
 */

type TrainingCall = keyof typeof trainingHandlers;
type Entry = [string, unknown];
const transcripts = new Map<string, Entry[]>();

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const today = '2026-12-01';
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

const member = (n: number, displayName: string, role: StaffMember['role'], status: StaffMember['status'] = 'active', createdAt = '2026-06-01T08:00:00.000Z'): StaffMember => ({
  id: uuid(n),
  username: displayName.split(' ')[0]!.toLowerCase(),
  displayName,
  role,
  status,
  createdAt,
  updatedAt: createdAt,
});
const pat = member(901, 'Pat Privacy', 'admin');
const fran = member(902, 'fran Front', 'frontdesk');
const mo = member(903, 'Mo Market', 'marketing');
const dana = member(904, 'Dana Gone', 'frontdesk', 'disabled');
/** Joins tomorrow (in the practice's time zone): listed among the people, not yet among the statuses. */
const zed = member(905, 'Zed New', 'marketing', 'active', '2026-12-02T12:00:00.000Z');
const staff = [pat, fran, mo, dana, zed];

/** The handout, drawn once so both engines keep the same bytes. */
const handout = (async () => {
  const doc = await PDFDocument.create();
  doc.setCreationDate(new Date('2026-11-01T00:00:00.000Z'));
  doc.setModificationDate(new Date('2026-11-01T00:00:00.000Z'));
  doc.addPage([612, 792]).drawText('Social media and patient privacy: the rules', { x: 72, y: 700 });
  return Buffer.from(await doc.save());
})();
const text = (words: string) => Buffer.from(`${words}\n`).toString('base64');

interface TestCore extends SessionCore {
  /** Every id handed out, in order (the failing calls' ids, to show nothing stayed under them). */
  issued: string[];
}

function testCore(engine: StoreEngine<unknown>): TestCore {
  let ids = 100;
  let minute = 0;
  const issued: string[] = [];
  return {
    engine,
    issued,
    today: () => today,
    timeZone: 'America/Chicago',
    nowIso: () => new Date(Date.UTC(2026, 11, 1, 15, minute++)).toISOString(),
    newId: () => {
      const id = uuid(++ids);
      issued.push(id);
      return id;
    },
    auditActor: () => ({ actorId: pat.id, actorName: pat.username }),
    requireSession: () => pat,
    afterPatientChange: async () => {
      throw new AppError('internal', 'No patient changes in the training handlers.');
    },
    afterConsentChange: async () => {
      throw new AppError('internal', 'No consent changes in the training handlers.');
    },
  };
}

/**
 * The engine as the handlers see it, keeping every audit event a committed
 * write appended (a write that fails keeps none of its own), and able to make
 * the append of one action fail: a call that wrote its records and then fails
 * before it ends.
 */
function recordingEngine(engine: StoreEngine<unknown>) {
  const committed: AuditEvent[] = [];
  let pending: AuditEvent[] = [];
  const failing = new Set<string>();
  const wrapped: StoreEngine<unknown> = {
    kind: engine.kind,
    records: {
      ...engine.records,
      audit: {
        ...engine.records.audit,
        async appendAudit(tx, entry) {
          if (failing.has(entry.action)) throw new AppError('internal', `Injected failure at ${entry.action}, after the records were written.`);
          const event = await engine.records.audit.appendAudit(tx, entry);
          pending.push(event);
          return event;
        },
      },
    },
    read: (fn, options) => engine.read(fn, options),
    async write(fn, options) {
      const result = await engine.write(async (tx) => {
        pending = []; // a retried transaction (PostgreSQL) starts again
        return fn(tx);
      }, options);
      committed.push(...pending);
      pending = [];
      return result;
    },
    close: () => engine.close(),
  };
  return { engine: wrapped, committed, failing };
}

const engines = conformanceEngines;

describe.each(engines)('the training handlers on $name', ({ name, skip }) => {
  const cluster = name === 'postgres' && !skip ? useThrowawayCluster() : null;
  let under: EngineUnderTest;
  let recording: ReturnType<typeof recordingEngine>;
  let core: TestCore;
  const log: Entry[] = [];
  const note = (label: string, value: unknown) => log.push([label, JSON.parse(JSON.stringify(value ?? '(nothing)'))]);
  let photo: Buffer;
  let pdf: Buffer;

  beforeAll(async () => {
    if (skip) return;
    under = name === 'sqlite' ? sqliteEngineUnderTest({ staff: false }) : await pgEngineUnderTest(cluster!());
    await under.engine.write(async (tx) => {
      for (const s of staff) await under.engine.records.staff.insertStaff(tx, s);
    });
    recording = recordingEngine(under.engine);
    core = testCore(recording.engine);
    photo = await photoWithGps();
    pdf = await handout;
  });
  afterAll(async () => {
    await under?.close();
    if (!skip) transcripts.set(name, log);
  });

  /** A call as the dispatcher makes it: input through the contract's schema (defaults, trimming), then the handler. */
  async function call<K extends TrainingCall>(callName: K, input: unknown): Promise<CallOutput<K>> {
    const parsed = contract[callName].input.parse(input) as ParsedInput<K>;
    const handler = trainingHandlers[callName] as (core: SessionCore, input: ParsedInput<K>) => Promise<CallOutput<K>>;
    return handler(core, parsed);
  }
  async function outcome(label: string, work: Promise<unknown>): Promise<HandlerOutcome> {
    const result = await handlerOutcome(work);
    note(label, result);
    return result;
  }
  const training = () => under.engine.records.programReviews.training;
  const sessions = () => under.engine.read((tx) => training().listTrainingSessions(tx));
  const auditOf = (subjectId: string) => under.engine.read((tx) => under.engine.records.audit.auditOfSubject(tx, subjectId)) as Promise<AuditEvent[]>;
  const overview = () => call('training.overview', {});
  const base = { heldOn: '2026-11-30', topic: 'Social media and patient privacy', trainer: 'Pat Privacy', notes: 'Covered the quiz questions.' };

  it.skipIf(skip)(`records a session with its attendees and materials, and each person's status${name === 'postgres' ? pgSkipReason : ''}`, async () => {
    const before = await outcome('overview, empty', overview());
    expect(before).toMatchObject({ ok: { cycleMonths: 12, sessions: [] } });
    const first = (before as { ok: CallOutput<'training.overview'> }).ok;
    expect(first.staff.map((s) => s.displayName)).toEqual(['fran Front', 'Mo Market', 'Pat Privacy']);
    expect(first.people.map((s) => s.displayName)).toEqual(['fran Front', 'Mo Market', 'Pat Privacy', 'Zed New']);

    const recorded = await outcome(
      'record, three materials',
      call('training.record', {
        ...base,
        attendeeIds: [mo.id, fran.id, mo.id],
        materials: [
          { fileName: 'handout.pdf', base64: pdf.toString('base64') },
          { fileName: 'sign-in sheet.jpg', base64: photo.toString('base64') },
          { fileName: 'notes.txt', base64: text('Attendance: 2') },
        ],
      }),
    );
    expect(recorded).toMatchObject({
      ok: {
        id: uuid(101),
        attendees: [{ displayName: 'fran Front' }, { displayName: 'Mo Market' }],
        materials: [{ id: uuid(102), mimeType: 'application/pdf' }, { id: uuid(103), mimeType: 'image/jpeg' }, { id: uuid(104), mimeType: 'text/plain' }],
        recordedByName: 'Pat Privacy',
        voidedAt: null,
      },
    });
    await outcome('record, later the same day, no materials', call('training.record', { ...base, heldOn: today, topic: 'Replying to reviews', attendeeIds: [pat.id] }));

    const after = await outcome('overview, two sessions', overview());
    expect(after).toMatchObject({ ok: { sessions: [{ heldOn: today }, { heldOn: '2026-11-30' }] } });
    const statuses = (after as { ok: CallOutput<'training.overview'> }).ok.staff;
    expect(statuses.find((s) => s.staffId === mo.id)?.status).toMatchObject({ state: 'current', lastTrainedOn: '2026-11-30' });
  });

  it.skipIf(skip)('refuses a future session, attendees who are not active staff and damaged material: nothing written, nothing audited', async () => {
    const sessionsBefore = await sessions();
    const issuedBefore = core.issued.length;
    const eventsBefore = recording.committed.length;
    const future = await outcome('record, held tomorrow', call('training.record', { ...base, heldOn: '2026-12-02', attendeeIds: [mo.id] }));
    expect(future).toMatchObject({ error: { code: 'validation', issues: [{ path: 'heldOn' }] } });
    const disabled = await outcome('record, a disabled attendee', call('training.record', { ...base, attendeeIds: [mo.id, dana.id] }));
    expect(disabled).toMatchObject({ error: { code: 'validation', issues: [{ path: 'attendeeIds' }] } });
    const unknown = await outcome('record, an unknown attendee', call('training.record', { ...base, attendeeIds: [uuid(999)] }));
    expect(unknown).toMatchObject({ error: { code: 'validation', issues: [{ path: 'attendeeIds' }] } });
    const renamed = await outcome('record, text named a PDF', call('training.record', { ...base, attendeeIds: [mo.id], materials: [{ fileName: 'notes.txt', base64: text('fine') }, { fileName: 'slides.pdf', base64: text('just text') }] }));
    expect(renamed).toMatchObject({ error: { code: 'validation', issues: [{ path: 'materials.1' }] } });
    const cut = await outcome('add, a cut photo', call('training.addMaterial', { sessionId: uuid(101), material: { fileName: 'sheet.jpg', base64: photo.subarray(0, 2000).toString('base64') } }));
    expect(cut).toMatchObject({ error: { code: 'validation', message: expect.stringMatching(/damaged or incomplete/) } });
    expect(await sessions()).toEqual(sessionsBefore);
    expect(core.issued.length).toBe(issuedBefore);
    expect(recording.committed.length).toBe(eventsBefore);
  });

  it.skipIf(skip)('adds materials up to ten, exports them as kept, and refuses an unknown session or material', async () => {
    for (let i = 1; i <= 7; i++) {
      const added = await outcome(`add material ${i}`, call('training.addMaterial', { sessionId: uuid(101), material: { fileName: `page ${i}.txt`, base64: text(`Page ${i}`) } }));
      expect(added).toMatchObject({ ok: { id: uuid(101) } });
    }
    expect((await sessions()).find((s) => s.id === uuid(101))?.materials).toHaveLength(10);
    const full = await outcome('add an eleventh', call('training.addMaterial', { sessionId: uuid(101), material: { fileName: 'one more.txt', base64: text('More') } }));
    expect(full).toMatchObject({ error: { code: 'conflict', message: 'A session keeps at most 10 materials.' } });
    const nowhere = await outcome('add to nobody', call('training.addMaterial', { sessionId: uuid(998), material: { fileName: 'x.txt', base64: text('x') } }));
    expect(nowhere).toMatchObject({ error: { code: 'not_found' } });

    const exported = await call('training.material', { id: uuid(102) });
    expect(Buffer.from(exported.base64, 'base64').equals(pdf)).toBe(true);
    note('export the handout', { ...exported, base64: sha256(Buffer.from(exported.base64, 'base64')) });
    const sheet = await call('training.material', { id: uuid(103) });
    expect(Buffer.from(sheet.base64, 'base64').equals(photo)).toBe(false); // re-encoded without its EXIF
    expect(sheet.sha256).toBe(sha256(Buffer.from(sheet.base64, 'base64')));
    note('export the sign-in sheet', { ...sheet, base64: sha256(Buffer.from(sheet.base64, 'base64')) });
    await outcome('export nothing', call('training.material', { id: uuid(997) }));
  });

  it.skipIf(skip)('voids a session once, changes the cycle, and records quizzes in each person’s status', async () => {
    const voided = await outcome('void', call('training.void', { id: uuid(101), reason: 'Recorded on the wrong day.' }));
    expect(voided).toMatchObject({ ok: { id: uuid(101), voidReason: 'Recorded on the wrong day.', voidedAt: expect.any(String) } });
    const again = await outcome('void again', call('training.void', { id: uuid(101), reason: 'Again, by mistake.' }));
    expect(again).toMatchObject({ error: { code: 'conflict', message: 'This session is void already.' } });
    await outcome('void nobody', call('training.void', { id: uuid(996), reason: 'No such session.' }));

    expect(await outcome('cycle of 6 months', call('training.setCycle', { cycleMonths: 6 }))).toEqual({ ok: { cycleMonths: 6 } });

    const form = await outcome('quiz form, Spanish', call('quiz.form', { language: 'es' }));
    expect(JSON.stringify(form)).not.toContain('explanation');
    const right = Object.fromEntries(programLanguages.en.quiz.questions.map((q) => [q.id, q.answer]));
    const passed = await outcome('quiz, all right', call('quiz.submit', { language: 'en', answers: right }));
    expect(passed).toMatchObject({ ok: { correct: 12, total: 12, passed: true } });
    await outcome('quiz, three wrong', call('quiz.submit', { language: 'es', answers: { ...right, deadline: 3, unsure: 0, 'reply-name-care': 0, ghost: 1 } }));

    const after = await outcome('overview, voided, 6 months, quizzes', overview());
    const ok = (after as { ok: CallOutput<'training.overview'> }).ok;
    expect(ok.cycleMonths).toBe(6);
    expect(ok.staff.find((s) => s.staffId === mo.id)?.status.lastTrainedOn).toBeNull();
    expect(ok.staff.find((s) => s.staffId === pat.id)).toMatchObject({ status: { lastTrainedOn: today }, lastQuiz: { correct: 9, passed: false } });
  });

  it.skipIf(skip)('rolls back a call that fails after its writes: neither the records nor their audit events stay', async () => {
    const sessionsBefore = await sessions();
    const quizzesBefore = await under.engine.read((tx) => training().listQuizResults(tx));
    const eventsBefore = recording.committed.length;
    const issuedBefore = core.issued.length;
    const fail = async (action: string, label: string, work: () => Promise<unknown>) => {
      recording.failing.add(action);
      try {
        const failed = await outcome(label, work());
        expect(failed).toMatchObject({ error: { code: 'internal', message: `Injected failure at ${action}, after the records were written.` } });
      } finally {
        recording.failing.delete(action);
      }
    };
    // The session, its first audit event and its material were written when the material's event fails.
    await fail('training.material_added', 'record failing after its material', () => call('training.record', { ...base, topic: 'Never kept', attendeeIds: [fran.id], materials: [{ fileName: 'kept?.txt', base64: text('No') }] }));
    await fail('training.material_added', 'add failing after the material', () => call('training.addMaterial', { sessionId: uuid(105), material: { fileName: 'kept?.txt', base64: text('No') } }));
    await fail('training.voided', 'void failing after the void', () => call('training.void', { id: sessionsBefore[0]!.id, reason: 'Should not stay void.' }));
    await fail('training.cycle_changed', 'cycle failing after the change', () => call('training.setCycle', { cycleMonths: 3 }));
    await fail('quiz.taken', 'quiz failing after the result', () => call('quiz.submit', { language: 'en', answers: {} }));
    await fail('training.material_exported', 'export failing', () => call('training.material', { id: uuid(104) }));

    expect(await sessions()).toEqual(sessionsBefore);
    expect(await under.engine.read((tx) => training().listQuizResults(tx))).toEqual(quizzesBefore);
    expect((await overview()).cycleMonths).toBe(6);
    expect(recording.committed.length).toBe(eventsBefore);
    const unkept = core.issued.slice(issuedBefore);
    note('ids of the failed calls', unkept);
    expect(unkept).toHaveLength(4); // a session and its material, a material, a quiz result
    for (const id of unkept) {
      expect(await auditOf(id)).toEqual([]);
      expect(await under.engine.read((tx) => training().getTrainingMaterial(tx, id))).toBeNull();
    }
  });

  it.skipIf(skip)('kept one audit event per change, in one chain, naming the actor', async () => {
    const events = recording.committed.map(chainFieldsOf);
    note('every audit event', events);
    expect(events.map((e) => e.seq)).toEqual(events.map((_e, i) => events[0]!.seq + i));
    for (const event of events) expect(event).toMatchObject({ actorId: pat.id, actorName: 'pat' });
    expect(recording.committed.map((e) => e.action)).toEqual([
      'training.recorded',
      'training.material_added',
      'training.material_added',
      'training.material_added',
      'training.recorded',
      ...Array<string>(7).fill('training.material_added'),
      'training.material_exported',
      'training.material_exported',
      'training.voided',
      'training.cycle_changed',
      'quiz.taken',
      'quiz.taken',
    ]);
    // What the store holds about each subject is what the committed writes appended.
    for (const subject of [uuid(101), uuid(105), pat.id]) {
      const held = (await auditOf(subject)).map(chainFieldsOf);
      note(`audit of ${subject}`, held);
      expect(held).toEqual(events.filter((e) => e.subjectId === subject));
    }
    expect((await auditOf(uuid(101))).map((e) => e.detail)).toEqual([
      '2026-11-30; 2 attendee(s)',
      expect.stringMatching(/^application\/pdf, \d+ bytes, SHA-256 [0-9a-f]{64}$/),
      expect.stringMatching(/^image\/jpeg, \d+ bytes, SHA-256 [0-9a-f]{64}$/),
      `text/plain, 14 bytes, SHA-256 ${sha256(Buffer.from('Attendance: 2\n'))}`,
      ...Array<unknown>(7).fill(expect.stringMatching(/^text\/plain, 7 bytes/)),
      `SHA-256 ${sha256(pdf)}`,
      expect.stringMatching(/^SHA-256 [0-9a-f]{64}$/),
      'Recorded on the wrong day.',
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

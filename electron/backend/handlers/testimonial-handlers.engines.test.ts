import crypto from 'node:crypto';
import { chainFieldsOf, handlerOutcome, type HandlerOutcome } from '../store-engine/testing/conformance-transcript';
import fs from 'node:fs';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type CallOutput, type ParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { AuditEvent } from '../../../shared/audit';
import type { Patient } from '../../../shared/patients';
import type { EngineCore } from '../engine-core';
import { photoWithGps } from '../testing/fixture-photo';
import type { StoreEngine } from '../store-engine/store-engine';
import { pgEngineUnderTest, sqliteEngineUnderTest, type EngineUnderTest } from '../store-engine/testing/engines-under-test';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import { signatureOf, terms } from '../store-pg/testing/pg-fixtures';
import { testimonialEngineHandlers } from './testimonial-handlers';

/**
 * The testimonials and media handlers, ported onto the store engine, run on
 * BOTH engines: an encrypted SQLite file and a real PostgreSQL (a throwaway
 * cluster), with real photos cleaned by sharp. Every answer and every audit
 * event goes into a transcript; the last test compares the two engines'
 * transcripts byte for byte. Ids and instants are fixed so they can be equal.
 */

type TestimonialCall = keyof typeof testimonialEngineHandlers;
type Entry = [string, unknown];
const transcripts = new Map<string, Entry[]>();

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 9, minute)).toISOString();
const today = '2026-12-01';
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

interface TestCore extends EngineCore {
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
    nowIso: () => new Date(Date.UTC(2026, 11, 1, 9, minute++)).toISOString(),
    newId: () => {
      const id = uuid(++ids);
      issued.push(id);
      return id;
    },
    auditActor: () => ({ actorId: 'staff-marketing', actorName: 'morgan' }),
    afterPatientChange: async () => {},
    afterConsentChange: async () => {},
  };
}

/** The same engine, whose audit appends fail: a call that wrote its record and then fails before it ends. */
function withFailingAudit(engine: StoreEngine<unknown>): StoreEngine<unknown> {
  return {
    kind: engine.kind,
    records: {
      ...engine.records,
      audit: {
        ...engine.records.audit,
        appendAudit: async () => {
          throw new AppError('internal', 'Injected failure after the record was written.');
        },
      },
    },
    read: (fn, options) => engine.read(fn, options),
    write: (fn, options) => engine.write(fn, options),
    close: () => engine.close(),
  };
}


const engines: { name: 'sqlite' | 'postgres'; skip: boolean }[] = [
  { name: 'sqlite', skip: false },
  { name: 'postgres', skip: !pgAvailable },
];

const patient = (n: number, fields: Pick<Patient, 'firstName' | 'lastName' | 'dateOfBirth'>): Patient => ({
  id: uuid(n),
  recordNumber: null,
  phone: null,
  email: null,
  city: null,
  createdAt: at(n),
  updatedAt: at(n),
  ...fields,
});
const ofelia = patient(1, { firstName: 'Ofelia', lastName: 'Marchetti', dateOfBirth: '1969-03-11' });
const bruno = patient(2, { firstName: 'Bruno', lastName: 'Okafor', dateOfBirth: '1990-07-30' });
const maria = patient(3, { firstName: 'María José', lastName: 'García-López', dateOfBirth: '1984-05-06' });
const zoe = patient(4, { firstName: 'Zoë', lastName: 'Marchetti', dateOfBirth: '1999-01-02' });

const pdfOf = (text: string) => Buffer.from(`%PDF-1.7\n% ${text}\n%%EOF\n`);

/** Some 24-byte windows of `bytes` found in `haystack` (none, for bytes sealed before they were stored). */
function windowsFound(haystack: Buffer, bytes: Buffer): number {
  let found = 0;
  for (let offset = 0; offset + 24 <= bytes.length; offset += 997) if (haystack.includes(bytes.subarray(offset, offset + 24))) found += 1;
  return found;
}

describe.each(engines)('the testimonials handlers on $name', ({ name, skip }) => {
  const cluster = name === 'postgres' && !skip ? useThrowawayCluster() : null;
  let under: EngineUnderTest & { pool?: pg.Pool; file?: string };
  let core: TestCore;
  const log: Entry[] = [];
  const note = (label: string, value: unknown) => log.push([label, JSON.parse(JSON.stringify(value ?? '(nothing)'))]);
  let photo: Buffer;

  beforeAll(async () => {
    if (skip) return;
    under = name === 'sqlite' ? sqliteEngineUnderTest() : await pgEngineUnderTest(cluster!());
    core = testCore(under.engine);
    photo = await photoWithGps();
    const r = under.engine.records;
    const signAndWitness = async (tx: unknown, id: string, who: Patient, minute: number) => {
      await r.consents.insertDraft(tx, { id, patientId: who.id, templateId: 'template-1', terms: terms(), createdAt: at(minute), createdBy: 'staff-frontdesk' });
      await r.consents.recordPatientSignature(tx, id, signatureOf(`${who.firstName} ${who.lastName}`, `Authorization text for ${who.lastName}`, at(minute + 1)));
      const pdf = pdfOf(`signed authorization ${id}`);
      await r.consents.finalizeAuthorization(tx, id, { witnessId: 'staff-admin', witnessedAt: at(minute + 2), contentSha256: 'c'.repeat(64), pdf, pdfSha256: sha256(pdf) });
    };
    await under.engine.write(async (tx) => {
      for (const p of [ofelia, bruno, maria, zoe]) await r.patients.insertPatient(tx, p);
      // Ofelia: two final consents; Bruno: one signed, not yet witnessed, and a draft; María: final, then revoked; Zoë: none.
      await signAndWitness(tx, 'auth-ofelia-1', ofelia, 10);
      await signAndWitness(tx, 'auth-ofelia-2', ofelia, 20);
      await r.consents.insertDraft(tx, { id: 'auth-bruno-1', patientId: bruno.id, templateId: 'template-1', terms: terms({ kind: 'event', event: 'the end of treatment' }), createdAt: at(30), createdBy: 'staff-frontdesk' });
      await r.consents.recordPatientSignature(tx, 'auth-bruno-1', signatureOf('Bruno Okafor', 'Authorization text for Okafor', at(31)));
      await r.consents.insertDraft(tx, { id: 'auth-bruno-2', patientId: bruno.id, templateId: 'template-1', terms: terms(), createdAt: at(32), createdBy: 'staff-frontdesk' });
      await signAndWitness(tx, 'auth-maria', maria, 40);
      const pdf = pdfOf('revocation acknowledgment');
      await r.consents.recordRevocation(tx, 'auth-maria', {
        revokedAt: at(50),
        receivedOn: '2026-11-20',
        method: 'in_person',
        note: 'At the front desk',
        scan: null,
        scanType: null,
        scanSha256: null,
        revokedBy: 'staff-frontdesk',
        pdf,
        pdfSha256: sha256(pdf),
      });
    });
  });
  afterAll(async () => {
    await under?.close();
    if (!skip) transcripts.set(name, log);
  });

  /** A call as the dispatcher makes it: input through the contract's schema (defaults, trimming), then the handler. */
  async function call<K extends TestimonialCall>(callName: K, input: unknown, on: EngineCore = core): Promise<CallOutput<K>> {
    const parsed = contract[callName].input.parse(input) as ParsedInput<K>;
    const handler = testimonialEngineHandlers[callName] as (core: EngineCore, input: ParsedInput<K>) => Promise<CallOutput<K>>;
    return handler(on, parsed);
  }
  async function outcome(label: string, work: Promise<unknown>): Promise<HandlerOutcome> {
    const result = await handlerOutcome(work);
    note(label, result);
    return result;
  }
  const auditOf = (subjectId: string) => under.engine.read((tx) => under.engine.records.audit.auditOfSubject(tx, subjectId)) as Promise<AuditEvent[]>;
  const everyTestimonial = () => under.engine.read((tx) => under.engine.records.testimonials.listTestimonials(tx));

  it.skipIf(skip)(`records testimonials, refusing one about a patient who is not there${name === 'postgres' ? pgSkipReason : ''}`, async () => {
    const first = await outcome('create for ofelia', call('testimonials.create', { patientId: ofelia.id, title: 'Back on the trail', quote: 'Six months after my knee surgery I hiked the ridge again.' }));
    expect(first).toEqual({
      ok: {
        id: uuid(101),
        patientId: ofelia.id,
        patientFirstName: 'Ofelia',
        patientLastName: 'Marchetti',
        title: 'Back on the trail',
        quote: 'Six months after my knee surgery I hiked the ridge again.',
        createdAt: expect.any(String),
        media: [],
      },
    });
    await outcome('create for maria', call('testimonials.create', { patientId: maria.id, title: 'Árbol y sol: bailando otra vez', quote: 'Volví a bailar con mi nieta.' }));
    await outcome('create for bruno, photos only', call('testimonials.create', { patientId: bruno.id, title: '  Walking the dog again ' }));
    await outcome('create for zoe', call('testimonials.create', { patientId: zoe.id, title: 'Ofelia told me to come', quote: '' }));

    const before = await everyTestimonial();
    const nobody = await outcome('create for nobody', call('testimonials.create', { patientId: uuid(99), title: 'Ghost story' }));
    expect(nobody).toMatchObject({ error: { code: 'not_found' } });
    expect(await everyTestimonial()).toEqual(before);
  });

  it.skipIf(skip)('imports a photo cleaned outside the transaction, and keeps its bytes sealed on the server', async () => {
    const imported = await outcome('import a photo', call('media.import', { testimonialId: uuid(101), fileName: 'C:\\Users\\me\\IMG_2041.jpg', kind: 'photo', beforeAfter: true, base64: photo.toString('base64') }));
    expect(imported).toMatchObject({ ok: { testimonialId: uuid(101), fileName: 'IMG_2041.jpg', mimeType: 'image/jpeg', beforeAfter: true, metadataRemoved: expect.arrayContaining(['GPS position']) } });
    const summary = (imported as { ok: { id: string; sha256: string; bytes: number } }).ok;
    expect(summary).not.toHaveProperty('data');

    const exported = await call('media.get', { id: summary.id });
    const bytes = Buffer.from(exported.base64, 'base64');
    expect(sha256(bytes)).toBe(summary.sha256);
    expect(bytes.length).toBe(summary.bytes);
    note('export the photo', { ...exported, base64: `${exported.base64.length} characters, SHA-256 ${sha256(bytes)}` });
    // The GPS position did not survive the cleaning.
    expect(bytes.includes(photo.subarray(0, 200))).toBe(false);

    // A testimonial that is not there is refused before the file is worked on (this one is not even an image).
    await outcome('import into nobody', call('media.import', { testimonialId: uuid(98), fileName: 'x.jpg', kind: 'photo', base64: Buffer.from('not an image').toString('base64') }));
    const notImage = await outcome('import something that is not an image', call('media.import', { testimonialId: uuid(101), fileName: 'notes.jpg', kind: 'photo', base64: Buffer.from('not an image').toString('base64') }));
    expect(notImage).toMatchObject({ error: { code: 'validation' } });
    await outcome('export nothing', call('media.get', { id: uuid(97) }));
    const media = await under.engine.read((tx) => under.engine.records.testimonials.mediaOfTestimonial(tx, uuid(101)));
    expect(media.map((m) => m.id)).toEqual([summary.id]);

    const stored = (await under.engine.read((tx) => under.engine.records.testimonials.getMedia(tx, summary.id)))!;
    if (name === 'postgres') {
      // What the server holds: the bytes, the thumbnail and the file name sealed; no window of the photo in the clear.
      const row = (await under.pool!.query<{ data: Buffer; thumbnail: Buffer; sealed: Buffer; kind: string }>('SELECT data, thumbnail, sealed, kind FROM media WHERE id = $1', [summary.id])).rows[0]!;
      expect(row.kind).toBe('photo');
      expect(row.data.length).toBeGreaterThan(stored.data.length);
      expect(windowsFound(row.data, stored.data)).toBe(0);
      expect(row.sealed.includes(Buffer.from('IMG_2041'))).toBe(false);
      expect(row.sealed.includes(Buffer.from(summary.sha256))).toBe(false);
      expect(row.thumbnail).not.toBeNull();
      const whole = Buffer.concat([row.data, row.thumbnail, row.sealed]);
      expect(windowsFound(whole, stored.data)).toBe(0);
    } else {
      // The file on disk is encrypted whole: no window of the photo there, nor in its write-ahead log.
      const onDisk = Buffer.concat([under.file!, `${under.file!}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
      expect(windowsFound(onDisk, stored.data)).toBe(0);
    }
  });

  it.skipIf(skip)('lists, pages and finds testimonials alike, with each one’s count of media', async () => {
    await outcome('list', call('testimonials.list', {}));
    await outcome('get', call('testimonials.get', { id: uuid(101) }));
    await outcome('get nobody', call('testimonials.get', { id: uuid(96) }));
    for (const [sort, direction] of [['createdAt', 'desc'], ['createdAt', 'asc'], ['title', 'asc'], ['title', 'desc'], ['patient', 'asc'], ['patient', 'desc']] as const) {
      await outcome(`page by ${sort} ${direction}`, call('testimonials.page', { sort, direction }));
    }
    for (const query of ['ofelia', 'marchetti', 'MAR', 'garcia lop', 'maría', 'arbol', 'bailando', 'TRAIL', 'the', 'dog walk', '%', '_x', 'nobody']) {
      await outcome(`find ${query}`, call('testimonials.page', { query, sort: 'title', direction: 'asc' }));
    }
    const second = await outcome('newest first, page 2', call('testimonials.page', { limit: 1, offset: 1 }));
    expect(second).toMatchObject({ ok: { total: 4, offset: 1, rows: [{ id: uuid(103), title: 'Walking the dog again', mediaCount: 0 }] } });
    await outcome('found, page 2', call('testimonials.page', { query: 'marchetti', sort: 'patient', limit: 1, offset: 1 }));
    const found = await call('testimonials.page', { query: 'ofelia', sort: 'createdAt', direction: 'asc' });
    // By Ofelia's name, and by the word in Zoë's title.
    expect(found.rows.map((r) => [r.id, r.mediaCount])).toEqual([
      [uuid(101), 1],
      [uuid(104), 0],
    ]);
  });

  it.skipIf(skip)('offers only patients with a final consent, by name as SQLite’s LIKE finds them', async () => {
    for (const query of ['', 'mar', 'MARCH', 'josé', 'JOSÉ', 'a g', 'bruno', 'zoë', '%', 'nobody']) {
      await outcome(`patients ${query}`, call('testimonials.patients', { query }));
    }
    expect(await call('testimonials.patients', { query: '' })).toEqual([
      { id: maria.id, firstName: 'María José', lastName: 'García-López' },
      { id: ofelia.id, firstName: 'Ofelia', lastName: 'Marchetti' },
    ]);
    // ASCII letters in either case, as LIKE: É is not é.
    expect(await call('testimonials.patients', { query: 'JOSÉ' })).toEqual([]);
  });

  it.skipIf(skip)('shows what each signed consent of a patient covers, newest signature first, drafts left out', async () => {
    const ofelias = await outcome('scope of ofelia', call('consents.scopeForPatient', { patientId: ofelia.id }));
    expect(ofelias).toMatchObject({ ok: [{ id: 'auth-ofelia-2', status: 'active' }, { id: 'auth-ofelia-1' }] });
    const brunos = await outcome('scope of bruno', call('consents.scopeForPatient', { patientId: bruno.id }));
    expect(brunos).toMatchObject({ ok: [{ id: 'auth-bruno-1', stage: 'signed', signedOn: '2026-11-20' }] });
    const marias = await outcome('scope of maria', call('consents.scopeForPatient', { patientId: maria.id }));
    expect(marias).toMatchObject({ ok: [{ id: 'auth-maria', revocationReceivedOn: '2026-11-20', status: 'revoked' }] });
    expect(await outcome('scope of nobody', call('consents.scopeForPatient', { patientId: uuid(95) }))).toEqual({ ok: [] });
  });

  it.skipIf(skip)('rolls back a call that fails part-way: neither the record nor its audit event stays', async () => {
    const failing = { ...core, engine: withFailingAudit(under.engine) };
    const testimonialsBefore = await everyTestimonial();
    const issuedBefore = core.issued.length;
    const created = await outcome('create failing after the write', call('testimonials.create', { patientId: bruno.id, title: 'Never kept' }, failing));
    expect(created).toMatchObject({ error: { code: 'internal' } });
    const imported = await outcome('import failing after the write', call('media.import', { testimonialId: uuid(103), fileName: 'dog.jpg', kind: 'photo', base64: photo.toString('base64') }, failing));
    expect(imported).toMatchObject({ error: { code: 'internal' } });
    expect(await everyTestimonial()).toEqual(testimonialsBefore);
    const unkept = core.issued.slice(issuedBefore);
    expect(unkept).toHaveLength(2);
    for (const id of unkept) {
      expect(await auditOf(id)).toEqual([]);
      expect(await under.engine.read((tx) => under.engine.records.testimonials.getMedia(tx, id))).toBeUndefined();
    }
    const exported = await outcome('export failing after the read', call('media.get', { id: (await everyTestimonial()).find((t) => t.id === uuid(101))!.media[0]!.id }, failing));
    expect(exported).toMatchObject({ error: { code: 'internal' } });
  });

  it.skipIf(skip)('wrote one audit event per call that succeeded, naming the actor and no patient details', async () => {
    const mediaId = (await everyTestimonial()).find((t) => t.id === uuid(101))!.media[0]!.id;
    for (const subject of [uuid(101), uuid(102), uuid(103), uuid(104), mediaId]) {
      const events = (await auditOf(subject)).map(chainFieldsOf);
      note(`audit of ${subject}`, events);
      for (const event of events) {
        expect(event).toMatchObject({ actorId: 'staff-marketing', actorName: 'morgan' });
        expect(JSON.stringify(event)).not.toMatch(/Ofelia|Marchetti|María|Bruno|trail|IMG_2041/);
      }
    }
    expect((await auditOf(uuid(101))).map((e) => [e.action, e.detail])).toEqual([['testimonial.created', `patient ${ofelia.id}`]]);
    expect((await auditOf(mediaId)).map((e) => e.action)).toEqual(['media.imported', 'media.exported']);
    expect((await auditOf(mediaId))[0]!.detail).toMatch(/^photo, SHA-256 [0-9a-f]{64}; removed: .*GPS position/);
  });
});

describe.skipIf(!pgAvailable)(`both engines${pgSkipReason}`, () => {
  it('gave the same answers and audit events to the same calls', () => {
    const sqlite = transcripts.get('sqlite');
    const postgres = transcripts.get('postgres');
    expect(sqlite?.length).toBeGreaterThan(40);
    // Entry by entry first, so a difference names its step; then the whole, byte for byte.
    for (const [i, entry] of (sqlite ?? []).entries()) expect(postgres?.[i]).toEqual(entry);
    expect(JSON.stringify(postgres)).toBe(JSON.stringify(sqlite));
  });
});

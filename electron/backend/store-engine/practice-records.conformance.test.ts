import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Patient } from '../../../shared/patients';
import type { AuthorizationTemplate } from '../../../shared/authorization/template';
import type { CertificateBundle } from '../crypto/practice-certificate';
import { listTemplates } from '../repositories/template-repository';
import { createPgPracticeRecords, createPgTemplateRepository } from '../store-pg/pg-practice-repository';
import { createPgStaffRepository } from '../store-pg/pg-staff-repository';
import type { PracticeRecords } from '../store-pg/store-interface-practice';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import { terms } from '../store-pg/testing/pg-fixtures';
import { createSqlitePracticeRecords } from './sqlite-practice-records';
import type { StoreEngine } from './store-engine';
import { pgEngineUnderTest, sqliteEngineUnderTest, testStaff, type EngineUnderTest } from './testing/engines-under-test';
import { normalise, outcome, type Entry, conformanceEngines } from './testing/conformance-transcript';

/**
 * ONE conformance suite for the practice's own documents (templates, scope
 * presets, patient copies, signing certificates), written once against
 * store-interface-practice.ts and run on both engines, their transcripts
 * compared byte for byte. Both start from the same rows: the SQLite store's
 * built-in wording and the test templates and staff, copied to the server as
 * migrate-store copies them. On the server, the tables' raw rows are then
 * searched for what was sealed.
 */

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute)).toISOString();
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

const transcripts = new Map<string, Entry[]>();
/** The SQLite store's rows before the tests (its built-in wording), which the server starts from. */
let startingTemplates: AuthorizationTemplate[] = [];

/** A fresh encrypted SQLite store at the latest schema with the test staff (no test templates: its built-in wording is enough). */
function sqliteUnder(): EngineUnderTest {
  const under = sqliteEngineUnderTest({ testTemplates: false });
  startingTemplates = listTemplates(under.db);
  return under;
}

const patient: Patient = {
  id: '00000000-0000-4000-8000-000000000001',
  firstName: 'Ofelia',
  lastName: 'Marchetti',
  dateOfBirth: '1969-03-11',
  recordNumber: null,
  phone: null,
  email: null,
  city: null,
  createdAt: at(0),
  updatedAt: at(0),
};

const secrets = {
  presetName: 'Zebulon knee programme, all channels',
  subject: 'CN=Zebulon Orthopaedic Rehabilitation',
  wording: 'Zebulon wording, second edition',
};

const bundle = (n: number): CertificateBundle => ({
  certificateDer: Buffer.concat([Buffer.from(`0\x82 DER of ${secrets.subject} #${n}`, 'latin1'), crypto.createHash('sha512').update(`der ${n}`).digest()]),
  privateKeyPkcs8: crypto.createHash('sha512').update(`private key ${n}`).digest(),
  info: { subject: `${secrets.subject} #${n}`, issuer: `${secrets.subject} #${n}`, fingerprintSha256: sha256(Buffer.from(`fp ${n}`)), notBefore: at(n), notAfter: '2031-12-01T00:00:00.000Z', source: n === 1 ? 'generated' : 'imported' },
});

describe.each(conformanceEngines)('the practice documents on $name', ({ name, skip }) => {
  const cluster = name === 'postgres' && !skip ? useThrowawayCluster() : null;
  let under: EngineUnderTest;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let records: PracticeRecords<any>;
  let rawRows: (() => Promise<string>) | null = null;
  const log: Entry[] = [];
  const note = (label: string, value: unknown) => log.push([label, value]);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const engine = (): StoreEngine<any> => under.engine;
  const write = <T>(fn: (tx: unknown) => Promise<T>) => engine().write(fn as never) as Promise<T>;
  const read = <T>(fn: (tx: unknown) => Promise<T>) => engine().read(fn as never) as Promise<T>;

  beforeAll(async () => {
    if (skip) return;
    if (name === 'sqlite') {
      under = sqliteUnder();
      records = createSqlitePracticeRecords();
    } else {
      // The rows the SQLite store started with (its built-in wording, the test staff), copied as migrate-store copies them.
      const templates = startingTemplates;
      expect(templates.length).toBeGreaterThan(1);
      const pgUnder = await pgEngineUnderTest(cluster!());
      under = pgUnder;
      records = createPgPracticeRecords(pgUnder.cipher);
      const staff = createPgStaffRepository(pgUnder.cipher);
      const templatesPg = createPgTemplateRepository(pgUnder.cipher);
      await pgUnder.engine.write(async (tx) => {
        for (const s of testStaff) await staff.insertStaff(tx, { id: s.id, username: s.id, displayName: s.displayName, role: 'admin', status: 'active', createdAt: at(0), updatedAt: at(0) });
        for (const t of templates) await templatesPg.importTemplate(tx, t);
      });
      rawRows = () =>
        pgUnder.engine.read(async (tx) => {
          const parts: string[] = [];
          for (const table of ['templates', 'scope_presets', 'patient_copies', 'practice_certificates']) {
            parts.push(...((await tx.query(`SELECT t::text AS row FROM ${table} t`)) as { rows: { row: string }[] }).rows.map((r) => r.row));
          }
          return parts.join('\n').toLowerCase();
        });
    }
    await write(async (tx) => {
      await engine().records.patients.insertPatient(tx, patient);
      const templateId = startingTemplates.find((t) => t.language === 'en' && t.active)!.id;
      await engine().records.consents.insertDraft(tx, { id: 'auth-1', patientId: patient.id, templateId, terms: terms(), createdAt: at(1), createdBy: 'staff-frontdesk' });
    });
  }, 180_000);
  afterAll(async () => {
    await under?.close();
    if (!skip) transcripts.set(name, log);
  });

  it.skipIf(skip)(`keeps template versions, publishes the next one as the active wording${name === 'postgres' ? pgSkipReason : ''}`, async () => {
    const t = records.templates;
    note('list', normalise(await read((tx) => t.listTemplates(tx))));
    const en = await read((tx) => t.activeTemplate(tx, 'en'));
    note('active en', normalise(en));
    note('by id', await outcome(read((tx) => t.getTemplate(tx, startingTemplates.find((x) => x.language === 'es')!.id))));
    note('unknown', await outcome(read((tx) => t.getTemplate(tx, 'template-none'))));
    const published = await write((tx) => t.publishTemplate(tx, 'template-new', 'en', { ...en.text, title: secrets.wording }, at(10)));
    expect(published).toMatchObject({ id: 'template-new', active: true, version: en.version + 1 });
    note('published', normalise(published));
    note('active after', await outcome(read((tx) => t.activeTemplate(tx, 'en'))));
    note('the old one', await outcome(read((tx) => t.getTemplate(tx, en.id))));
    note('list after', normalise(await read((tx) => t.listTemplates(tx))));
  });

  it.skipIf(skip)('adds preset versions, never changes one, and lists the latest by name', async () => {
    const p = records.presets;
    const scope = terms().scope;
    await write(async (tx) => {
      await p.insertPresetVersion(tx, { id: 'preset-b', version: 1, name: 'bravo social', scope, duration: { kind: 'months', months: 12 }, retired: false, createdAt: at(20), createdBy: 'staff-admin' });
      await p.insertPresetVersion(tx, { id: 'preset-a', version: 1, name: secrets.presetName, scope, duration: { kind: 'none' }, retired: false, createdAt: at(21), createdBy: 'staff-marketing' });
      await p.insertPresetVersion(tx, { id: 'preset-b', version: 2, name: 'Bravo social', scope, duration: { kind: 'months', months: 24 }, retired: true, createdAt: at(22), createdBy: 'staff-admin' });
    });
    const taken = await outcome(write((tx) => p.insertPresetVersion(tx, { id: 'preset-b', version: 2, name: 'Lost', scope, duration: { kind: 'none' }, retired: false, createdAt: at(23), createdBy: 'staff-admin' })));
    expect(taken).toMatchObject({ error: { code: 'conflict' } });
    note('version taken', taken);
    const latest = await read((tx) => p.latestPresets(tx));
    expect(latest.map((x) => [x.id, x.version])).toEqual([['preset-b', 2], ['preset-a', 1]]);
    note('latest', normalise(latest));
    note('versions', normalise(await read((tx) => p.presetVersions(tx, 'preset-b'))));
    note('latest of one', await outcome(read((tx) => p.latestPreset(tx, 'preset-a'))));
    note('unknown', await outcome(read((tx) => p.latestPreset(tx, 'preset-none'))));
  });

  it.skipIf(skip)('records how the patient got their copy, the latest first, with who recorded it', async () => {
    const c = records.patientCopies;
    note('none yet', await outcome(read((tx) => c.latestPatientCopy(tx, 'auth-1'))));
    await write(async (tx) => {
      await c.insertPatientCopy(tx, { id: 'copy-1', authorizationId: 'auth-1', method: 'declined', recordedAt: at(30), recordedBy: 'staff-frontdesk' });
      await c.insertPatientCopy(tx, { id: 'copy-2', authorizationId: 'auth-1', method: 'printed', recordedAt: at(31), recordedBy: 'staff-frontdesk' });
      // The same instant: the one added last is the latest.
      await c.insertPatientCopy(tx, { id: 'copy-3', authorizationId: 'auth-1', method: 'saved', recordedAt: at(31), recordedBy: 'staff-admin' });
    });
    const latest = await read((tx) => c.latestPatientCopy(tx, 'auth-1'));
    expect(latest).toEqual({ method: 'saved', recordedAt: at(31), recordedBy: { staffId: 'staff-admin', displayName: 'Pat Privacy' } });
    note('latest', normalise(latest));
  });

  it.skipIf(skip)('keeps every signing certificate, one active', async () => {
    const c = records.certificates;
    note('none', await outcome(read((tx) => c.activeCertificate(tx))));
    await write((tx) => c.activateCertificate(tx, 'cert-1', bundle(1), at(40)));
    await write((tx) => c.activateCertificate(tx, 'cert-2', bundle(2), at(41)));
    const active = await read((tx) => c.activeCertificate(tx));
    expect(active?.privateKeyPkcs8).toEqual(bundle(2).privateKeyPkcs8);
    note('active', normalise(active));
    const all = await read((tx) => c.allCertificates(tx));
    expect(all.map((b) => b.info.source)).toEqual(['generated', 'imported']);
    note('all', normalise(all));
  });

  it.skipIf(skip || name === 'sqlite')('refuses on the server, without the key, any change to a wording, preset, copy entry or certificate but the active flags (by trigger or by the app role’s rights)', async () => {
    const refused = (statement: string) => expect(write((tx) => (tx as { query(sql: string): Promise<unknown> }).query(statement)), statement).rejects.toThrow(/never change|kept as|permission denied/);
    await refused("UPDATE templates SET text = text || '\\x00'::bytea WHERE id = 'template-new'");
    await refused("DELETE FROM templates WHERE id = 'template-new'");
    await refused("UPDATE templates SET created_at = 'x' WHERE id = 'template-new'");
    await refused("UPDATE scope_presets SET retired = true WHERE id = 'preset-a'");
    await refused("UPDATE patient_copies SET method = 'printed' WHERE id = 'copy-1'");
    await refused("UPDATE practice_certificates SET not_after = '2099-01-01' WHERE id = 'cert-1'");
    await refused("DELETE FROM practice_certificates WHERE id = 'cert-1'");
    expect((await read((tx) => records.templates.getTemplate(tx, 'template-new')))?.text.title).toBe(secrets.wording);
  });

  it.skipIf(skip || name === 'sqlite')('keeps on the server no wording, preset name, certificate, subject or private key in the clear', async () => {
    const raw = await rawRows!();
    expect(raw).toContain('template-new');
    expect(raw).toContain('preset-a');
    for (const secret of Object.values(secrets)) {
      expect(raw).not.toContain(secret.toLowerCase());
      expect(raw).not.toContain(Buffer.from(secret, 'utf8').toString('hex'));
    }
    for (const b of [bundle(1), bundle(2)]) {
      for (const bytes of [b.certificateDer, b.privateKeyPkcs8]) {
        for (let i = 0; i + 16 <= bytes.length; i += 16) expect(raw.includes(bytes.subarray(i, i + 16).toString('hex'))).toBe(false);
      }
    }
  });
});

describe.skipIf(!pgAvailable)(`the practice documents: both engines${pgSkipReason}`, () => {
  it('gave the same documents, errors and orders for the same inputs', () => {
    const sqlite = transcripts.get('sqlite');
    const postgres = transcripts.get('postgres');
    expect(sqlite?.length).toBeGreaterThan(15);
    for (const [i, entry] of (sqlite ?? []).entries()) expect(postgres?.[i]).toEqual(entry);
    expect(JSON.stringify(postgres)).toBe(JSON.stringify(sqlite));
  });
});

import crypto from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { PDFDocument } from 'pdf-lib';
import { beforeEach, describe, expect, it } from 'vitest';
import { completeTerms } from '../../../shared/authorization/test-terms';
import { storePaths } from '../data-dir';
import { readKeyring } from '../store/keyring';
import { Store } from '../store/store';
import { patientSignature, samplePatient, signAuthorization, textHashOf } from '../testing/consent-flow';
import { pdfFlatText, pdfPageCount, pdfSignatureReport, qpdfCheck } from '../testing/pdf-tools';
import { adminPassword, rejection, setUpStore } from '../testing/test-backend';
import { manualClock } from '../testing/manual-clock';
import { testEngine } from '../testing/test-engine';

const frontDeskPassword = 'front desk password';


async function practice(clockStart = '2026-11-29T15:00:00.000Z') {
  const clock = manualClock(clockStart);
  const t = await setUpStore({ now: clock.now });
  await t.call('staff.create', { username: 'frontdesk', displayName: 'Fran Front', role: 'frontdesk', password: frontDeskPassword });
  await t.call('staff.create', { username: 'marketing', displayName: 'Mo Market', role: 'marketing', password: 'marketing password' });
  await t.call('session.signOut', {});
  await t.call('session.signIn', { username: 'frontdesk', password: frontDeskPassword });
  const patient = await t.call('patients.create', samplePatient);
  return { ...t, clock, patient };
}

type Practice = Awaited<ReturnType<typeof practice>>;
let p: Practice;
beforeEach(async () => {
  p = await practice();
});

describe('patients', () => {
  it('are found by name words, date of birth (either form) and record number', async () => {
    await p.call('patients.create', { ...samplePatient, firstName: 'Marco', lastName: 'Polo', dateOfBirth: '1990-01-02', recordNumber: null, phone: null, email: null });
    const names = async (query: string) => (await p.call('patients.search', { query })).map((x) => `${x.firstName} ${x.lastName}`);
    expect(await names('mar lop')).toEqual(['Maria Lopez']);
    expect(await names('mar')).toEqual(['Maria Lopez', 'Marco Polo']);
    expect(await names('1984-05-17')).toEqual(['Maria Lopez']);
    expect(await names('05/17/1984')).toEqual(['Maria Lopez']);
    expect(await names('mrn-20417')).toEqual(['Maria Lopez']);
    expect(await names('%')).toEqual([]);
  });

  it('refuse a duplicate record number and bad fields with field messages', async () => {
    const dup = await rejection(p.call('patients.create', samplePatient));
    expect(dup).toMatchObject({ code: 'conflict', issues: [{ path: 'recordNumber' }] });
    const bad = await rejection(p.call('patients.create', { ...samplePatient, recordNumber: null, dateOfBirth: '1984-13-40', email: 'nope' }));
    expect(bad.code).toBe('validation');
    expect(bad.issues?.map((i) => i.path).sort()).toEqual(['dateOfBirth', 'email']);
  });

  it('are hidden from marketing, which sees no date of birth or contact details', async () => {
    await p.call('session.signOut', {});
    await p.call('session.signIn', { username: 'marketing', password: 'marketing password' });
    for (const call of [p.call('patients.get', { id: p.patient.id }), p.call('patients.search', { query: '' }), p.call('consents.listForPatient', { patientId: p.patient.id })]) {
      expect((await rejection(call)).code).toBe('forbidden');
    }
  });
});

describe('preparing an authorization', () => {
  it('names what is missing and refuses patient mode until it is complete', async () => {
    const terms = completeTerms();
    terms.scope.channels = [];
    const draft = await p.call('consents.createDraft', { patientId: p.patient.id, terms });
    expect(draft.status).toBe('draft');
    expect(draft.problems.map((x) => x.element)).toEqual(['recipients']);
    const refused = await rejection(p.call('consents.startPatientMode', { id: draft.id }));
    expect(refused).toMatchObject({ code: 'validation', issues: [{ path: 'scope.channels' }] });
    const fixed = await p.call('consents.updateDraft', { id: draft.id, terms: completeTerms() });
    expect(fixed.problems).toEqual([]);
  });

  it('previews the document live without saving anything', async () => {
    const preview = await p.call('consents.preview', { patientId: p.patient.id, terms: completeTerms({ language: 'es' }) });
    expect(preview.document.title).toMatch(/Autorización/);
    expect(await p.call('consents.listForPatient', { patientId: p.patient.id })).toEqual([]);
  });
});

describe('patient mode', () => {
  async function handedOver() {
    const draft = await p.call('consents.createDraft', { patientId: p.patient.id, terms: completeTerms() });
    const state = await p.call('consents.startPatientMode', { id: draft.id });
    expect(state.patientMode).toEqual({ authorizationId: draft.id, language: 'en' });
    return draft;
  }

  it('waits the longer patient-mode time, and a lock pauses it for the staff member who handed the screen over', async () => {
    const draft = await handedOver();
    // Past the staff idle time (5 minutes), within patient mode's (20 by default): still open.
    p.clock.advance(10 * 60_000);
    expect((await p.call('consents.get', { id: draft.id })).id).toBe(draft.id);
    p.clock.advance(20 * 60_000 + 1);
    expect((await rejection(p.call('consents.get', { id: draft.id }))).code).toBe('locked');
    const paused = await p.call('app.state', {});
    expect(paused).toMatchObject({ phase: 'locked', patientMode: null, session: null, pausedPatientMode: { language: 'en' }, patientModeIdleMinutes: 20 });
    // Nothing about the patient in the locked state.
    expect(JSON.stringify(paused)).not.toContain('Maria');

    const back = await p.call('session.signIn', { username: 'frontdesk', password: frontDeskPassword });
    expect(back).toMatchObject({ phase: 'active', patientMode: { authorizationId: draft.id, language: 'en' }, pausedPatientMode: null });
    expect((await rejection(p.call('patients.search', { query: '' }))).code).toBe('forbidden');
    const signed = await p.call('consents.patientSign', patientSignature(draft, 'Maria Lopez'));
    expect(signed.stage).toBe('signed');
  });

  it('ends patient mode, audited, when someone else signs in after the pause', async () => {
    const draft = await handedOver();
    await p.call('session.lock', { reason: 'idle' });
    const other = await p.call('session.signIn', { username: 'marketing', password: 'marketing password' });
    expect(other).toMatchObject({ phase: 'active', patientMode: null, pausedPatientMode: null });
    await p.call('session.signOut', {});
    await p.call('session.signIn', { username: 'frontdesk', password: frontDeskPassword });
    expect((await p.call('app.state', {})).patientMode).toBeNull();
    await p.call('session.signOut', {});
    await p.call('session.signIn', { username: 'admin', password: adminPassword });
    const events = (await p.call('audit.list', { subjectId: draft.id })).events.map((e) => `${e.action} ${e.detail ?? ''}`);
    expect(events).toEqual(expect.arrayContaining(['consent.patient_mode_paused idle', 'consent.patient_mode_left the screen paused and another staff member signed in']));
  });

  it('takes a typed name adopted as the signature from a patient who cannot draw, and says so in the evidence and the PDF', async () => {
    const draft = await handedOver();
    const withStrokes = await rejection(p.call('consents.patientSign', { ...patientSignature(draft, 'Maria Lopez'), signatureKind: 'typed' }));
    expect(withStrokes).toMatchObject({ code: 'validation', issues: [{ path: 'signature' }] });
    const signed = await p.call('consents.patientSign', { ...patientSignature(draft, 'Maria Lopez'), strokes: [], signatureKind: 'typed' });
    expect(signed.evidence).toMatchObject({ signatureKind: 'typed', strokeCount: 0 });
    const final = await p.call('consents.witness', { id: draft.id, password: frontDeskPassword });
    expect(final.evidence?.signatureKind).toBe('typed');
    const text = pdfFlatText(Buffer.from((await p.call('consents.pdf', { id: final.id })).base64, 'base64'));
    expect(text).toContain('None: the signer could not draw and adopted their typed name as their signature');
    expect(text).not.toContain('kept with their timing');
  });

  it('refuses a signature in the patient’s language, and takes the typed name whatever its accents', async () => {
    await p.call('patients.update', { ...samplePatient, id: p.patient.id, firstName: 'Lucía', lastName: 'Fernández' });
    const draft = await p.call('consents.createDraft', { patientId: p.patient.id, terms: completeTerms({ language: 'es' }) });
    await p.call('consents.startPatientMode', { id: draft.id });
    const empty = await rejection(p.call('consents.patientSign', { ...patientSignature(draft, 'Lucia Fernandez'), strokes: [] }));
    expect(empty.message).toBe('Firme dentro del recuadro, por favor: está vacío.');
    const wrong = await rejection(p.call('consents.patientSign', patientSignature(draft, 'Lucia Fernandes')));
    expect(wrong.issues?.[0]?.message).toBe('Escriba el nombre completo de quien firma, como aparece en la autorización: Lucía Fernández.');
    const stale = await rejection(p.call('consents.patientSign', { ...patientSignature(draft, 'Lucia Fernandez'), textSha256: 'f'.repeat(64) }));
    expect(stale.message).toMatch(/^La autorización cambió/);
    const signed = await p.call('consents.patientSign', patientSignature(draft, 'LUCIA  fernandez'));
    expect(signed.stage).toBe('signed');
  });

  it('reaches nothing but the authorization handed over', async () => {
    const draft = await handedOver();
    for (const call of [
      p.call('patients.search', { query: '' }),
      p.call('staff.list', {}),
      p.call('session.signOut', {}),
      p.call('consents.updateDraft', { id: draft.id, terms: completeTerms() }),
    ]) {
      expect((await rejection(call)).code).toBe('forbidden');
    }
    expect((await p.call('consents.get', { id: draft.id })).id).toBe(draft.id);
  });

  it('needs a staff password to leave', async () => {
    await handedOver();
    expect((await rejection(p.call('session.exitPatientMode', { password: 'I am the patient' }))).code).toBe('unauthorized');
    expect((await p.call('session.exitPatientMode', { password: frontDeskPassword })).patientMode).toBeNull();
    expect((await p.call('patients.search', { query: '' })).length).toBe(1);
  });

  it('refuses an empty or trivial signature with a message', async () => {
    const draft = await handedOver();
    const empty = await rejection(p.call('consents.patientSign', { ...patientSignature(draft, 'Maria Lopez'), strokes: [] }));
    expect(empty).toMatchObject({ code: 'validation', message: expect.stringMatching(/empty/) });
    const line = Array.from({ length: 30 }, (_, i) => ({ x: 50 + i * 15, y: 100, time: i * 10 }));
    const straight = await rejection(p.call('consents.patientSign', { ...patientSignature(draft, 'Maria Lopez'), strokes: [line] }));
    expect(straight.message).toMatch(/straight line/);
  });

  it('ties the signature to the exact text shown and the signer’s typed name', async () => {
    const draft = await handedOver();
    const stale = await rejection(p.call('consents.patientSign', { ...patientSignature(draft, 'Maria Lopez'), textSha256: 'f'.repeat(64) }));
    expect(stale.code).toBe('conflict');
    const wrongName = await rejection(p.call('consents.patientSign', patientSignature(draft, 'Somebody Else')));
    expect(wrongName).toMatchObject({ code: 'validation', issues: [{ path: 'typedName' }] });
    const signed = await p.call('consents.patientSign', patientSignature(draft, '  maria   LOPEZ '));
    expect(signed.status).toBe('awaiting_witness');
    expect(signed.evidence).toMatchObject({ textSha256: textHashOf(draft), workstation: 'test-workstation', strokeCount: 1, agreedToSignElectronically: true });
  });
});

describe('the signed PDF', () => {
  it('holds the patient’s scope and statements, is digitally signed and structurally sound', async () => {
    const terms = completeTerms({
      scope: {
        contentKinds: ['written_testimonial', 'full_name', 'photographs', 'video'],
        channels: ['facebook', 'instagram', 'website'],
        otherChannels: ['Lobby display screen'],
        purposes: ['advertising', 'patient_education'],
        otherPurposes: [],
      },
      expiration: { kind: 'date', date: '2028-01-31' },
    });
    const final = await signAuthorization(p.call, p.patient.id, terms, 'Maria Lopez', frontDeskPassword);
    expect(final).toMatchObject({ stage: 'final', status: 'active', evidence: { witnessName: 'Fran Front' } });
    expect((await p.call('app.state', {})).patientMode).toBeNull();
    const file = await p.call('consents.pdf', { id: final.id });
    const pdf = Buffer.from(file.base64, 'base64');
    expect(file.sha256).toBe(final.pdfSha256);
    const text = pdfFlatText(pdf);
    for (const expected of [
      'Riverside Physical Therapy',
      'Maria Lopez',
      'My written testimonial (quote or story)',
      'My full name',
      'Photographs of me',
      'Video recordings of me',
      'The practice’s Facebook page',
      'The practice’s Instagram account',
      'The practice’s website',
      'Lobby display screen',
      'Advertising and promotion of the practice',
      'Educating patients and the public about care',
      'The last day this authorization is in effect is January 30, 2028.',
      'a written request to Riverside Physical Therapy: 120 River Road, Springfield, IL 62701, or by email to privacy@riverside.example.',
      'I may cancel this authorization at any time',
      'will not depend on whether I sign this authorization',
      'may then no longer be protected by federal privacy law',
      'Signature certificate',
      final.evidence!.contentSha256!,
      `Authorization ${final.id}`,
      'wording english v1',
      'Signed by Maria Lopez (the patient)',
      'Presented in the session of frontdesk',
      'Signed by Maria Lopez, in the session of frontdesk',
      'Witnessed by frontdesk; this PDF was made final and signed',
      'Signature strokes 1 stroke, ',
    ]) {
      expect(text).toContain(expected);
    }
    const pages = pdfPageCount(pdf);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    const report = pdfSignatureReport(pdf);
    expect(report).toContain('Signature is Valid');
    expect(report).toContain('Total document signed');
    expect(report).toContain('ETSI.CAdES.detached');
    expect(qpdfCheck(pdf).ok).toBe(true);
  });

  it('is written in Spanish when the patient chose Spanish, with a representative', async () => {
    const terms = completeTerms({
      language: 'es',
      representative: { name: 'Ana Lopez', authority: 'parent_of_minor', authorityDetail: '' },
    });
    // A parent signs for a minor: a child of the practice.
    const child = await p.call('patients.create', { ...samplePatient, firstName: 'Sofía', dateOfBirth: '2016-04-02', recordNumber: 'MRN-77001' });
    const final = await signAuthorization(p.call, child.id, terms, 'Ana Lopez', frontDeskPassword);
    const pdf = Buffer.from((await p.call('consents.pdf', { id: final.id })).base64, 'base64');
    const text = pdfFlatText(pdf);
    for (const expected of [
      'Autorización para usar mi información de salud en mercadeo',
      'Fotografías mías',
      'está vigente es el 29 de junio de 2027',
      'Puedo cancelar esta autorización',
      'Ana Lopez firma en nombre de Sofía Lopez',
      'Madre o padre de un menor de edad',
      'Página 1 de',
      'Certificado de la firma',
      'Firmada por Ana Lopez (representante personal de la persona atendida: Madre o padre de un menor de edad)',
    ]) {
      expect(text).toContain(expected);
    }
    expect(pdfSignatureReport(pdf)).toContain('Signature is Valid');
  });
});

describe('a signed authorization', () => {
  it('cannot be altered through any contract call', async () => {
    const final = await signAuthorization(p.call, p.patient.id, completeTerms(), 'Maria Lopez', frontDeskPassword);
    const pdfBefore = final.pdfSha256;
    const attempts = [
      p.call('consents.updateDraft', { id: final.id, terms: completeTerms({ language: 'es' }) }),
      p.call('consents.discardDraft', { id: final.id }),
      p.call('consents.startPatientMode', { id: final.id }),
      p.call('consents.witness', { id: final.id, password: frontDeskPassword }),
    ];
    for (const attempt of attempts) expect((await rejection(attempt)).code).toBe('conflict');
    const after = await p.call('consents.get', { id: final.id });
    expect(after.pdfSha256).toBe(pdfBefore);
    expect(after.terms).toEqual(final.terms);
  });

  // The file's own triggers, opened with its key; the server's guard is pg-records.test.ts's.
  it.skipIf(testEngine === 'postgres')('cannot be altered even with the database key, through SQL', async () => {
    const final = await signAuthorization(p.call, p.patient.id, completeTerms(), 'Maria Lopez', frontDeskPassword);
    p.backend.close();
    const paths = storePaths(p.dataDir);
    const [unlocked] = await Store.unlock(paths, { username: 'admin', password: adminPassword });
    const store = Store.openWithKey(paths, readKeyring(paths.keyring)!, unlocked!.dataKey);
    const db: Database.Database = store.db;
    expect(() => db.prepare("UPDATE authorizations SET terms = '{}' WHERE id = ?").run(final.id)).toThrow(/cannot be changed/);
    expect(() => db.prepare('UPDATE authorizations SET pdf = x\'00\' WHERE id = ?').run(final.id)).toThrow(/cannot be changed/);
    expect(() => db.prepare('DELETE FROM authorizations WHERE id = ?').run(final.id)).toThrow(/cannot be deleted/);
    store.close();
  });

  it('is revoked with a one-page acknowledgment, once', async () => {
    const final = await signAuthorization(p.call, p.patient.id, completeTerms(), 'Maria Lopez', frontDeskPassword);
    const future = await rejection(p.call('consents.revoke', { id: final.id, receivedOn: '2026-12-05', method: 'mail', note: '', scan: null }));
    expect(future.code).toBe('validation');
    const badScan = await rejection(
      p.call('consents.revoke', { id: final.id, receivedOn: '2026-11-29', method: 'mail', note: '', scan: { mimeType: 'application/pdf', base64: Buffer.from('hello').toString('base64') } }),
    );
    expect(badScan.message).toMatch(/not a readable PDF/);
    // The right first bytes are not a PDF: it is read (in the PDF worker) before it is kept.
    const headerOnly = await rejection(
      p.call('consents.revoke', { id: final.id, receivedOn: '2026-11-29', method: 'mail', note: '', scan: { mimeType: 'application/pdf', base64: Buffer.from('%PDF-1.4 scan').toString('base64') } }),
    );
    expect(headerOnly).toMatchObject({ code: 'validation', message: 'This PDF cannot be read. Scan it again.', issues: [{ path: 'scan' }] });
    const letter = await PDFDocument.create();
    letter.addPage().drawRectangle({ x: 50, y: 50, width: 200, height: 20 });
    const revoked = await p.call('consents.revoke', {
      id: final.id,
      receivedOn: '2026-11-29',
      method: 'mail',
      note: 'Letter dated Nov 27',
      scan: { mimeType: 'application/pdf', base64: Buffer.from(await letter.save()).toString('base64') },
    });
    expect(revoked).toMatchObject({ status: 'revoked', revocation: { method: 'mail', hasScan: true, enteredBy: 'Fran Front' } });
    const pdf = Buffer.from((await p.call('consents.revocationPdf', { id: final.id })).base64, 'base64');
    expect(pdfPageCount(pdf)).toBe(1);
    expect(pdfFlatText(pdf)).toContain('Acknowledgment of revocation');
    expect(pdfSignatureReport(pdf)).toContain('Signature is Valid');
    expect((await rejection(p.call('consents.revoke', { id: final.id, receivedOn: '2026-11-29', method: 'mail', note: '', scan: null }))).code).toBe('conflict');
  });

  it('shows the written revocation’s scan as received to the roles that read authorizations, and audits each view', async () => {
    const final = await signAuthorization(p.call, p.patient.id, completeTerms(), 'Maria Lopez', frontDeskPassword);
    const letter = await PDFDocument.create();
    letter.addPage().drawText('I revoke my authorization. Maria Lopez');
    const sent = Buffer.from(await letter.save());
    await p.call('consents.revoke', { id: final.id, receivedOn: '2026-11-29', method: 'mail', note: '', scan: { mimeType: 'application/pdf', base64: sent.toString('base64') } });
    const shown = await p.call('consents.revocationScan', { id: final.id });
    expect(Buffer.from(shown.base64, 'base64').equals(sent)).toBe(true);
    expect(shown).toMatchObject({ mimeType: 'application/pdf', fileName: `revocation-scan-${final.id}.pdf`, sha256: crypto.createHash('sha256').update(sent).digest('hex') });
    // Marketing judges coverage only: no scan, and the refusal is audited.
    await p.call('session.signIn', { username: 'marketing', password: 'marketing password' });
    expect((await rejection(p.call('consents.revocationScan', { id: final.id }))).code).toBe('forbidden');
    await p.call('session.signIn', { username: 'admin', password: adminPassword });
    await p.call('consents.revocationScan', { id: final.id });
    const events = (await p.call('audit.list', { subjectId: final.id, limit: 50 })).events.map((e) => [e.action, e.actorName]);
    expect(events.filter(([action]) => action === 'consent.revocation_scan_viewed')).toEqual([
      ['consent.revocation_scan_viewed', 'admin'],
      ['consent.revocation_scan_viewed', 'frontdesk'],
    ]);
    const revokedDetail = (await p.call('audit.list', { subjectId: final.id, action: 'consent.revoked' })).events[0]?.detail;
    expect(revokedDetail).toContain(`scan SHA-256 ${shown.sha256}`);
    // A revocation recorded without a scan says so.
    await p.call('session.signIn', { username: 'frontdesk', password: frontDeskPassword });
    const other = await signAuthorization(p.call, p.patient.id, completeTerms(), 'Maria Lopez', frontDeskPassword);
    await p.call('consents.revoke', { id: other.id, receivedOn: '2026-11-29', method: 'in_person', note: '', scan: null });
    expect(await rejection(p.call('consents.revocationScan', { id: other.id }))).toMatchObject({ code: 'not_found', message: 'This revocation was recorded without a scan.' });
  });

  it('changes status as the days pass while the app is open', async () => {
    const final = await signAuthorization(p.call, p.patient.id, completeTerms({ expiration: { kind: 'date', date: '2026-12-20' } }), 'Maria Lopez', frontDeskPassword);
    expect(final.status).toBe('expiring_soon');
    p.clock.set('2026-12-19T16:00:00.000Z');
    await p.call('session.signIn', { username: 'frontdesk', password: frontDeskPassword });
    expect((await p.call('consents.listForPatient', { patientId: p.patient.id }))[0]?.status).toBe('expiring_soon');
    p.clock.set('2026-12-20T16:00:00.000Z');
    await p.call('session.signIn', { username: 'frontdesk', password: frontDeskPassword });
    expect((await p.call('consents.listForPatient', { patientId: p.patient.id }))[0]?.status).toBe('expired');
  });

  it('expires when its expiration event is recorded', async () => {
    const final = await signAuthorization(p.call, p.patient.id, completeTerms({ expiration: { kind: 'event', event: 'End of my treatment plan' } }), 'Maria Lopez', frontDeskPassword);
    expect(final.status).toBe('active');
    const ended = await p.call('consents.recordExpirationEvent', { id: final.id, occurredOn: '2026-11-29' });
    expect(ended.status).toBe('expired');
    expect((await rejection(p.call('consents.recordExpirationEvent', { id: final.id, occurredOn: '2026-11-29' }))).code).toBe('conflict');
  });
});

describe('listing every authorization', () => {
  it('gives each one with its status today, for audits and the command line', async () => {
    const final = await signAuthorization(p.call, p.patient.id, completeTerms(), 'Maria Lopez', frontDeskPassword);
    await p.call('consents.createDraft', { patientId: p.patient.id, terms: completeTerms({ language: 'es' }) });
    const all = await p.call('consents.list', {});
    expect(all.map((a) => a.status).sort()).toEqual(['active', 'draft']);
    expect(all.find((a) => a.id === final.id)?.pdfSha256).toBe(final.pdfSha256);
  });
});

import { signatureProblem } from '../../../shared/authorization/signature';
import { sameSignerName } from '../../../shared/authorization/signer-name';
import { fillIn, patientLanguages } from '../../../shared/patient-language';
import { AppError } from '../../../shared/errors';
import { patientName } from '../../../shared/patients';
import { auditOfSubject } from '../audit/audit-log';
import type { BackendCore } from '../backend-core';
import { contentHash, detailOf, documentOf, draftProblems, partiesOf, sha256Hex, shownText, summaryOf, type SignerFacts } from '../consents/authorization-view';
import { decodePngDataUrl, decodeScan } from '../consents/uploaded-file';
import { reconcilePosts } from '../posts/post-checks';
import { listPosts } from '../repositories/post-repository';
import { renderAuthorizationPdf, renderRevocationPdf } from '../rendering/time-limited-pdf';
import {
  authorizationPdf as storedPdf,
  authorizationSummariesAfter,
  deleteDraft,
  getAuthorization,
  insertDraft,
  listAuthorizations,
  listAuthorizationsOfPatient,
  recordExpirationEvent,
  recordPatientSignature,
  recordRevocation,
  revocationPdf as storedRevocationPdf,
  revocationScan as storedRevocationScan,
  signatureImage,
  finalizeAuthorization,
  updateDraft,
  type AuthorizationRecord,
} from '../repositories/authorization-repository';
import { activeTemplate, getTemplate, listTemplates } from '../repositories/template-repository';
import { renderAuthorization } from '../../../shared/authorization/document';
import { signingCertificate } from './certificate-handlers';
import { consentPage } from '../repositories/list-pages';
import type { Handlers } from './handler';
import { insertPatientCopy } from '../repositories/patient-copy-repository';
import { existingPatient } from './patient-handlers';

export function existing(core: BackendCore, id: string): AuthorizationRecord {
  const record = getAuthorization(core.requireStore().db, id);
  if (!record) throw new AppError('not_found', 'That authorization does not exist.');
  return record;
}

export function detail(core: BackendCore, id: string) {
  const record = existing(core, id);
  return detailOf(core.requireStore().db, record, existingPatient(core, record.patientId), core.settings, core.today(), signerContext(core, record.patientId));
}

export function mustBeDraft(record: AuthorizationRecord): void {
  if (record.stage !== 'draft') {
    throw new AppError('conflict', 'This authorization has been signed and can no longer change. Revoke it or prepare a new one.');
  }
}

/** In patient mode only the authorization handed over may be touched. */
function mustBeHandedOver(core: BackendCore, id: string): void {
  const handedOver = core.patientModeFor;
  if (handedOver && handedOver !== id) throw new AppError('forbidden', 'Only the authorization handed to the patient can be used now.');
}

/** The practice's view of who the patient is, for "who may sign today". */
function signerContext(core: BackendCore, patientId: string): SignerFacts {
  return { dateOfBirth: existingPatient(core, patientId).dateOfBirth, ageOfMajority: core.settings.ageOfMajority };
}

/** Refuse to go on with a draft that could not be signed: its terms (and who signs), its wording or the practice's details are incomplete. */
export function assertComplete(core: BackendCore, record: AuthorizationRecord): void {
  const template = getTemplate(core.requireStore().db, record.templateId)!;
  const problems = draftProblems(template, record.terms, core.settings, core.today(), signerContext(core, record.patientId));
  if (problems.length) {
    throw new AppError('validation', `Not ready to sign: ${problems.map((p) => p.message).join(' ')}`, {
      issues: problems.map(({ path, message }) => ({ path, message })),
    });
  }
}

const signatureProblemWords = { empty: 'signatureEmpty', tooSmall: 'signatureTooSmall', straightLine: 'signatureStraightLine' } as const;

export const file = (fileName: string, bytes: Buffer) => ({ fileName, mimeType: 'application/pdf', base64: bytes.toString('base64'), sha256: sha256Hex(bytes) });

export const consentHandlers = {
  'consents.page': (core, input) => consentPage(core.requireStore().db, input, core.today()),

  'consents.list': (core) => {
    const db = core.requireStore().db;
    const today = core.today();
    const versions = new Map(listTemplates(db).map((t) => [t.id, t]));
    return listAuthorizations(db).map((r) => summaryOf(r, versions.get(r.templateId)!, today));
  },

  'consents.chunk': (core, { after, limit }) => {
    const rows = authorizationSummariesAfter(core.requireStore().db, after, limit, core.today());
    const last = rows.length === limit ? rows.at(-1) : undefined;
    return { rows, next: last ? { createdAt: last.createdAt, id: last.id } : null };
  },

  'consents.listForPatient': (core, { patientId }) => {
    const db = core.requireStore().db;
    existingPatient(core, patientId);
    const today = core.today();
    return listAuthorizationsOfPatient(db, patientId).map((r) => summaryOf(r, getTemplate(db, r.templateId)!, today));
  },

  'consents.get': (core, { id }) => {
    mustBeHandedOver(core, id);
    const result = detail(core, id);
    const store = core.requireStore();
    store.write(() => core.audit({ action: 'consent.viewed', subjectType: 'authorization', subjectId: id }));
    return result;
  },

  'consents.preview': (core, { patientId, terms }) => {
    const db = core.requireStore().db;
    const patient = existingPatient(core, patientId);
    const template = activeTemplate(db, terms.language);
    return {
      document: renderAuthorization(template, terms, partiesOf(core.settings, patient)),
      problems: draftProblems(template, terms, core.settings, core.today(), signerContext(core, patientId)),
    };
  },

  'consents.createDraft': (core, { patientId, terms }) => {
    const store = core.requireStore();
    existingPatient(core, patientId);
    const id = core.newId();
    store.write(() => {
      insertDraft(store.db, {
        id,
        patientId,
        templateId: activeTemplate(store.db, terms.language).id,
        terms,
        createdAt: core.nowIso(),
        createdBy: core.requireSession().id,
      });
      core.audit({ action: 'consent.drafted', subjectType: 'authorization', subjectId: id, detail: `patient ${patientId}` });
    });
    return detail(core, id);
  },

  'consents.updateDraft': (core, { id, terms }) => {
    const store = core.requireStore();
    mustBeDraft(existing(core, id));
    store.write(() => {
      if (!updateDraft(store.db, id, activeTemplate(store.db, terms.language).id, terms, core.nowIso())) mustBeDraft(existing(core, id));
      core.audit({ action: 'consent.draft_updated', subjectType: 'authorization', subjectId: id });
    });
    return detail(core, id);
  },

  'consents.discardDraft': (core, { id }) => {
    const store = core.requireStore();
    mustBeDraft(existing(core, id));
    store.write(() => {
      deleteDraft(store.db, id);
      core.audit({ action: 'consent.draft_discarded', subjectType: 'authorization', subjectId: id });
    });
    return null;
  },

  'consents.startPatientMode': (core, { id }) => {
    const store = core.requireStore();
    const record = existing(core, id);
    mustBeDraft(record);
    assertComplete(core, record);
    core.setPatientMode(id);
    store.write(() => core.audit({ action: 'consent.patient_mode_started', subjectType: 'authorization', subjectId: id }));
    return core.appState();
  },

  'consents.patientSign': async (core, input) => {
    const store = core.requireStore();
    if (core.patientModeFor !== input.id) {
      throw new AppError('forbidden', 'Hand the screen to the patient (patient mode) before they sign.');
    }
    const record = existing(core, input.id);
    mustBeDraft(record);
    assertComplete(core, record);
    // The patient reads these refusals: they come in the authorization's language.
    const words = patientLanguages[record.terms.language].patientMode;
    // A typed signature has no strokes to judge: the typed name (checked below) is the sign adopted.
    if (input.signatureKind === 'typed' && input.strokes.length > 0) {
      throw new AppError('validation', 'A typed signature has no drawn strokes.', { issues: [{ path: 'signature', message: words.signatureEmpty }] });
    }
    const problem = input.signatureKind === 'typed' ? null : signatureProblem(input.strokes, input.canvas);
    if (problem) {
      const message = words[signatureProblemWords[problem]];
      throw new AppError('validation', message, { issues: [{ path: 'signature', message }] });
    }
    const patient = existingPatient(core, record.patientId);
    const expectedSigner = record.terms.representative?.name ?? patientName(patient);
    if (!sameSignerName(input.typedName, expectedSigner)) {
      const message = fillIn(words.typedNameMismatch, { signer: expectedSigner });
      throw new AppError('validation', message, { issues: [{ path: 'typedName', message }] });
    }
    const template = getTemplate(store.db, record.templateId)!;
    const documentShown = documentOf(record, template, patient, core.settings, 'electronic');
    const shown = shownText(documentShown);
    if (shown.sha256 !== input.textSha256) throw new AppError('conflict', words.textChanged);
    const png = await decodePngDataUrl(input.signaturePng, 'signature');
    store.write(() => {
      recordPatientSignature(store.db, input.id, {
        signedAt: core.nowIso(),
        signerName: input.typedName,
        signatureKind: input.signatureKind,
        signaturePng: png,
        strokes: input.strokes,
        canvas: input.canvas,
        workstation: core.workstation,
        textShown: shown.text,
        textSha256: shown.sha256,
        documentShown,
      });
      core.audit({
        action: 'consent.signed',
        subjectType: 'authorization',
        subjectId: input.id,
        detail: `${record.terms.representative ? 'by representative' : 'by patient'}${input.signatureKind === 'typed' ? '; typed name adopted as signature' : ''}${record.terms.minorSignsAlone ? `; minor signs alone: ${record.terms.minorSignsAlone.reason}` : ''}; text SHA-256 ${shown.sha256}`,
      });
    });
    return detail(core, input.id);
  },

  'consents.witness': async (core, { id, password }) => {
    const store = core.requireStore();
    const witness = core.requireSession();
    mustBeHandedOver(core, id);
    const record = existing(core, id);
    if (record.stage !== 'signed') {
      throw new AppError('conflict', record.stage === 'draft' ? 'The patient has not signed yet.' : 'This authorization is already final.');
    }
    await core.confirmPassword(witness, password, 'witnessing a signature');
    const patient = existingPatient(core, record.patientId);
    const template = getTemplate(store.db, record.templateId)!;
    const practiceName = core.settings.practiceName;
    const png = signatureImage(store.db, id)!;
    const witnessedAt = core.nowIso();
    const contentSha256 = contentHash({
      authorizationId: id,
      patientId: patient.id,
      patientName: patientName(patient),
      practiceName,
      templateId: template.id,
      templateVersion: template.version,
      terms: record.terms,
      textSha256: record.textSha256!,
      signerName: record.signerName!,
      signedAt: record.signedAt!,
      signaturePngSha256: sha256Hex(png),
      strokesSha256: sha256Hex(JSON.stringify(record.strokes)),
      workstation: record.workstation!,
      witnessId: witness.id,
      witnessedAt,
    });
    const certificate = await signingCertificate(core);
    const pdf = await renderAuthorizationPdf({
      authorizationId: id,
      practiceName,
      patientName: patientName(patient),
      document: documentOf(record, template, patient, core.settings),
      signature: {
        png,
        signerName: record.signerName!,
        signedAt: record.signedAt!,
        signedOn: core.dayOfInstant(record.signedAt!),
        representative: record.terms.representative,
        workstation: record.workstation!,
        textSha256: record.textSha256!,
        signatureKind: record.signatureKind,
        strokeCount: record.strokes?.length ?? 0,
        pointCount: record.strokes?.reduce((n, s) => n + s.length, 0) ?? 0,
        agreedToSignElectronically: record.esignAgreed,
      },
      witness: { name: witness.displayName, username: witness.username, at: witnessedAt },
      contentSha256,
      auditEvents: auditOfSubject(store.db, id),
      certificate,
    });
    const pdfSha256 = sha256Hex(pdf);
    store.write(() => {
      if (!finalizeAuthorization(store.db, id, { witnessId: witness.id, witnessedAt, contentSha256, pdf, pdfSha256 })) {
        throw new AppError('conflict', 'This authorization changed meanwhile; nothing was saved.');
      }
      core.audit({ action: 'consent.witnessed', subjectType: 'authorization', subjectId: id, detail: `PDF SHA-256 ${pdfSha256}` });
    });
    core.setPatientMode(null);
    return detail(core, id);
  },

  'consents.pdf': (core, { id }) => {
    const store = core.requireStore();
    const record = existing(core, id);
    const pdf = record.stage === 'final' ? storedPdf(store.db, id) : null;
    if (!pdf) throw new AppError('not_found', 'This authorization has no signed PDF yet: it becomes final when staff witness it.');
    store.write(() => core.audit({ action: 'consent.pdf_exported', subjectType: 'authorization', subjectId: id }));
    return file(`authorization-${id}.pdf`, pdf);
  },

  'consents.revoke': async (core, input) => {
    const store = core.requireStore();
    const record = existing(core, input.id);
    if (record.stage !== 'final') throw new AppError('conflict', 'Only a final authorization can be revoked; discard a draft instead.');
    if (record.revokedAt) throw new AppError('conflict', 'This authorization was already revoked.');
    const today = core.today();
    if (input.receivedOn > today) {
      throw new AppError('validation', 'The revocation cannot have arrived in the future.', {
        issues: [{ path: 'receivedOn', message: 'Use today or an earlier day.' }],
      });
    }
    // On paper, the day written on the form; on screen, the practice's day of the signature.
    const signedOn = record.paperSignedOn ?? core.dayOfInstant(record.signedAt!);
    if (input.receivedOn < signedOn) {
      throw new AppError('validation', 'The revocation cannot have arrived before the authorization was signed.', {
        issues: [{ path: 'receivedOn', message: 'Check the date.' }],
      });
    }
    const scan = input.scan ? await decodeScan(input.scan.base64, input.scan.mimeType, 'scan', 20_000_000) : null;
    const me = core.requireSession();
    const recordedAt = core.nowIso();
    const patient = existingPatient(core, record.patientId);
    const certificate = await signingCertificate(core);
    // The posts the letter lists: every one that went out under this consent and is not down yet, or came down for it.
    const posts = listPosts(store.db, "WHERE consent_id = ? AND published_at IS NOT NULL", input.id).map((p) => ({
      channel: p.channel,
      url: p.publishedUrl,
      publishedOn: p.publishedAt!,
      takenDown: p.state === 'taken_down',
      publishedAfterReceipt: p.publishedAt! >= input.receivedOn,
    }));
    const pdf = await renderRevocationPdf({
      authorizationId: input.id,
      language: record.terms.language,
      practiceName: core.settings.practiceName,
      patientName: patientName(patient),
      signedOn,
      receivedOn: input.receivedOn,
      posts,
      method: input.method,
      enteredBy: me.displayName,
      recordedAt,
      scanAttached: scan !== null,
      authorizationPdfSha256: record.pdfSha256!,
      certificate,
    });
    const pdfSha256 = sha256Hex(pdf);
    store.write(() => {
      recordRevocation(store.db, input.id, {
        revokedAt: recordedAt,
        receivedOn: input.receivedOn,
        method: input.method,
        note: input.note,
        scan,
        scanType: input.scan?.mimeType ?? null,
        scanSha256: scan && sha256Hex(scan),
        revokedBy: me.id,
        pdf,
        pdfSha256,
      });
      core.audit({
        action: 'consent.revoked',
        subjectType: 'authorization',
        subjectId: input.id,
        detail: `received ${input.receivedOn} (${input.method}); acknowledgment SHA-256 ${pdfSha256}${scan ? `; scan SHA-256 ${sha256Hex(scan)}` : ''}`,
      });
      // In the same transaction: no moment exists where the consent is
      // revoked but a post relying on it still stands as published.
      reconcilePosts(store.db, core.checkContext(), core.nowIso(), { consentId: input.id });
    });
    return detail(core, input.id);
  },

  'consents.recordPatientCopy': (core, { id, method }) => {
    const store = core.requireStore();
    const record = existing(core, id);
    if (record.stage !== 'final') {
      throw new AppError('conflict', 'The patient gets a copy once the authorization is signed and witnessed.');
    }
    const staff = core.requireSession();
    store.write(() => {
      insertPatientCopy(store.db, { id: core.newId(), authorizationId: id, method, recordedAt: core.nowIso(), recordedBy: staff.id });
      core.audit({ action: 'consent.patient_copy_recorded', subjectType: 'authorization', subjectId: id, detail: method });
    });
    return detail(core, id);
  },

  'consents.revocationPdf': (core, { id }) => {
    const store = core.requireStore();
    existing(core, id);
    const pdf = storedRevocationPdf(store.db, id);
    if (!pdf) throw new AppError('not_found', 'This authorization has not been revoked.');
    store.write(() => core.audit({ action: 'consent.revocation_pdf_exported', subjectType: 'authorization', subjectId: id }));
    return file(`revocation-${id}.pdf`, pdf);
  },

  'consents.revocationScan': (core, { id }) => {
    const store = core.requireStore();
    existing(core, id);
    const scan = storedRevocationScan(store.db, id);
    if (!scan) throw new AppError('not_found', 'This revocation was recorded without a scan.');
    // Checked like the PDFs the bundle copies: a scan that no longer matches its recorded hash is not shown as the one received.
    if (sha256Hex(scan.bytes) !== scan.sha256) throw new AppError('store_damaged', 'The revocation’s scan does not match the one recorded; restore the store from a backup.');
    store.write(() => core.audit({ action: 'consent.revocation_scan_viewed', subjectType: 'authorization', subjectId: id }));
    const extension = scan.type === 'application/pdf' ? 'pdf' : scan.type === 'image/png' ? 'png' : 'jpg';
    return { fileName: `revocation-scan-${id}.${extension}`, mimeType: scan.type, base64: scan.bytes.toString('base64'), sha256: scan.sha256 };
  },

  'consents.recordExpirationEvent': (core, { id, occurredOn }) => {
    const store = core.requireStore();
    const record = existing(core, id);
    if (record.stage !== 'final' || record.terms.expiration.kind !== 'event') {
      throw new AppError('conflict', 'Only a final authorization that ends on an event can have that event recorded.');
    }
    if (record.expirationEventAt) throw new AppError('conflict', 'The expiration event was already recorded.');
    if (occurredOn > core.today()) {
      throw new AppError('validation', 'The event cannot have happened in the future.', {
        issues: [{ path: 'occurredOn', message: 'Use today or an earlier day.' }],
      });
    }
    store.write(() => {
      const at = core.nowIso();
      recordExpirationEvent(store.db, id, { at, on: occurredOn, by: core.requireSession().id });
      core.audit({ action: 'consent.expiration_event_recorded', subjectType: 'authorization', subjectId: id, detail: `occurred ${occurredOn}` });
      reconcilePosts(store.db, core.checkContext(), at, { consentId: id });
    });
    return detail(core, id);
  },
} satisfies Partial<Handlers>;

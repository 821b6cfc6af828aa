import { signatureProblem } from '../../../shared/authorization/signature';
import { sameSignerName } from '../../../shared/authorization/signer-name';
import type { AuthorizationDetail } from '../../../shared/authorization/record';
import type { AuthorizationTemplate } from '../../../shared/authorization/template';
import type { BackendCallName, CallOutput, ParsedInput } from '../../../shared/contract';
import { fillIn, patientLanguages } from '../../../shared/patient-language';
import { AppError } from '../../../shared/errors';
import { patientName, type Patient } from '../../../shared/patients';
import { auditIn, type ConsentCore, type EngineCore } from '../engine-core';
import { contentHash, detailOf, documentOf, draftProblems, partiesOf, sha256Hex, shownText, summaryOf, type SignerFacts } from '../consents/authorization-view';
import { decodePngDataUrl, decodeScan } from '../consents/uploaded-file';
import { renderAuthorizationPdf, renderRevocationPdf } from '../rendering/time-limited-pdf';
import type { AuthorizationRecord } from '../repositories/authorization-repository';
import { renderAuthorization } from '../../../shared/authorization/document';
import type { Versioned } from '../store-pg/store-interface';
import { signingCertificate } from './certificate-handlers';
import { patientIn } from './patient-handlers';

/**
 * The consents feature on the store engine (issue 15, switch-over step 3):
 * each call is one engine transaction (a list, a read), its audit event
 * appended in it, so a refused or failed call leaves neither record nor
 * event. Slow work (decoding a signature or a scan, checking a password,
 * making the certificate, rendering and signing a PDF) runs between a read
 * and the write, never inside a transaction; the write names the version it
 * read (`expected`), so a record changed meanwhile (another workstation) is
 * `conflict` and nothing is saved. The same handlers run on the encrypted
 * SQLite file and on PostgreSQL (consent-handlers.engines.test.ts).
 */

export type ConsentRecord = Versioned<AuthorizationRecord>;

/** Written against `ConsentCore`, not `BackendCore`: the same handlers run on either engine. */
export type ConsentHandlers<K extends BackendCallName> = { [P in K]: (core: ConsentCore, input: ParsedInput<P>) => Promise<CallOutput<P>> };

export async function existingIn(core: EngineCore, tx: unknown, id: string): Promise<ConsentRecord> {
  const record = await core.engine.records.consents.getAuthorization(tx, id);
  if (!record) throw new AppError('not_found', 'That authorization does not exist.');
  return record;
}

/** The wording version a record names (a foreign key on SQLite; moved with the records to the server). */
export async function templateIn(core: EngineCore, tx: unknown, id: string): Promise<AuthorizationTemplate> {
  const template = await core.engine.records.practice.templates.getTemplate(tx, id);
  if (!template) throw new AppError('store_damaged', 'The wording an authorization names is missing; restore the store from a backup.');
  return template;
}

/** The record, its wording and its patient: what most steps read first. */
export async function partsIn(core: EngineCore, tx: unknown, id: string): Promise<{ record: ConsentRecord; template: AuthorizationTemplate; patient: Patient }> {
  const record = await existingIn(core, tx, id);
  return { record, template: await templateIn(core, tx, record.templateId), patient: await patientIn(core, tx, record.patientId) };
}

/** The detail screen's view of authorization `id`, read in `tx` (after a write, what it left). */
export async function detailIn(core: ConsentCore, tx: unknown, id: string): Promise<AuthorizationDetail> {
  const { record, template, patient } = await partsIn(core, tx, id);
  const { staff, practice } = core.engine.records;
  const parts = {
    template,
    patient,
    witness: record.witnessId ? await staff.getStaffById(tx, record.witnessId) : undefined,
    revokedBy: record.revokedBy ? await staff.getStaffById(tx, record.revokedBy) : undefined,
    patientCopy: record.stage === 'final' ? await practice.patientCopies.latestPatientCopy(tx, record.id) : null,
  };
  return detailOf(record, parts, core.settings, core.today(), signerContext(core, patient));
}

export function mustBeDraft(record: AuthorizationRecord): void {
  if (record.stage !== 'draft') {
    throw new AppError('conflict', 'This authorization has been signed and can no longer change. Revoke it or prepare a new one.');
  }
}

/** In patient mode only the authorization handed over may be touched. */
function mustBeHandedOver(core: ConsentCore, id: string): void {
  const handedOver = core.patientModeFor;
  if (handedOver && handedOver !== id) throw new AppError('forbidden', 'Only the authorization handed to the patient can be used now.');
}

/** The practice's view of who the patient is, for "who may sign today". */
function signerContext(core: ConsentCore, patient: Patient): SignerFacts {
  return { dateOfBirth: patient.dateOfBirth, ageOfMajority: core.settings.ageOfMajority };
}

/** Refuse to go on with a draft that could not be signed: its terms (and who signs), its wording or the practice's details are incomplete. */
export function assertComplete(core: ConsentCore, record: AuthorizationRecord, template: AuthorizationTemplate, patient: Patient): void {
  const problems = draftProblems(template, record.terms, core.settings, core.today(), signerContext(core, patient));
  if (problems.length) {
    throw new AppError('validation', `Not ready to sign: ${problems.map((p) => p.message).join(' ')}`, {
      issues: problems.map(({ path, message }) => ({ path, message })),
    });
  }
}

/** A workflow step found the record no longer as it was read: another workstation changed it. */
export const changedMeanwhile = () => new AppError('conflict', 'This authorization changed meanwhile; nothing was saved.');

const signatureProblemWords = { empty: 'signatureEmpty', tooSmall: 'signatureTooSmall', straightLine: 'signatureStraightLine' } as const;

export const file = (fileName: string, bytes: Buffer) => ({ fileName, mimeType: 'application/pdf', base64: bytes.toString('base64'), sha256: sha256Hex(bytes) });

type ConsentCall =
  | 'consents.page'
  | 'consents.list'
  | 'consents.chunk'
  | 'consents.listForPatient'
  | 'consents.get'
  | 'consents.preview'
  | 'consents.createDraft'
  | 'consents.updateDraft'
  | 'consents.discardDraft'
  | 'consents.startPatientMode'
  | 'consents.patientSign'
  | 'consents.witness'
  | 'consents.pdf'
  | 'consents.revoke'
  | 'consents.recordPatientCopy'
  | 'consents.revocationPdf'
  | 'consents.revocationScan'
  | 'consents.recordExpirationEvent';

export const consentHandlers: ConsentHandlers<ConsentCall> = {
  'consents.page': (core, input) => core.engine.read((tx) => core.engine.records.consents.consentPage(tx, input, core.today())),

  'consents.list': (core) =>
    core.engine.read(async (tx) => {
      const { consents, practice } = core.engine.records;
      const today = core.today();
      const versions = new Map((await practice.templates.listTemplates(tx)).map((t) => [t.id, t]));
      return (await consents.listAuthorizations(tx)).map((r) => summaryOf(r, versions.get(r.templateId)!, today));
    }),

  'consents.chunk': (core, { after, limit }) =>
    core.engine.read(async (tx) => {
      const rows = await core.engine.records.consents.authorizationSummariesAfter(tx, after, limit, core.today());
      const last = rows.length === limit ? rows.at(-1) : undefined;
      return { rows, next: last ? { createdAt: last.createdAt, id: last.id } : null };
    }),

  'consents.listForPatient': (core, { patientId }) =>
    core.engine.read(async (tx) => {
      await patientIn(core, tx, patientId);
      const { consents, practice } = core.engine.records;
      const today = core.today();
      const versions = new Map((await practice.templates.listTemplates(tx)).map((t) => [t.id, t]));
      return (await consents.listAuthorizationsOfPatient(tx, patientId)).map((r) => summaryOf(r, versions.get(r.templateId)!, today));
    }),

  'consents.get': (core, { id }) => {
    mustBeHandedOver(core, id);
    return core.engine.write(async (tx) => {
      const result = await detailIn(core, tx, id);
      await auditIn(core, tx, { action: 'consent.viewed', subjectType: 'authorization', subjectId: id });
      return result;
    });
  },

  'consents.preview': (core, { patientId, terms }) =>
    core.engine.read(async (tx) => {
      const patient = await patientIn(core, tx, patientId);
      const template = await core.engine.records.practice.templates.activeTemplate(tx, terms.language);
      return {
        document: renderAuthorization(template, terms, partiesOf(core.settings, patient)),
        problems: draftProblems(template, terms, core.settings, core.today(), signerContext(core, patient)),
      };
    }),

  'consents.createDraft': (core, { patientId, terms }) => {
    const createdBy = core.requireSession().id;
    return core.engine.write(async (tx) => {
      const { consents, practice } = core.engine.records;
      await patientIn(core, tx, patientId);
      const id = core.newId();
      const templateId = (await practice.templates.activeTemplate(tx, terms.language)).id;
      await consents.insertDraft(tx, { id, patientId, templateId, terms, createdAt: core.nowIso(), createdBy });
      await auditIn(core, tx, { action: 'consent.drafted', subjectType: 'authorization', subjectId: id, detail: `patient ${patientId}` });
      return detailIn(core, tx, id);
    });
  },

  'consents.updateDraft': (core, { id, terms, rowVersion }) =>
    core.engine.write(async (tx) => {
      const { consents, practice } = core.engine.records;
      mustBeDraft(await existingIn(core, tx, id));
      const templateId = (await practice.templates.activeTemplate(tx, terms.language)).id;
      // A version named and stale: `conflict`, nothing written (the change was made on an older copy).
      if (!(await consents.updateDraft(tx, id, templateId, terms, core.nowIso(), rowVersion === undefined ? undefined : { rowVersion }))) {
        mustBeDraft(await existingIn(core, tx, id));
        throw changedMeanwhile();
      }
      await auditIn(core, tx, { action: 'consent.draft_updated', subjectType: 'authorization', subjectId: id });
      return detailIn(core, tx, id);
    }),

  'consents.discardDraft': (core, { id, rowVersion }) =>
    core.engine.write(async (tx) => {
      mustBeDraft(await existingIn(core, tx, id));
      if (!(await core.engine.records.consents.deleteDraft(tx, id, rowVersion === undefined ? undefined : { rowVersion }))) throw changedMeanwhile();
      await auditIn(core, tx, { action: 'consent.draft_discarded', subjectType: 'authorization', subjectId: id });
      return null;
    }),

  'consents.startPatientMode': async (core, { id }) => {
    await core.engine.write(async (tx) => {
      const { record, template, patient } = await partsIn(core, tx, id);
      mustBeDraft(record);
      assertComplete(core, record, template, patient);
      await auditIn(core, tx, { action: 'consent.patient_mode_started', subjectType: 'authorization', subjectId: id });
    });
    core.setPatientMode(id);
    return await core.appState();
  },

  'consents.patientSign': async (core, input) => {
    if (core.patientModeFor !== input.id) {
      throw new AppError('forbidden', 'Hand the screen to the patient (patient mode) before they sign.');
    }
    const { record, template, patient } = await core.engine.read((tx) => partsIn(core, tx, input.id));
    mustBeDraft(record);
    assertComplete(core, record, template, patient);
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
    const expectedSigner = record.terms.representative?.name ?? patientName(patient);
    if (!sameSignerName(input.typedName, expectedSigner)) {
      const message = fillIn(words.typedNameMismatch, { signer: expectedSigner });
      throw new AppError('validation', message, { issues: [{ path: 'typedName', message }] });
    }
    const documentShown = documentOf(record, template, patient, core.settings, 'electronic');
    const shown = shownText(documentShown);
    if (shown.sha256 !== input.textSha256) throw new AppError('conflict', words.textChanged);
    const png = await decodePngDataUrl(input.signaturePng, 'signature');
    return core.engine.write(async (tx) => {
      const signed = await core.engine.records.consents.recordPatientSignature(
        tx,
        input.id,
        {
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
        },
        { rowVersion: record.rowVersion },
      );
      if (!signed) throw changedMeanwhile();
      await auditIn(core, tx, {
        action: 'consent.signed',
        subjectType: 'authorization',
        subjectId: input.id,
        detail: `${record.terms.representative ? 'by representative' : 'by patient'}${input.signatureKind === 'typed' ? '; typed name adopted as signature' : ''}${record.terms.minorSignsAlone ? `; minor signs alone: ${record.terms.minorSignsAlone.reason}` : ''}; text SHA-256 ${shown.sha256}`,
      });
      return detailIn(core, tx, input.id);
    });
  },

  'consents.witness': async (core, { id, password }) => {
    const witness = core.requireSession();
    mustBeHandedOver(core, id);
    const { record, template, patient, png, auditEvents } = await core.engine.read(async (tx) => {
      const parts = await partsIn(core, tx, id);
      if (parts.record.stage !== 'signed') {
        throw new AppError('conflict', parts.record.stage === 'draft' ? 'The patient has not signed yet.' : 'This authorization is already final.');
      }
      const { consents, audit } = core.engine.records;
      return { ...parts, png: (await consents.signatureImage(tx, id))!, auditEvents: await audit.auditOfSubject(tx, id) };
    });
    await core.confirmPassword(witness, password, 'witnessing a signature');
    const practiceName = core.settings.practiceName;
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
      auditEvents,
      certificate,
    });
    const pdfSha256 = sha256Hex(pdf);
    const detail = await core.engine.write(async (tx) => {
      // The version read above: an authorization changed since is not finalised on an old reading.
      if (!(await core.engine.records.consents.finalizeAuthorization(tx, id, { witnessId: witness.id, witnessedAt, contentSha256, pdf, pdfSha256 }, { rowVersion: record.rowVersion }))) {
        throw changedMeanwhile();
      }
      await auditIn(core, tx, { action: 'consent.witnessed', subjectType: 'authorization', subjectId: id, detail: `PDF SHA-256 ${pdfSha256}` });
      return detailIn(core, tx, id);
    });
    core.setPatientMode(null);
    return detail;
  },

  'consents.pdf': (core, { id }) =>
    core.engine.write(async (tx) => {
      const record = await existingIn(core, tx, id);
      const pdf = record.stage === 'final' ? await core.engine.records.consents.authorizationPdf(tx, id) : null;
      if (!pdf) throw new AppError('not_found', 'This authorization has no signed PDF yet: it becomes final when staff witness it.');
      await auditIn(core, tx, { action: 'consent.pdf_exported', subjectType: 'authorization', subjectId: id });
      return file(`authorization-${id}.pdf`, pdf);
    }),

  'consents.revoke': async (core, input) => {
    const today = core.today();
    const { record, patient, posts } = await core.engine.read(async (tx) => {
      const record = await existingIn(core, tx, input.id);
      if (record.stage !== 'final') throw new AppError('conflict', 'Only a final authorization can be revoked; discard a draft instead.');
      if (record.revokedAt) throw new AppError('conflict', 'This authorization was already revoked.');
      if (input.receivedOn > today) {
        throw new AppError('validation', 'The revocation cannot have arrived in the future.', {
          issues: [{ path: 'receivedOn', message: 'Use today or an earlier day.' }],
        });
      }
      // On paper, the day written on the form; on screen, the practice's day of the signature.
      if (input.receivedOn < signedOnOf(core, record)) {
        throw new AppError('validation', 'The revocation cannot have arrived before the authorization was signed.', {
          issues: [{ path: 'receivedOn', message: 'Check the date.' }],
        });
      }
      const posts = (await core.engine.records.posts.listPosts(tx, { consentId: input.id })).filter((p) => p.publishedAt !== null);
      return { record, patient: await patientIn(core, tx, record.patientId), posts };
    });
    const scan = input.scan ? await decodeScan(input.scan.base64, input.scan.mimeType, 'scan', 20_000_000) : null;
    const me = core.requireSession();
    const recordedAt = core.nowIso();
    const certificate = await signingCertificate(core);
    const pdf = await renderRevocationPdf({
      authorizationId: input.id,
      language: record.terms.language,
      practiceName: core.settings.practiceName,
      patientName: patientName(patient),
      signedOn: signedOnOf(core, record),
      receivedOn: input.receivedOn,
      // The posts the letter lists: every one that went out under this consent and is not down yet, or came down for it.
      posts: posts.map((p) => ({
        channel: p.channel,
        url: p.publishedUrl,
        publishedOn: p.publishedAt!,
        takenDown: p.state === 'taken_down',
        publishedAfterReceipt: p.publishedAt! >= input.receivedOn,
      })),
      method: input.method,
      enteredBy: me.displayName,
      recordedAt,
      scanAttached: scan !== null,
      authorizationPdfSha256: record.pdfSha256!,
      certificate,
    });
    const pdfSha256 = sha256Hex(pdf);
    return core.engine.write(async (tx) => {
      const revoked = await core.engine.records.consents.recordRevocation(
        tx,
        input.id,
        {
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
        },
        { rowVersion: record.rowVersion },
      );
      if (!revoked) throw changedMeanwhile();
      await auditIn(core, tx, {
        action: 'consent.revoked',
        subjectType: 'authorization',
        subjectId: input.id,
        detail: `received ${input.receivedOn} (${input.method}); acknowledgment SHA-256 ${pdfSha256}${scan ? `; scan SHA-256 ${sha256Hex(scan)}` : ''}`,
      });
      // In the same transaction: no moment exists where the consent is
      // revoked but a post relying on it still stands as published.
      await core.afterConsentChange(tx, { consentId: input.id, kind: 'revoked', at: core.nowIso() });
      return detailIn(core, tx, input.id);
    });
  },

  'consents.recordPatientCopy': (core, { id, method }) => {
    const staff = core.requireSession();
    return core.engine.write(async (tx) => {
      const record = await existingIn(core, tx, id);
      if (record.stage !== 'final') {
        throw new AppError('conflict', 'The patient gets a copy once the authorization is signed and witnessed.');
      }
      await core.engine.records.practice.patientCopies.insertPatientCopy(tx, { id: core.newId(), authorizationId: id, method, recordedAt: core.nowIso(), recordedBy: staff.id });
      await auditIn(core, tx, { action: 'consent.patient_copy_recorded', subjectType: 'authorization', subjectId: id, detail: method });
      return detailIn(core, tx, id);
    });
  },

  'consents.revocationPdf': (core, { id }) =>
    core.engine.write(async (tx) => {
      await existingIn(core, tx, id);
      const pdf = await core.engine.records.consents.revocationPdf(tx, id);
      if (!pdf) throw new AppError('not_found', 'This authorization has not been revoked.');
      await auditIn(core, tx, { action: 'consent.revocation_pdf_exported', subjectType: 'authorization', subjectId: id });
      return file(`revocation-${id}.pdf`, pdf);
    }),

  'consents.revocationScan': (core, { id }) =>
    core.engine.write(async (tx) => {
      await existingIn(core, tx, id);
      const scan = await core.engine.records.consents.revocationScan(tx, id);
      if (!scan) throw new AppError('not_found', 'This revocation was recorded without a scan.');
      // Checked like the PDFs the bundle copies: a scan that no longer matches its recorded hash is not shown as the one received.
      if (sha256Hex(scan.bytes) !== scan.sha256) throw new AppError('store_damaged', 'The revocation’s scan does not match the one recorded; restore the store from a backup.');
      await auditIn(core, tx, { action: 'consent.revocation_scan_viewed', subjectType: 'authorization', subjectId: id });
      const extension = scan.type === 'application/pdf' ? 'pdf' : scan.type === 'image/png' ? 'png' : 'jpg';
      return { fileName: `revocation-scan-${id}.${extension}`, mimeType: scan.type, base64: scan.bytes.toString('base64'), sha256: scan.sha256 };
    }),

  'consents.recordExpirationEvent': (core, { id, occurredOn }) => {
    const by = core.requireSession().id;
    return core.engine.write(async (tx) => {
      const record = await existingIn(core, tx, id);
      if (record.stage !== 'final' || record.terms.expiration.kind !== 'event') {
        throw new AppError('conflict', 'Only a final authorization that ends on an event can have that event recorded.');
      }
      if (record.expirationEventAt) throw new AppError('conflict', 'The expiration event was already recorded.');
      if (occurredOn > core.today()) {
        throw new AppError('validation', 'The event cannot have happened in the future.', {
          issues: [{ path: 'occurredOn', message: 'Use today or an earlier day.' }],
        });
      }
      const at = core.nowIso();
      if (!(await core.engine.records.consents.recordExpirationEvent(tx, id, { at, on: occurredOn, by }))) throw changedMeanwhile();
      await auditIn(core, tx, { action: 'consent.expiration_event_recorded', subjectType: 'authorization', subjectId: id, detail: `occurred ${occurredOn}` });
      await core.afterConsentChange(tx, { consentId: id, kind: 'expiration_event', at });
      return detailIn(core, tx, id);
    });
  },
};

/** On paper, the day written on the form; on screen, the practice's day of the signature. */
function signedOnOf(core: ConsentCore, record: AuthorizationRecord): string {
  return record.paperSignedOn ?? core.dayOfInstant(record.signedAt!);
}

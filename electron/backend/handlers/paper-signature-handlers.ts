import { formatDay, startOfDayIn, type Day } from '../../../shared/calendar';
import { AppError } from '../../../shared/errors';
import { patientName } from '../../../shared/patients';
import { contentHash, documentOf, sha256Hex, shownText } from '../consents/authorization-view';
import { auditIn } from '../engine-core';
import { renderPaperFormPdf, renderPaperPackagePdf } from '../rendering/time-limited-pdf';
import { signingCertificate } from './certificate-handlers';
import { sameSignerName } from '../../../shared/authorization/signer-name';
import { assertComplete, changedMeanwhile, detailIn, existingIn, file, mustBeDraft, partsIn, type ConsentHandlers } from './consent-handlers';

/**
 * A paper signature is dated by the day written on the form. Everything that
 * orders or filters by signing time reads `signed_at`, an instant: noon of
 * that day in the practice's time zone, so the practice's day of it is the
 * day on the paper in any zone (noon stays inside the day whatever daylight
 * saving does; noon UTC would be the next day in Auckland).
 */
export const paperSignedAt = (day: Day, timeZone: string): string => new Date(startOfDayIn(day, timeZone).getTime() + 12 * 3_600_000).toISOString();

/**
 * The paper path: print a prepared authorization for a hand signature, then
 * record it as signed from the scan of the signed form, attested by staff.
 * The printed text is remembered, so a draft changed after printing cannot
 * be recorded as signed on the old paper.
 */
export const paperSignatureHandlers: ConsentHandlers<'consents.paperForm' | 'consents.recordPaperSignature'> = {
  'consents.paperForm': async (core, { id }) => {
    const { record, template, patient } = await core.engine.read((tx) => partsIn(core, tx, id));
    mustBeDraft(record);
    assertComplete(core, record, template, patient);
    const document = documentOf(record, template, patient, core.settings, 'paper');
    const printedAt = core.nowIso();
    const pdf = await renderPaperFormPdf({
      authorizationId: id,
      practiceName: core.settings.practiceName,
      patientName: patientName(patient),
      document,
      representative: record.terms.representative,
      printedAt,
    });
    const { sha256 } = shownText(document);
    await core.engine.write(async (tx) => {
      // The version read above: a draft changed since is not remembered as printed with the old text.
      if (!(await core.engine.records.consents.recordPaperFormPrinted(tx, id, { textSha256: sha256, printedAt }, { rowVersion: record.rowVersion }))) {
        mustBeDraft(await existingIn(core, tx, id));
        throw changedMeanwhile();
      }
      await auditIn(core, tx, { action: 'consent.paper_form_printed', subjectType: 'authorization', subjectId: id, detail: `text SHA-256 ${sha256}` });
    });
    return file(`authorization-${id}-for-paper-signature.pdf`, pdf);
  },

  'consents.recordPaperSignature': async (core, input) => {
    const me = core.requireSession();
    const { record, template, patient, auditEvents } = await core.engine.read(async (tx) => ({
      ...(await partsIn(core, tx, input.id)),
      auditEvents: await core.engine.records.audit.auditOfSubject(tx, input.id),
    }));
    mustBeDraft(record);
    assertComplete(core, record, template, patient);
    const document = documentOf(record, template, patient, core.settings, 'paper');
    const shown = shownText(document);
    if (!record.paperFormTextSha256 || !record.paperFormPrintedAt) {
      throw new AppError('conflict', 'Print the paper form first: only a form printed from this draft can be recorded as signed.');
    }
    if (record.paperFormTextSha256 !== shown.sha256) {
      throw new AppError('conflict', 'The draft changed after its paper form was printed. Print it again and have the new form signed.');
    }
    const printedOn = core.dayOfInstant(record.paperFormPrintedAt);
    if (input.signedOn > core.today() || input.signedOn < printedOn) {
      const message =
        input.signedOn > core.today() ? 'The date signed cannot be in the future.' : `The form was printed on ${formatDay(printedOn, 'en')}; it cannot have been signed before.`;
      throw new AppError('validation', message, { issues: [{ path: 'signedOn', message }] });
    }
    const expectedSigner = record.terms.representative?.name ?? patientName(patient);
    if (!sameSignerName(input.signerName, expectedSigner)) {
      const message = `The form is for ${expectedSigner} to sign. If someone else signed it, prepare a new authorization naming them.`;
      throw new AppError('validation', message, { issues: [{ path: 'signerName', message }] });
    }
    await core.confirmPassword(me, input.password, 'attesting a paper signature');
    const { cleanScan } = await import('../consents/paper-scan'); // sharp loads on first use
    const scan = await cleanScan(input.scan.base64, input.scan.mimeType);
    const scanSha256 = sha256Hex(scan.bytes);
    const attestedAt = core.nowIso();
    const signedAt = paperSignedAt(input.signedOn, core.timeZone);
    const practiceName = core.settings.practiceName;
    const contentSha256 = contentHash({
      authorizationId: input.id,
      patientId: patient.id,
      patientName: patientName(patient),
      practiceName,
      templateId: template.id,
      templateVersion: template.version,
      terms: record.terms,
      textSha256: shown.sha256,
      signerName: input.signerName,
      signedAt,
      signaturePngSha256: `paper scan ${scanSha256}`,
      strokesSha256: '',
      workstation: core.workstation,
      witnessId: me.id,
      witnessedAt: attestedAt,
    });
    const certificate = await signingCertificate(core);
    const pdf = await renderPaperPackagePdf({
      authorizationId: input.id,
      practiceName,
      patientName: patientName(patient),
      document,
      signerName: input.signerName,
      signedOn: input.signedOn,
      representative: record.terms.representative,
      workstation: core.workstation,
      textSha256: shown.sha256,
      scan: { kind: scan.kind, bytes: scan.bytes },
      scanSha256,
      scanPages: scan.pages,
      attestedBy: { name: me.displayName, username: me.username, at: attestedAt },
      contentSha256,
      auditEvents,
      certificate,
    });
    const pdfSha256 = sha256Hex(pdf);
    return core.engine.write(async (tx) => {
      const recorded = await core.engine.records.consents.recordPaperSignature(
        tx,
        input.id,
        {
          signerName: input.signerName,
          signedOn: input.signedOn,
          signedAt,
          workstation: core.workstation,
          textShown: shown.text,
          textSha256: shown.sha256,
          documentShown: document,
          scan: scan.bytes,
          scanType: scan.mimeType,
          scanSha256,
          scanPages: scan.pages,
          attestedBy: me.id,
          attestedAt,
          contentSha256,
          pdf,
          pdfSha256,
        },
        { rowVersion: record.rowVersion },
      );
      if (!recorded) throw changedMeanwhile();
      await auditIn(core, tx, {
        action: 'consent.paper_signature_recorded',
        subjectType: 'authorization',
        subjectId: input.id,
        detail: `${record.terms.representative ? 'by representative' : 'by patient'}; signed on ${input.signedOn}; text SHA-256 ${shown.sha256}; scan SHA-256 ${scanSha256}; PDF SHA-256 ${pdfSha256}`,
      });
      return detailIn(core, tx, input.id);
    });
  },
};

import encodeQR from 'qr';
import { PDFDocument } from 'pdf-lib';
import type { AuditEvent } from '../../../shared/audit';
import type { AuthorizationDocument } from '../../../shared/authorization/document';
import type { Representative } from '../../../shared/authorization/scope';
import type { Day } from '../../../shared/calendar';
import { fillIn } from '../../../shared/patient-language';
import type { CertificateBundle } from '../crypto/practice-certificate';
import { footer, signerFields, wordsOf, writeCertificatePage, writeDocument } from './authorization-pages';
import { PdfLayout } from './pdf-layout';
import { embedPngImage } from './png-embedding';
import type { SignatureKind } from '../../../shared/authorization/signature';
import { savePdf } from './save-pdf';
import { signPdf } from './sign-pdf';

interface AuthorizationParts {
  authorizationId: string;
  practiceName: string;
  patientName: string;
  document: AuthorizationDocument;
}

export interface AuthorizationPdfInput extends AuthorizationParts {
  signature: {
    png: Buffer;
    signerName: string;
    signedAt: string;
    /** The day printed as "Date signed" (the caller decides whose calendar). */
    signedOn: Day;
    representative: Representative | null;
    workstation: string;
    textSha256: string;
    signatureKind: SignatureKind;
    strokeCount: number;
    pointCount: number;
    agreedToSignElectronically: boolean;
  };
  witness: { name: string; username: string; at: string };
  contentSha256: string;
  /** The authorization's events so far; the witnessing itself is added on the page. */
  auditEvents: AuditEvent[];
  certificate: CertificateBundle;
}

const signingMeta = (input: AuthorizationParts, at: string) => ({
  title: input.document.title,
  author: input.practiceName,
  subject: `Authorization ${input.authorizationId}`,
  creationDate: new Date(at),
});

/**
 * The signed authorization: the document exactly as the patient saw it, the
 * signature with name, date and representative under the signature
 * statement, a footer on every page, and a last page, the signature
 * certificate, with the evidence and the events. Digitally signed by the
 * practice certificate.
 */
export async function authorizationPdf(input: AuthorizationPdfInput): Promise<Buffer> {
  const lang = input.document.language;
  const layout = await PdfLayout.create(signingMeta(input, input.witness.at));
  const image = await embedPngImage(layout.doc, input.signature.png);
  const s = input.signature;
  const fields = signerFields(layout, lang, { name: s.signerName, signedOn: s.signedOn, representative: s.representative });
  const imageSize = [260, 90] as const;
  writeDocument(layout, input.practiceName, input.document, {
    height: layout.imageHeight(image, ...imageSize) + fields.height,
    draw: () => {
      layout.image(image, ...imageSize);
      fields.draw();
    },
  });
  writeCertificatePage(layout, {
    ...input,
    textSha256: s.textSha256,
    signer: { name: s.signerName, representative: s.representative },
    signing: {
      method: 'electronic',
      signedAt: s.signedAt,
      workstation: s.workstation,
      agreedToSignElectronically: s.agreedToSignElectronically,
      signatureKind: s.signatureKind,
      strokeCount: s.strokeCount,
      pointCount: s.pointCount,
    },
    staff: input.witness,
    certificate: input.certificate.info,
  });
  footer(layout, lang, input.authorizationId, input.document.templateVersion);
  return signPdf(layout.doc, input.certificate, {
    reason: `Signed authorization ${input.authorizationId}`,
    location: input.practiceName,
    signerName: input.practiceName,
    signingTime: new Date(input.witness.at),
  });
}

/** What the QR code on a paper form holds: enough to find the record, nothing about the patient. */
export const paperFormCode = (authorizationId: string) => `consent-desk:authorization:${authorizationId}`;

/**
 * The paper form's pages: the same document, with the paper signature
 * statement, a blank block to sign, print the name and date by hand (and the
 * representative's line when one signs), and the authorization id as text
 * and as a QR code, so the scan can be matched to its record.
 */
function writePaperForm(layout: PdfLayout, input: AuthorizationParts & { representative: Representative | null }, caption: string): void {
  const w = wordsOf(input.document.language).pdf.paper;
  const rows = [[w.signatureLine], [w.printedNameLine, w.dateLine], ...(input.representative ? [[w.representativeLine]] : [])];
  const qrSize = 64;
  const idHeight = qrSize + 4 + layout.fieldHeight(w.formId, input.authorizationId) + layout.paragraphHeight(w.qrNote);
  writeDocument(
    layout,
    input.practiceName,
    input.document,
    {
      height: PdfLayout.handwritingHeight(rows.length) + 8 + layout.paragraphHeight(w.instructions) + idHeight,
      draw: () => {
        layout.handwritingLines(rows);
        layout.space(8);
        layout.paragraph(w.instructions);
        layout.keepTogether(idHeight);
        // The code above its id and note, so that no text runs under it.
        layout.qrCode(encodeQR(paperFormCode(input.authorizationId), 'raw', { ecc: 'medium', border: 4 }), qrSize);
        layout.space(qrSize + 4);
        layout.labelsFor([w.formId]);
        layout.field(w.formId, input.authorizationId);
        layout.caption(w.qrNote);
      },
    },
    caption,
  );
}

export interface PaperFormInput extends AuthorizationParts {
  representative: Representative | null;
  printedAt: string;
}

/** A prepared authorization to print and sign by hand. Not digitally signed: it is a blank form until it comes back signed. */
export async function paperFormPdf(input: PaperFormInput): Promise<Buffer> {
  const layout = await PdfLayout.create(signingMeta(input, input.printedAt));
  writePaperForm(layout, input, wordsOf(input.document.language).pdf.paper.caption);
  footer(layout, input.document.language, input.authorizationId, input.document.templateVersion);
  return savePdf(layout.doc);
}

export interface PaperPackageInput extends AuthorizationParts {
  signerName: string;
  signedOn: Day;
  representative: Representative | null;
  workstation: string;
  textSha256: string;
  /** The cleaned scan: PDF pages, or one image. */
  scan: { kind: 'pdf'; bytes: Buffer } | { kind: 'png' | 'jpeg'; bytes: Buffer };
  scanSha256: string;
  scanPages: number;
  attestedBy: { name: string; username: string; at: string };
  contentSha256: string;
  auditEvents: AuditEvent[];
  certificate: CertificateBundle;
}

/**
 * The record of a paper signature: the form exactly as printed for signing,
 * the scan of the signed paper, and the certificate page with the date on
 * the paper, the signer and the staff attestation. Digitally signed like an
 * electronic one, so it is checked and exported the same way.
 */
export async function paperPackagePdf(input: PaperPackageInput): Promise<Buffer> {
  const lang = input.document.language;
  const words = wordsOf(lang).pdf.paperPackage;
  const layout = await PdfLayout.create(signingMeta(input, input.attestedBy.at));
  writePaperForm(layout, input, words.formHeading);
  if (input.scan.kind === 'pdf') {
    const source = await PDFDocument.load(input.scan.bytes);
    const embedded = await layout.doc.embedPages(source.getPages());
    embedded.forEach((page, i) => {
      layout.newPage();
      layout.caption(`${words.scanHeading} · ${fillIn(words.scanPage, { n: i + 1, m: embedded.length })}`);
      layout.embeddedPage(page);
    });
  } else {
    const image = input.scan.kind === 'png' ? await embedPngImage(layout.doc, input.scan.bytes) : await layout.doc.embedJpg(input.scan.bytes);
    layout.fullPageImage(image, `${words.scanHeading} · ${fillIn(words.scanPage, { n: 1, m: 1 })}`);
  }
  writeCertificatePage(layout, {
    ...input,
    signer: { name: input.signerName, representative: input.representative },
    signing: { method: 'paper', signedOn: input.signedOn, workstation: input.workstation, scanSha256: input.scanSha256, scanPages: input.scanPages },
    staff: input.attestedBy,
    certificate: input.certificate.info,
  });
  footer(layout, lang, input.authorizationId, input.document.templateVersion);
  return signPdf(layout.doc, input.certificate, {
    reason: `Paper-signed authorization ${input.authorizationId}`,
    location: input.practiceName,
    signerName: input.practiceName,
    signingTime: new Date(input.attestedBy.at),
  });
}

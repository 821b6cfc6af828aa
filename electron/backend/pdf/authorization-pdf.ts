import type { AuditEvent } from '../../../shared/audit';
import type { AuthorizationDocument } from '../../../shared/authorization/document';
import { authorityLabels, type Language, type Representative } from '../../../shared/authorization/scope';
import type { PracticeCertificate } from '../../../shared/certificate';
import type { CertificateBundle } from '../crypto/practice-certificate';
import { PdfLayout, stringsIn } from './pdf-layout';
import { signPdf } from './sign-pdf';

export interface AuthorizationPdfInput {
  authorizationId: string;
  practiceName: string;
  patientName: string;
  document: AuthorizationDocument;
  signature: {
    png: Buffer;
    signerName: string;
    signedAt: string;
    /** The practice's day of signing: what "Date signed" prints. */
    signedOn: string;
    representative: Representative | null;
    workstation: string;
    textSha256: string;
    strokeCount: number;
    pointCount: number;
    agreedToSignElectronically: boolean;
  };
  witness: { name: string; username: string; at: string };
  contentSha256: string;
  auditEvents: AuditEvent[];
  certificate: CertificateBundle;
}

const words: Record<Language, { page: (n: number, m: number) => string; signature: string; name: string; date: string; representative: string; authority: string; template: string }> = {
  en: {
    page: (n, m) => `Page ${n} of ${m}`,
    signature: 'Signature',
    name: 'Name',
    date: 'Date signed',
    representative: 'Signed by representative',
    authority: 'Authority',
    template: 'template',
  },
  es: {
    page: (n, m) => `Página ${n} de ${m}`,
    signature: 'Firma',
    name: 'Nombre',
    date: 'Fecha de firma',
    representative: 'Firmado por representante',
    authority: 'Autoridad',
    template: 'plantilla',
  },
};

function certificateSummary(c: PracticeCertificate): string {
  return `${c.subject} (SHA-256 ${c.fingerprintSha256}, ${c.source === 'generated' ? 'self-signed' : 'imported'}, valid until ${c.notAfter.slice(0, 10)})`;
}

/**
 * The signed authorization: the document exactly as the patient saw it, the
 * signature with name, date and representative, a footer on every page, and
 * a last page, the signature certificate, with the evidence and the audit
 * events. Digitally signed by the practice certificate.
 */
export async function authorizationPdf(input: AuthorizationPdfInput): Promise<Buffer> {
  const lang = input.document.language;
  const w = words[lang];
  const layout = await PdfLayout.create({
    title: input.document.title,
    author: input.practiceName,
    subject: `Authorization ${input.authorizationId}`,
    creationDate: new Date(input.witness.at),
  }, stringsIn({ ...input, certificate: input.certificate.info }));

  layout.caption(input.practiceName);
  layout.title(input.document.title);
  for (const block of input.document.blocks) {
    if (block.kind === 'heading') layout.heading(block.text);
    else if (block.kind === 'paragraph') layout.paragraph(block.text);
    else layout.list(block.items);
  }

  layout.heading(w.signature);
  const image = await layout.doc.embedPng(input.signature.png);
  layout.image(image, 260, 90);
  layout.field(w.name, input.signature.signerName);
  layout.field(w.date, input.signature.signedOn);
  const rep = input.signature.representative;
  if (rep) {
    layout.field(w.representative, rep.name);
    layout.field(w.authority, [rep.authority ? authorityLabels[lang][rep.authority] : '', rep.authorityDetail].filter(Boolean).join(': '));
  }

  layout.newPage();
  layout.title('Signature certificate');
  layout.caption('Evidence recorded by Consent Desk when this authorization was signed. All times are UTC.');
  layout.heading('Authorization');
  layout.field('Authorization id', input.authorizationId);
  layout.field('Practice', input.practiceName);
  layout.field('Patient', input.patientName);
  layout.field('Language', lang === 'es' ? 'Spanish (es)' : 'English (en)');
  layout.field('Template version', `${lang} v${input.document.templateVersion}`);
  layout.field('SHA-256 of the text shown', input.signature.textSha256);
  layout.field('SHA-256 of the content', input.contentSha256);
  layout.heading('Signature');
  layout.field('Signed by', input.signature.signerName);
  if (rep) layout.field('As representative', `${rep.name} (${rep.authority ? authorityLabels.en[rep.authority] : ''})`);
  layout.field('Signed at', input.signature.signedAt);
  layout.field('Workstation', input.signature.workstation);
  layout.field('Agreed to sign electronically', input.signature.agreedToSignElectronically ? 'Yes' : 'No');
  layout.field('Signature strokes', `${input.signature.strokeCount} strokes, ${input.signature.pointCount} points, kept with their timing`);
  layout.field('Witness', `${input.witness.name} (${input.witness.username})`);
  layout.field('Witnessed at', input.witness.at);
  layout.field('Signing certificate', certificateSummary(input.certificate.info));
  layout.heading('Audit events of this authorization');
  for (const e of input.auditEvents) {
    layout.field(`#${e.seq} ${e.at.replace('T', ' ').slice(0, 19)}`, `${e.action} by ${e.actorName}${e.detail ? ` (${e.detail})` : ''}`);
  }

  layout.footers(`Authorization ${input.authorizationId} · ${w.template} ${lang} v${input.document.templateVersion}`, w.page);
  return signPdf(layout.doc, input.certificate, {
    reason: `Signed authorization ${input.authorizationId}`,
    location: input.practiceName,
    signerName: input.practiceName,
    signingTime: new Date(input.witness.at),
  });
}

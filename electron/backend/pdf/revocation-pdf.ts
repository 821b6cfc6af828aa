import { revocationMethodLabels, type RevocationMethod } from '../../../shared/authorization/record';
import type { CertificateBundle } from '../crypto/practice-certificate';
import { PdfLayout, stringsIn } from './pdf-layout';
import { signPdf } from './sign-pdf';

export interface RevocationPdfInput {
  authorizationId: string;
  practiceName: string;
  patientName: string;
  signedOn: string;
  receivedOn: string;
  method: RevocationMethod;
  enteredBy: string;
  recordedAt: string;
  scanAttached: boolean;
  authorizationPdfSha256: string;
  certificate: CertificateBundle;
}

/** A one-page acknowledgment that the practice received and recorded the revocation. */
export async function revocationAcknowledgmentPdf(input: RevocationPdfInput): Promise<Buffer> {
  const layout = await PdfLayout.create({
    title: 'Acknowledgment of revocation',
    author: input.practiceName,
    subject: `Revocation of authorization ${input.authorizationId}`,
    creationDate: new Date(input.recordedAt),
  }, stringsIn({ ...input, certificate: input.certificate.info }));
  layout.caption(input.practiceName);
  layout.title('Acknowledgment of revocation');
  layout.paragraph(
    `${input.practiceName} received the written revocation by ${input.patientName} of the marketing authorization signed on ${input.signedOn}. ` +
      'From the time it was recorded, the practice makes no new use of the information it covered and takes down the posts it controls that relied on it. ' +
      'What the practice already did in reliance on the authorization before then is not affected.',
  );
  layout.heading('Record');
  layout.field('Authorization id', input.authorizationId);
  layout.field('Patient', input.patientName);
  layout.field('Revocation received on', input.receivedOn);
  layout.field('How it arrived', revocationMethodLabels[input.method]);
  layout.field('Scan of the revocation', input.scanAttached ? 'Kept with the record' : 'None');
  layout.field('Recorded by', input.enteredBy);
  layout.field('Recorded at (UTC)', input.recordedAt);
  layout.field('Authorization PDF SHA-256', input.authorizationPdfSha256);
  layout.footers(`Revocation of authorization ${input.authorizationId}`, (n, m) => `Page ${n} of ${m}`);
  return signPdf(layout.doc, input.certificate, {
    reason: `Revocation of authorization ${input.authorizationId} recorded`,
    location: input.practiceName,
    signerName: input.practiceName,
    signingTime: new Date(input.recordedAt),
  });
}

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
  /** Posts published under the authorization: taken down, or to be taken down. */
  posts: { channel: string; url: string | null; publishedOn: string; takenDown: boolean; publishedAfterReceipt: boolean }[];
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
      `The revocation took effect on ${input.receivedOn}, the day the practice received it: from that day the practice makes no new use of the information it covered, and it takes down the posts it controls that relied on it. ` +
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
  layout.heading('Posts taken down or to be taken down');
  if (input.posts.length === 0) layout.paragraph('No post had been published under this authorization.');
  for (const p of input.posts) {
    layout.field(
      `${p.channel}, published ${p.publishedOn}`,
      `${p.url ?? '(no address recorded)'}: ${p.takenDown ? 'taken down' : 'to be taken down'}${p.publishedAfterReceipt ? ' (published on or after the day the revocation was received)' : ''}`,
    );
  }
  layout.footers(`Revocation of authorization ${input.authorizationId}`, (n, m) => `Page ${n} of ${m}`);
  return signPdf(layout.doc, input.certificate, {
    reason: `Revocation of authorization ${input.authorizationId} recorded`,
    location: input.practiceName,
    signerName: input.practiceName,
    signingTime: new Date(input.recordedAt),
  });
}

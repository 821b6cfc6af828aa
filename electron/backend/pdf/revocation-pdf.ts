import type { RevocationMethod } from '../../../shared/authorization/record';
import type { Language } from '../../../shared/authorization/scope';
import { formatDay, type Day } from '../../../shared/calendar';
import { fillIn, patientLanguages } from '../../../shared/patient-language';
import type { CertificateBundle } from '../crypto/practice-certificate';
import { PdfLayout } from './pdf-layout';
import { signPdf } from './sign-pdf';

export interface RevocationPdfInput {
  authorizationId: string;
  /** The authorization's language: the patient reads the acknowledgment in it. */
  language: Language;
  practiceName: string;
  patientName: string;
  /** Days as the caller wants them printed (the practice's calendar). */
  signedOn: Day;
  receivedOn: Day;
  /** Posts published under the authorization: taken down, or to be taken down. */
  posts: RevokedPost[];
  method: RevocationMethod;
  enteredBy: string;
  recordedAt: string;
  scanAttached: boolean;
  authorizationPdfSha256: string;
  certificate: CertificateBundle;
}

export interface RevokedPost {
  /** A channel of the catalogue, or the coordinator's own words for another one. */
  channel: string;
  url: string | null;
  publishedOn: Day;
  takenDown: boolean;
  publishedAfterReceipt: boolean;
}

function postLine(lang: Language, post: RevokedPost): string {
  const language = patientLanguages[lang];
  const w = language.revocationAcknowledgment;
  const channels: Record<string, string> = language.labels.channels;
  const status = post.takenDown ? w.postTakenDown : w.postToBeTakenDown;
  return fillIn(w.post, {
    channel: Object.hasOwn(channels, post.channel) ? channels[post.channel]! : post.channel,
    publishedOn: formatDay(post.publishedOn, lang),
    address: post.url ?? w.postWithoutAddress,
    status: post.publishedAfterReceipt ? fillIn(w.postAfterReceipt, { status }) : status,
  });
}

/** A one-page acknowledgment, in the patient's language, that the practice received and recorded the revocation. */
export async function revocationAcknowledgmentPdf(input: RevocationPdfInput): Promise<Buffer> {
  const language = patientLanguages[input.language];
  const w = language.revocationAcknowledgment;
  const layout = await PdfLayout.create({
    title: w.title,
    author: input.practiceName,
    subject: `Revocation of authorization ${input.authorizationId}`,
    creationDate: new Date(input.recordedAt),
  });
  layout.caption(input.practiceName);
  layout.title(w.title);
  layout.paragraph(
    fillIn(w.body, {
      practice: input.practiceName,
      patient: input.patientName,
      signedOn: formatDay(input.signedOn, input.language),
      receivedOn: formatDay(input.receivedOn, input.language),
    }),
  );
  const rows: [string, string, boolean?][] = [
    [w.authorizationId, input.authorizationId],
    [w.patient, input.patientName],
    [w.receivedOn, formatDay(input.receivedOn, input.language)],
    [w.method, language.labels.revocationMethods[input.method]],
    [w.scan, input.scanAttached ? w.scanKept : w.scanNone],
    [w.recordedBy, input.enteredBy],
    [w.recordedAt, input.recordedAt],
    [w.authorizationPdfSha256, input.authorizationPdfSha256, true],
  ];
  layout.heading(w.record);
  layout.labelsFor(rows.map(([label]) => label));
  for (const [label, value, mono] of rows) layout.field(label, value, { mono: mono ?? false });
  layout.heading(w.posts);
  if (input.posts.length === 0) layout.paragraph(w.noPosts);
  else layout.list(input.posts.map((post) => postLine(input.language, post)));
  layout.footers(fillIn(w.footer, { id: input.authorizationId }), (n, m) => fillIn(language.pdf.page, { n, m }));
  return signPdf(layout.doc, input.certificate, {
    reason: `Revocation of authorization ${input.authorizationId} recorded`,
    location: input.practiceName,
    signerName: input.practiceName,
    signingTime: new Date(input.recordedAt),
  });
}

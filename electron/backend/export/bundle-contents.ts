import type { AuditEvent } from '../../../shared/audit';
import { revocationMethodLabels } from '../../../shared/authorization/record';
import { contentKinds as allContentKinds, type AuthorizationTerms } from '../../../shared/authorization/scope';
import { statusLabels } from '../../../shared/authorization/status';
import type { ExportParams } from '../../../shared/compliance/audit-bundle';
import { channelName } from '../../../shared/posts/coverage';
import { postStateLabels } from '../../../shared/posts/post';
import { pdfEntryName } from './bundle-names';
import { csvChunksAsync, type CsvValue } from './csv';
import type { AuthorizationRow, SelectedAuthorization, SelectedPost } from './export-selection';

/** One audit event as a line of audit-log.jsonl: the fields `eventHash` covers, in its order, then the hash. */
export function auditLine(e: AuditEvent): string {
  return `${JSON.stringify({
    seq: e.seq,
    at: e.at,
    actorId: e.actorId,
    actorName: e.actorName,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    detail: e.detail,
    prevHash: e.prevHash,
    hash: e.hash,
  })}\n`;
}

const list = (items: readonly string[]) => items.join('; ');

export function consentsHeader(includeNames: boolean): string[] {
  return [
    'authorization_id',
    'patient_id',
    ...(includeNames ? ['patient_name', 'signer_name'] : []),
    'language',
    'template_version',
    'stage',
    'status_on_export_day',
    'created_at',
    'signed_at',
    'signed_by',
    'representative_authority',
    'witnessed_at',
    'expiration_date',
    'expiration_event',
    'expiration_event_on',
    'expiration_event_recorded_at',
    'revoked_at',
    'revocation_received_on',
    'revocation_method',
    'content',
    'channels',
    'other_channels',
    'purposes',
    'other_purposes',
    'third_party_pays',
    'payer',
    'pdf_file',
    'pdf_sha256',
    'revocation_pdf_file',
    'revocation_pdf_sha256',
  ];
}

/** One line of consents.csv, from the authorization as selected and its full row. */
export function consentsRow(a: SelectedAuthorization, r: AuthorizationRow, templateVersion: number | null): CsvValue[] {
  const t = JSON.parse(r.terms) as AuthorizationTerms;
  return [
    a.id,
    a.patientId,
    ...(a.name ? [`${a.name.firstName} ${a.name.lastName}`, r.signer_name] : []),
    t.language,
    templateVersion,
    r.stage,
    statusLabels[a.status],
    r.created_at,
    r.signed_at,
    t.representative ? 'representative' : 'patient',
    t.representative?.authority ?? null,
    r.witnessed_at,
    t.expiration.kind === 'date' ? t.expiration.date : null,
    t.expiration.kind === 'event' ? t.expiration.event : null,
    r.expiration_event_on,
    r.expiration_event_at,
    r.revoked_at,
    r.revocation_received_on,
    r.revocation_method ? revocationMethodLabels[r.revocation_method] : null,
    list(allContentKinds.filter((k) => t.scope.contentKinds.includes(k))),
    list(t.scope.channels),
    list(t.scope.otherChannels),
    list(t.scope.purposes),
    list(t.scope.otherPurposes),
    t.remuneration.thirdPartyPays,
    t.remuneration.payer || null,
    r.pdf_sha256 ? pdfEntryName('authorizations', a.id, a.name) : null,
    r.pdf_sha256,
    r.revocation_pdf_sha256 ? pdfEntryName('revocations', a.id, a.name) : null,
    r.revocation_pdf_sha256,
  ];
}

/** posts.csv's columns. */
function postsHeader(includeNames: boolean): string[] {
  return [
    'post_id',
    'authorization_id',
    'patient_id',
    ...(includeNames ? ['patient_name'] : []),
    'testimonial_id',
    'channel',
    'purpose',
    'third_party_pays',
    'content_used',
    'caption',
    'state',
    'created_at',
    'approved_at',
    'published_on',
    'published_url',
    'relied_on_pdf_sha256',
    'takedown_required_at',
    'takedown_reason',
    'taken_down_at',
    'covered_on_export_day',
    'coverage_problems',
    'sponsor',
    'identifiers_approved_by',
    'identifiers_approved_at',
    'identifiers_approval_reason',
  ];
}

/** One line of posts.csv. */
function postRow(p: SelectedPost, includeNames: boolean): CsvValue[] {
  return [
    p.id,
    p.consentId,
    p.patientId,
    ...(includeNames ? [p.consentPatientName] : []),
    p.testimonialId,
    channelName(p.channel),
    p.purpose,
    p.thirdPartyPays,
    list(p.contentKinds),
    p.caption,
    postStateLabels[p.state],
    p.createdAt,
    p.approvedAt,
    p.publishedAt,
    p.publishedUrl,
    p.reliedConsentPdfSha256,
    p.takedownRequiredAt,
    p.takedownReason,
    p.takenDownAt,
    p.verdictToday.covered,
    p.verdictToday.reasons.map((r) => r.message).join(' '),
    p.sponsor || null,
    p.identifiersApproval?.byName ?? null,
    p.identifiersApproval?.at ?? null,
    p.identifiersApproval?.reason ?? null,
  ];
}

/** posts.csv, a chunk at a time, from posts read a page at a time on the store engine (see `selectedPostsOn`). */
export function postsCsvAsync(posts: AsyncIterable<SelectedPost>, includeNames: boolean): AsyncGenerator<Buffer> {
  async function* rows(): AsyncGenerator<CsvValue[]> {
    for await (const p of posts) yield postRow(p, includeNames);
  }
  return csvChunksAsync(postsHeader(includeNames), rows());
}

export function bundleReadme(inputs: {
  practiceName: string;
  createdAt: Date;
  params: Omit<ExportParams, 'destinationPath'>;
  appVersion: string;
}): string {
  const p = inputs.params;
  return `Consent Desk audit bundle
=========================

Practice:  ${inputs.practiceName}
Made:      ${inputs.createdAt.toISOString()} (Consent Desk ${inputs.appVersion})
Range:     ${p.from} to ${p.to}, both days included (the practice's calendar days)
Patients:  ${p.patientIds ? `${p.patientIds.length} chosen` : 'all'}
Statuses:  ${p.states ? p.states.join(', ') : 'all'}
Names:     ${p.includeNames ? 'patient names are included in file names and spreadsheets' : 'file names and spreadsheets hold ids only'}

This bundle holds protected health information. Keep it as you keep
patient records, and delete it when the audit no longer needs it.

What is inside
--------------
authorizations/      The signed authorization PDFs, each digitally signed by
                     the practice certificate (PAdES), with the signature
                     certificate page (evidence and audit events) at the end.
revocations/         The revocation acknowledgments, also signed, and beside
                     each one the scan of the written revocation as received
                     (...-scan.pdf, .png or .jpg) where staff attached one.
consents.csv         One row per authorization: scope, dates, status on the
                     day of the export, and the SHA-256 of each PDF.
posts.csv            Every post that relied on those authorizations, with
                     its publication and take-down dates, its sponsor, and
                     any administrator's approval of identifiers in it
                     (who, when and the written reason).
audit-log.jsonl      The audit trail of the range, one event per line, each
                     with its hash and the hash of the event before it.
program/             The social-media compliance program over the range:
                     the program report and each policy version in force
                     (signed PDFs), acknowledgments, staff status, training
                     sessions with their materials, quiz results, reviews
                     of live posts (periods done and missed, each post
                     confirmed, removed comments), checked review replies,
                     ask-before-posting threads, and incidents with every
                     signed incident report and notification letter.
manifest.json        Every file above with its SHA-256 and size, the export's
                     parameters and the practice's certificates.
manifest.json.p7s    A detached CMS signature of manifest.json by the
                     practice certificate.
practice-certificate.pem   That certificate.

How to check it
---------------
With Consent Desk's source (no data folder or password needed):

    consent-desk verify-bundle THIS-FILE.zip

It checks the manifest's signature and that it was made by the certificate
in the bundle, every file's SHA-256 and size, that no file is missing or was
added, every PDF's digital signature, and the audit excerpt's hash chain;
it names each problem it finds and exits 1, or exits 0 when all holds.

Without it: compare practice-certificate.pem's SHA-256 fingerprint with the
one the practice gives you, then

    openssl cms -verify -binary -inform DER -in manifest.json.p7s \\
      -content manifest.json -certfile practice-certificate.pem -noverify -out /dev/null
    sha256sum authorizations/* revocations/*   (compare with manifest.json)
    pdfsig authorizations/FILE.pdf             (poppler-utils; program/ PDFs too)
`;
}

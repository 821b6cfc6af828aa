import type { AuditEvent } from '../../../shared/audit';
import { signatureSection, type AuthorizationDocument } from '../../../shared/authorization/document';
import type { Language, Representative } from '../../../shared/authorization/scope';
import type { Day } from '../../../shared/calendar';
import { formatDay } from '../../../shared/calendar';
import type { PracticeCertificate } from '../../../shared/certificate';
import { fillIn, patientLanguages, plural } from '../../../shared/patient-language';
import type { SignatureKind } from '../../../shared/authorization/signature';
import type { PdfLayout } from './pdf-layout';

/**
 * The parts every authorization PDF is made of, in the document's language:
 * the document with its signature section kept whole, the footer, and the
 * signature certificate. Dates and times arrive as the caller wants them
 * printed (days as `YYYY-MM-DD`): nothing here reads a clock or a time zone.
 */

export function wordsOf(language: Language) {
  return patientLanguages[language];
}

/**
 * The document, then its signature section (heading, statement and the
 * signature block drawn by `signatureBlock`) kept on one page: if it does
 * not fit under the text, it starts the next page with its heading.
 */
export function writeDocument(
  layout: PdfLayout,
  practiceName: string,
  doc: AuthorizationDocument,
  signatureBlock: { height: number; draw: () => void },
  caption?: string,
): void {
  layout.caption(caption ? `${practiceName} · ${caption}` : practiceName);
  layout.title(doc.title);
  const { body, heading, statement } = signatureSection(doc);
  body.forEach((block, i) => {
    if (block.kind === 'heading') {
      const next = body[i + 1];
      // A heading stays with its text: a short paragraph whole, or the first lines of a long one.
      const keepWith =
        next?.kind === 'paragraph'
          ? Math.min(layout.paragraphHeight(next.text), 40)
          : next?.kind === 'list'
            ? layout.listItemHeight(next.items[0] ?? '')
            : 0;
      layout.heading(block.text, keepWith);
    } else if (block.kind === 'paragraph') layout.paragraph(block.text);
    else layout.list(block.items);
  });
  const sectionHeight = layout.headingHeight(heading) + layout.paragraphHeight(statement) + signatureBlock.height;
  layout.keepTogether(sectionHeight);
  layout.heading(heading, 0);
  layout.paragraph(statement);
  signatureBlock.draw();
}

/** The signer's name and the date, and the representative's authority when one signs: beneath a drawn signature. */
export function signerFields(
  layout: PdfLayout,
  language: Language,
  signer: { name: string; signedOn: Day; representative: Representative | null },
): { height: number; draw: () => void } {
  const w = wordsOf(language);
  const rows: [string, string][] = [
    [w.pdf.name, signer.name],
    [w.pdf.dateSigned, formatDay(signer.signedOn, language)],
  ];
  const rep = signer.representative;
  if (rep) {
    rows.push([w.pdf.representative, rep.name]);
    rows.push([w.pdf.authority, [rep.authority ? w.labels.authorities[rep.authority] : '', rep.authorityDetail].filter(Boolean).join(': ')]);
  }
  return {
    height: rows.reduce((h, [label, value]) => h + layout.fieldHeight(label, value), 0),
    draw: () => {
      layout.labelsFor(rows.map(([label]) => label));
      for (const [label, value] of rows) layout.field(label, value);
    },
  };
}

export function footer(layout: PdfLayout, language: Language, authorizationId: string, templateVersion: number): void {
  const w = wordsOf(language);
  layout.footers(fillIn(w.pdf.footer, { id: authorizationId, language: w.nativeName.toLowerCase(), version: templateVersion }), (n, m) =>
    fillIn(w.pdf.page, { n, m }),
  );
}

export interface CertificateFacts {
  authorizationId: string;
  practiceName: string;
  patientName: string;
  document: AuthorizationDocument;
  textSha256: string;
  contentSha256: string;
  signer: { name: string; representative: Representative | null };
  signing:
    | {
        method: 'electronic';
        signedAt: string;
        workstation: string;
        agreedToSignElectronically: boolean;
        signatureKind: SignatureKind;
        strokeCount: number;
        pointCount: number;
      }
    | { method: 'paper'; signedOn: Day; workstation: string; scanSha256: string; scanPages: number };
  /** The staff member who presented the document and witnessed (or, on paper, attested) it, and when. */
  staff: { name: string; username: string; at: string };
  /** The authorization's audit events before the one that makes it final. */
  auditEvents: AuditEvent[];
  certificate: PracticeCertificate;
}

/** The event that makes the authorization final, which this PDF is part of: on the page although it is written after. */
const finalAction = { electronic: 'consent.witnessed', paper: 'consent.paper_signature_recorded' } as const;

function eventLine(language: Language, action: string, actor: string, signer: string): string {
  const events = wordsOf(language).events;
  return fillIn(events[action] ?? events.unknown, { action, actor, signer });
}

/** Whose session handed the screen to the patient: the latest hand-over before the signature. */
function presenter(facts: CertificateFacts): string {
  const handedOver = facts.auditEvents.filter((e) => e.action === 'consent.patient_mode_started').at(-1);
  return handedOver ? handedOver.actorName : `${facts.staff.name} (${facts.staff.username})`;
}

/**
 * The last page: the evidence of the signature in the document's language,
 * the signer named as the signer, the staff session that presented it, the
 * witnessing (or attestation) and the events of the authorization.
 */
export function writeCertificatePage(layout: PdfLayout, facts: CertificateFacts): void {
  const lang = facts.document.language;
  const w = wordsOf(lang);
  const c = w.certificate;
  const rep = facts.signer.representative;
  const authority = rep?.authority ? w.labels.authorities[rep.authority] : '';
  layout.newPage();
  layout.title(c.title);
  layout.caption(c.caption);

  const certificateRows: [string, string, boolean?][] = [
    [c.signingCertificate, fillIn(c.certificateValue, {
      subject: facts.certificate.subject,
      source: facts.certificate.source === 'generated' ? c.certificateGenerated : c.certificateImported,
      notAfter: formatDay(facts.certificate.notAfter.slice(0, 10), lang),
    })],
    [c.certificateFingerprint, facts.certificate.fingerprintSha256, true],
  ];
  const sections: { heading: string; rows: [string, string, boolean?][] }[] = [
    {
      heading: c.authorization,
      rows: [
        [c.authorizationId, facts.authorizationId],
        [c.practice, facts.practiceName],
        [c.patient, facts.patientName],
        [c.language, w.nativeName],
        [c.templateVersion, String(facts.document.templateVersion)],
        [c.textSha256, facts.textSha256, true],
        [c.contentSha256, facts.contentSha256, true],
      ],
    },
    {
      heading: c.signature,
      rows: [
        [c.signedBy, `${facts.signer.name} (${rep ? fillIn(c.signerIsRepresentative, { authority }) : c.signerIsPatient})`],
        [c.method, facts.signing.method === 'electronic' ? c.methodElectronic : c.methodPaper],
        ...(facts.signing.method === 'electronic'
          ? ([
              [c.signedAt, facts.signing.signedAt],
              [c.workstation, facts.signing.workstation],
              [c.agreedElectronically, facts.signing.agreedToSignElectronically ? c.yes : c.no],
              facts.signing.signatureKind === 'typed'
                ? [c.strokesLabel, c.typedSignature]
                : [
                    c.strokesLabel,
                    fillIn(c.strokesValue, {
                      strokes: plural(w, c.strokes, facts.signing.strokeCount),
                      points: plural(w, c.points, facts.signing.pointCount),
                    }),
                  ],
            ] as [string, string][])
          : ([
              [c.signedOn, formatDay(facts.signing.signedOn, lang)],
              [c.scanKind, plural(w, c.scanPages, facts.signing.scanPages)],
              [c.scanSha256, facts.signing.scanSha256, true],
              [c.workstation, facts.signing.workstation],
            ] as [string, string, boolean?][])),
      ],
    },
    {
      heading: c.staff,
      rows:
        facts.signing.method === 'electronic'
          ? [
              [c.presentedBy, presenter(facts)],
              [c.witnessedBy, `${facts.staff.name} (${facts.staff.username})`],
              [c.witnessedAt, facts.staff.at],
            ]
          : [
              [c.attestedBy, `${facts.staff.name} (${facts.staff.username})`],
              [c.attestedAt, facts.staff.at],
              ['', c.attestation],
            ],
    },
    { heading: c.signingCertificate, rows: certificateRows },
  ];
  layout.labelsFor(sections.flatMap((s) => s.rows.map(([label]) => label)));
  for (const section of sections) {
    layout.heading(section.heading, layout.fieldHeight(section.rows[0]![0], section.rows[0]![1], section.rows[0]![2]));
    for (const [label, value, mono] of section.rows) layout.field(label, value, { mono: mono ?? false });
  }

  const events: [string, string][] = facts.auditEvents.map((e) => [
    `#${e.seq} ${e.at.replace('T', ' ').slice(0, 19)}`,
    eventLine(lang, e.action, e.actorName, facts.signer.name),
  ]);
  events.push([`${facts.staff.at.replace('T', ' ').slice(0, 19)}`, eventLine(lang, finalAction[facts.signing.method], facts.staff.username, facts.signer.name)]);
  layout.heading(c.events, layout.fieldHeight(events[0]![0], events[0]![1]));
  layout.labelsFor(events.map(([label]) => label));
  for (const [label, value] of events) layout.field(label, value);
}

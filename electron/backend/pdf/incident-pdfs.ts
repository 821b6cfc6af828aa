import type { Language } from '../../../shared/authorization/scope';
import { dayOf, formatDay, type Day } from '../../../shared/calendar';
import { fillIn, patientLanguages } from '../../../shared/patient-language';
import { channelName } from '../../../shared/posts/coverage';
import { programLanguages } from '../../../shared/program-language';
import { noticeKinds, type Incident } from '../../../shared/program/incident';
import type { CertificateBundle } from '../crypto/practice-certificate';
import { PdfLayout } from './pdf-layout';
import { signPdf } from './sign-pdf';

export interface PracticeForPdf {
  name: string;
  address: string;
  email: string;
  phone: string;
  website: string;
  certificate: CertificateBundle;
}

/** A channel as the reader's language names it (a channel of the catalogue), or as typed. */
function channelIn(language: Language, channel: string): string {
  const labels: Record<string, string> = patientLanguages[language].labels.channels;
  return Object.hasOwn(labels, channel) ? labels[channel]! : language === 'en' ? channelName(channel) : channel;
}

const oneLine = (address: string) =>
  address
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(', ');

/**
 * The incident report for the file and an auditor: what happened, the
 * deadlines, the post, the four-factor assessment, the decision and its
 * rationale, the notices given and the outcome, as they stand when it is
 * produced. Signed; every version produced is kept.
 */
export async function incidentReportPdf(
  incident: Incident,
  language: Language,
  practice: PracticeForPdf,
  made: { at: Date; byName: string; timeZone: string },
): Promise<Buffer> {
  const w = programLanguages[language].incidentReport;
  const letterWords = programLanguages[language].notificationLetter;
  const day = (d: Day | null) => (d ? formatDay(d, language) : w.notRecorded);
  const layout = await PdfLayout.create({ title: w.title, author: practice.name, subject: `Incident ${incident.id}`, creationDate: made.at });
  layout.caption(practice.name);
  layout.title(w.title);

  layout.heading(w.summaryHeading);
  layout.paragraph(incident.summary);
  const summaryRows: [string, string][] = [
    [w.incidentId, incident.id],
    [w.opened, incident.openedAt],
    [w.trigger, w.triggers[incident.trigger]],
    [w.discoveredOn, formatDay(incident.discoveredOn, language)],
    [w.discoveryNote, incident.discoveryNote],
    [w.state, w.states[incident.state]],
  ];
  layout.labelsFor(summaryRows.map(([l]) => l));
  for (const [l, v] of summaryRows) layout.field(l, v);

  const d = incident.clock.deadlines;
  layout.heading(w.deadlinesHeading);
  const deadlineRows: [string, string][] = [
    [w.individualNoticeBy, formatDay(d.individualBy, language)],
    [w.mediaNoticeBy, d.mediaBy ? formatDay(d.mediaBy, language) : w.notApplicable],
    [w.hhsNoticeBy, d.hhsYearly ? fillIn(w.hhsYearly, { day: formatDay(d.hhsBy, language) }) : formatDay(d.hhsBy, language)],
  ];
  layout.labelsFor(deadlineRows.map(([l]) => l));
  for (const [l, v] of deadlineRows) layout.field(l, v);

  if (incident.post) {
    const p = incident.post;
    layout.heading(w.postHeading);
    const rows: [string, string][] = [
      [w.post, p.id],
      [w.channel, channelIn(language, p.channel)],
      [w.address, p.publishedUrl ?? w.none],
      [w.publishedOn, p.publishedAt ? formatDay(p.publishedAt, language) : w.none],
      [w.takedownRequiredAt, p.takedownRequiredAt ?? w.notYet],
      [w.takenDownAt, p.takenDownAt ?? w.notYet],
      [w.consent, p.consentId ?? w.none],
    ];
    layout.labelsFor(rows.map(([l]) => l));
    for (const [l, v] of rows) layout.field(l, v);
    if (p.takedownReason) layout.paragraph(p.takedownReason);
  }
  if (incident.reply) {
    layout.heading(w.postHeading);
    layout.labelsFor([w.channel, w.address, w.publishedOn]);
    layout.field(w.channel, channelIn(language, incident.reply.channel));
    layout.field(w.address, incident.reply.url || w.none);
    layout.field(w.publishedOn, day(incident.reply.postedOn));
  }

  layout.heading(w.assessmentHeading);
  const a = incident.assessment;
  if (!a) layout.paragraph(w.assessmentMissing);
  else {
    layout.heading(w.factor1);
    layout.labelsFor([w.identifiers, w.sensitivity, w.recipients, w.viewed, w.evidence, w.takedown, w.otherMitigation, w.probability]);
    layout.field(w.identifiers, a.identifiers.map((k) => letterWords.informationKinds[k] ?? k).join('; ') || w.none);
    layout.field(w.sensitivity, a.sensitivity ?? w.notRecorded);
    if (a.natureNotes) layout.paragraph(a.natureNotes);
    layout.heading(w.factor2);
    layout.field(w.recipients, a.recipients || w.notRecorded);
    layout.heading(w.factor3);
    layout.field(w.viewed, a.viewed ? w.viewedAnswers[a.viewed] : w.notRecorded);
    layout.field(w.evidence, a.viewedEvidence || w.notRecorded);
    layout.heading(w.factor4);
    layout.field(w.takedown, a.takedownNotes || w.notRecorded);
    layout.paragraph(`${w.removalRequests}:`);
    if (a.removalRequests.length === 0) layout.paragraph(w.none);
    else {
      layout.list(
        a.removalRequests.map((r) =>
          fillIn(w.removalRequest, { platform: r.platform, requestedOn: formatDay(r.requestedOn, language), reference: r.reference || w.none, outcome: r.outcome || w.notRecorded }),
        ),
      );
    }
    layout.field(w.otherMitigation, a.otherMitigation || w.none);
    layout.field(w.probability, a.probability ? w.probabilities[a.probability] : w.notRecorded);
  }

  layout.heading(w.decisionHeading);
  layout.labelsFor([w.decision, w.rationale, w.affected, w.largestState]);
  layout.field(w.decision, w.decisions[incident.decision ?? 'undecided']);
  if (incident.decisionRationale) layout.field(w.rationale, incident.decisionRationale);
  layout.field(w.affected, String(incident.affectedCount));
  layout.field(w.largestState, String(incident.largestStateCount));

  layout.heading(w.noticesHeading);
  const labels = { individual: w.individualNotice, media: w.mediaNotice, hhs: w.hhsNotice };
  layout.labelsFor(Object.values(labels));
  for (const kind of noticeKinds) {
    const note = incident.noticeNotes[kind];
    layout.field(labels[kind], `${day(incident.notices[kind])}${note ? ` (${note})` : ''}`);
  }

  layout.heading(w.outcomeHeading);
  layout.labelsFor([w.outcome, w.closedAt, w.preparedBy]);
  layout.field(w.outcome, incident.outcome ?? w.notYet);
  layout.field(w.closedAt, incident.closedAt ?? w.notYet);
  layout.field(w.preparedBy, `${made.byName}, ${made.at.toISOString()}`);
  layout.footers(fillIn(w.footer, { id: incident.id }), (n, m) => fillIn(programLanguages[language].policyDocument.page, { n, m }));
  return signPdf(layout.doc, practice.certificate, {
    reason: `Incident report ${incident.id}`,
    location: practice.name,
    signerName: practice.name,
    signingTime: made.at,
  });
}

/**
 * The letter to the patient (164.404(c)): what happened with the dates of
 * the breach and of its discovery, what information, what they can do,
 * what the practice is doing, and how to reach it, in plain language in
 * the patient's language. Signed by the practice certificate.
 */
export async function notificationLetterPdf(
  incident: Incident,
  language: Language,
  letter: { recipientName: string; addressLines: string },
  practice: PracticeForPdf,
  made: { at: Date; today: Day; timeZone: string },
): Promise<Buffer> {
  const w = programLanguages[language].notificationLetter;
  const layout = await PdfLayout.create({ title: w.title, author: practice.name, subject: `Breach notification, incident ${incident.id}`, creationDate: made.at });
  layout.caption(practice.name);
  if (practice.address) layout.caption(oneLine(practice.address));
  layout.space(8);
  layout.paragraph(fillIn(w.dateLine, { day: formatDay(made.today, language) }));
  layout.paragraph([letter.recipientName, ...letter.addressLines.split('\n').map((l) => l.trim()).filter(Boolean)].join('\n'));
  layout.title(w.title);
  layout.paragraph(fillIn(w.greeting, { patient: letter.recipientName }));

  const channel = incident.post?.channel ?? incident.reply?.channel ?? '';
  const publishedOn = incident.post?.publishedAt ?? incident.reply?.postedOn ?? null;
  layout.heading(w.whatHappenedHeading);
  const takenDown = incident.post?.takenDownAt ? formatDay(dayOf(new Date(incident.post.takenDownAt), made.timeZone), language) : null;
  layout.paragraph(
    [
      fillIn(w.whatHappened, {
        practice: practice.name,
        channel: channel ? channelIn(language, channel) : '—',
        publishedOn: publishedOn ? formatDay(publishedOn, language) : '—',
        discoveredOn: formatDay(incident.discoveredOn, language),
        why: w.why[incident.trigger],
      }),
      takenDown ? fillIn(w.removed, { takenDownOn: takenDown }) : incident.post || incident.reply ? w.notRemovedYet : '',
    ]
      .filter(Boolean)
      .join(' '),
  );

  layout.heading(w.whatInformationHeading);
  layout.paragraph(w.whatInformation);
  const kinds = incident.assessment?.identifiers ?? [];
  layout.list(kinds.map((k) => w.informationKinds[k] ?? k));

  layout.heading(w.whatYouCanDoHeading);
  layout.list(w.whatYouCanDo);

  layout.heading(w.whatWeAreDoingHeading);
  const requests = incident.assessment?.removalRequests.length ?? 0;
  layout.list([...(takenDown ? [fillIn(w.removed, { takenDownOn: takenDown })] : []), ...(requests ? [fillIn(w.removalRequests, { count: requests })] : []), ...w.whatWeAreDoing]);

  layout.heading(w.contactHeading);
  layout.paragraph(fillIn(w.contact, { practice: practice.name }));
  const contact: [string, string][] = [
    [w.phone, practice.phone],
    [w.email, practice.email],
    [w.address, oneLine(practice.address)],
    [w.website, practice.website],
  ].filter(([, v]) => Boolean(v)) as [string, string][];
  layout.labelsFor(contact.map(([l]) => l));
  for (const [l, v] of contact) layout.field(l, v);
  layout.space(8);
  layout.paragraph(w.closing);
  layout.paragraph(fillIn(w.signature, { practice: practice.name }));
  layout.footers(fillIn(w.footer, { id: incident.id }), (n, m) => fillIn(programLanguages[language].policyDocument.page, { n, m }));
  return signPdf(layout.doc, practice.certificate, {
    reason: `Breach notification, incident ${incident.id}`,
    location: practice.name,
    signerName: practice.name,
    signingTime: made.at,
  });
}

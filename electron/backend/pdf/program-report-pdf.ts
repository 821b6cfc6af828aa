import { formatDay } from '../../../shared/calendar';
import { channelName } from '../../../shared/posts/coverage';
import { acknowledgmentStateLabels } from '../../../shared/program/acknowledgment';
import { incidentTriggerLabels, noticeKindLabels, noticeKinds } from '../../../shared/program/incident';
import type { ComplianceProgramReport } from '../../../shared/program/program-report';
import { periodStateLabels, reviewFrequencyLabels } from '../../../shared/program/review-schedule';
import { trainingStateLabels } from '../../../shared/program/training';
import { roleLabels } from '../../../shared/roles';
import type { CertificateBundle } from '../crypto/practice-certificate';
import { PdfLayout } from './pdf-layout';
import { signPdf } from './sign-pdf';

export const programReportTitle = 'Social-media compliance program';

export function programReportFileName(from: string, to: string): string {
  return `compliance-program-${from}-to-${to}.pdf`;
}

const day = (d: string | null) => (d ? formatDay(d, 'en') : '—');

/** The compliance program report as a signed PDF, for the file, an auditor, and the audit bundle. */
export async function programReportPdf(r: ComplianceProgramReport, options: { practiceName: string; generatedAt: Date; certificate: CertificateBundle }): Promise<Buffer> {
  const layout = await PdfLayout.create({ title: programReportTitle, author: options.practiceName, subject: `${programReportTitle}, ${r.from} to ${r.to}`, creationDate: options.generatedAt });
  layout.caption(`${options.practiceName} · generated ${options.generatedAt.toISOString()}`);
  layout.title(programReportTitle);
  layout.paragraph(
    `Period ${day(r.from)} to ${day(r.to)}, both included. Acknowledgments and training are shown as of ${day(r.asOf)}; reviews as they stand on ${day(r.generatedOn)}.`,
  );

  layout.heading('Summary');
  const t = r.totals;
  layout.list([
    `${r.policyVersions.length} policy version(s) in force during the period; ${r.acknowledgments.length} acknowledgment(s) recorded.`,
    `${r.trainingSessions.filter((s) => !s.voided).length} training session(s) held; ${r.quizResults.length} quiz result(s).`,
    `Reviews of live posts: ${t.reviewsDone} done on time, ${t.reviewsLate} done late, ${t.reviewsMissed} missed.`,
    `${r.replyChecks.checked} review reply(ies) checked, ${r.replyChecks.flagged} flagged. ${r.postReviews.requested} post(s) sent for review: ${r.postReviews.approved} approved, ${r.postReviews.declined} declined.`,
    `Incidents: ${t.incidentsOpened} discovered in the period, ${t.incidentsClosed} closed, ${t.incidentsOpen} still open.`,
  ]);

  layout.heading('Policy versions in force');
  if (r.policyVersions.length === 0) layout.paragraph('No policy was in force during the period.');
  else layout.list(r.policyVersions.map((v) => `Version ${v.version}, published ${day(v.publishedOn)} by ${v.publishedByName}${v.supersededOn ? `, replaced ${day(v.supersededOn)}` : ', in force'}`));

  layout.heading('Acknowledgments in the period');
  if (r.acknowledgments.length === 0) layout.paragraph('None.');
  else layout.list(r.acknowledgments.map((a) => `${a.displayName} (${a.username}): version ${a.version}, ${day(a.acknowledgedOn)} (${a.language})`));

  layout.heading(`Staff as of ${day(r.asOf)} (training every ${r.trainingCycleMonths} months)`);
  for (const s of r.staff) {
    layout.keepTogether(layout.fieldHeight('Training', 'x') * 4);
    layout.labelsFor(['Acknowledgment', 'Training', 'Last quiz']);
    layout.field(`${s.displayName}`, `${s.username}, ${roleLabels[s.role]}`);
    layout.field(
      'Acknowledgment',
      `${acknowledgmentStateLabels[s.acknowledgment.state]}${s.acknowledgment.acknowledgedOn ? ` (version ${s.acknowledgment.version}, ${day(s.acknowledgment.acknowledgedOn)})` : ''}`,
    );
    layout.field('Training', `${trainingStateLabels[s.training.state]}: last ${day(s.training.lastTrainedOn)}, due ${day(s.training.dueOn)}`);
    layout.field('Last quiz', s.lastQuiz ? `${s.lastQuiz.correct} of ${s.lastQuiz.total}, ${s.lastQuiz.passed ? 'passed' : 'not passed'}` : 'None');
    layout.space(4);
  }

  layout.heading('Training sessions held');
  if (r.trainingSessions.length === 0) layout.paragraph('None.');
  else
    layout.list(
      r.trainingSessions.map((s) => `${day(s.heldOn)}: ${s.topic}, by ${s.trainer}; ${s.attendees} attendee(s), ${s.materials} material(s)${s.voided ? ' (void)' : ''}`),
    );

  layout.heading('Reviews of live posts');
  if (r.reviews.length === 0) layout.paragraph('No channel had a review schedule.');
  for (const s of r.reviews) {
    layout.paragraph(`${channelName(s.channel)}: ${reviewFrequencyLabels[s.frequency].toLowerCase()}, assigned to ${s.assigneeName}; ${s.removedComments} removed comment(s) noted.`);
    if (s.periods.length) layout.list(s.periods.map((p) => `${day(p.start)} to ${day(p.end)}: ${periodStateLabels[p.state]}${p.completedOn ? ` (${day(p.completedOn)})` : ''}`));
  }

  layout.heading('Incidents');
  if (r.incidents.length === 0) layout.paragraph('None.');
  for (const i of r.incidents) {
    layout.keepTogether(layout.fieldHeight('Discovered', 'x') * 6);
    layout.labelsFor(['Incident', 'What', 'Discovered', 'Decision', 'Notices', 'Outcome']);
    layout.field('Incident', `${i.id} (${i.state})`, { mono: true });
    layout.field('What', incidentTriggerLabels[i.trigger]);
    layout.field('Discovered', `${day(i.discoveredOn)}; notice due by ${day(i.individualBy)}`);
    layout.field(
      'Decision',
      i.decision === null ? 'Not decided' : i.decision === 'required' ? `Notification required${i.noticeInTime === false ? ' (notice late or missing)' : ''}` : 'Notification not required (low probability of compromise)',
    );
    layout.field('Notices', noticeKinds.map((k) => `${noticeKindLabels[k]}: ${day(i.notices[k])}`).join('; '));
    layout.field('Outcome', i.outcome ? `${i.outcome} (closed ${day(i.closedOn)})` : 'Open');
    layout.space(4);
  }
  layout.footers(`${programReportTitle}, ${r.from} to ${r.to}`, (n, m) => `Page ${n} of ${m}`);
  return signPdf(layout.doc, options.certificate, {
    reason: `${programReportTitle}, ${r.from} to ${r.to}`,
    location: options.practiceName,
    signerName: options.practiceName,
    signingTime: options.generatedAt,
  });
}

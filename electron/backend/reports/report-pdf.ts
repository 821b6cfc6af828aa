import { auditActionLabel } from '../../../shared/audit-actions';
import { revocationMethodLabels } from '../../../shared/authorization/record';
import { formatDay } from '../../../shared/calendar';
import type { ExpiringConsentsReport, ExpiringConsentRow } from '../../../shared/compliance/expiring-consents';
import type { RevocationReport } from '../../../shared/compliance/revocation-report';
import type { StaffActivityReport } from '../../../shared/compliance/staff-activity';
import type { UncoveredPost, UncoveredPostsReport } from '../../../shared/compliance/uncovered-posts';
import { channelName } from '../../../shared/posts/coverage';
import { postStateLabels } from '../../../shared/posts/post';
import { roleLabels } from '../../../shared/roles';
import type { CertificateBundle } from '../crypto/practice-certificate';
import { PdfLayout } from '../pdf/pdf-layout';
import { signPdf } from '../pdf/sign-pdf';

export type ReportData =
  | { kind: 'uncovered_posts'; report: UncoveredPostsReport }
  | { kind: 'expiring_consents'; report: ExpiringConsentsReport }
  | { kind: 'revocations'; report: RevocationReport }
  | { kind: 'staff_activity'; report: StaffActivityReport };

const titles: Record<ReportData['kind'], string> = {
  uncovered_posts: 'Posts published without a valid, covering consent',
  expiring_consents: 'Consents expiring in the next 90 days',
  revocations: 'Revoked consents and what was taken down',
  staff_activity: 'Staff activity',
};

/**
 * A report as a PDF for the file or for an auditor, signed by the practice
 * certificate like every PDF Consent Desk writes. Patients appear by id
 * unless names were asked for.
 */
export async function reportPdf(
  data: ReportData,
  options: { practiceName: string; generatedAt: Date; includeNames: boolean; certificate: CertificateBundle },
): Promise<Buffer> {
  const who = (patientId: string, name: string) => (options.includeNames ? `${name} (${patientId})` : `Patient ${patientId}`);
  const layout = await PdfLayout.create({
    title: titles[data.kind],
    author: options.practiceName,
    subject: titles[data.kind],
    creationDate: options.generatedAt,
  });
  layout.caption(`${options.practiceName} · generated ${options.generatedAt.toISOString()}`);
  layout.title(titles[data.kind]);

  switch (data.kind) {
    case 'uncovered_posts': {
      const r = data.report;
      layout.paragraph(
        `${r.total === 0 ? 'None.' : `${r.total} post(s).`} This number should be zero. ${r.postsChecked} published post(s) were checked as of ${formatDay(r.generatedOn, 'en')}` +
          (r.consentPurged ? `; ${r.consentPurged} more relied on consents purged after their retention period and cannot be checked.` : '.'),
      );
      const section = (heading: string, rows: UncoveredPost[]) => {
        layout.heading(`${heading} (${rows.length})`);
        if (rows.length === 0) layout.paragraph('None.');
        for (const p of rows) {
          layout.field('Post', p.postId);
          layout.field('Patient', who(p.patientId, p.patientName));
          layout.field('Channel', channelName(p.channel));
          layout.field('State', postStateLabels[p.state]);
          layout.field('Published on', p.publishedOn ?? '');
          layout.field('Consent', p.consentId ?? 'none');
          layout.field('Why not covered', p.reasons.join(' '));
          layout.space(6);
        }
      };
      section('Published when their consent did not cover them', r.publishedWithoutCoverage);
      section('Still up without cover today', r.liveWithoutCoverage);
      break;
    }
    case 'expiring_consents': {
      const r = data.report;
      const section = (heading: string, rows: ExpiringConsentRow[]) => {
        layout.heading(`${heading} (${rows.length})`);
        if (rows.length === 0) layout.paragraph('None.');
        for (const c of rows) {
          layout.field(`${c.expiresOn} (${c.daysLeft} d)`, `${who(c.patientId, c.patientName)}; consent ${c.consentId}`);
          layout.field('Posts relying on it', c.posts.length ? c.posts.map((p) => `${channelName(p.channel)} (${postStateLabels[p.state]})`).join(', ') : 'none');
          layout.space(4);
        }
      };
      layout.paragraph(`As of ${formatDay(r.generatedOn, 'en')}.`);
      section('Within 30 days', r.within30);
      section('In 31 to 60 days', r.within60);
      section('In 61 to 90 days', r.within90);
      break;
    }
    case 'revocations': {
      const r = data.report;
      layout.paragraph(
        `From ${formatDay(r.from, 'en')} to ${formatDay(r.to, 'en')}: ${r.totals.revocations} revocation(s); ${r.totals.postsAffected} post(s) affected, ` +
          `${r.totals.takenDown} taken down, ${r.totals.outstanding} still waiting.`,
      );
      for (const row of r.rows) {
        layout.heading(`Consent ${row.consentId}`);
        layout.field('Patient', who(row.patientId, row.patientName));
        layout.field('Received on', row.receivedOn);
        layout.field('Recorded at (UTC)', row.recordedAt);
        layout.field('How it arrived', revocationMethodLabels[row.method]);
        if (row.posts.length === 0) layout.field('Posts', 'none had been published');
        for (const p of row.posts) {
          layout.field(
            `Post ${p.id.slice(0, 8)}`,
            `${channelName(p.channel)}; ${postStateLabels[p.state]}` +
              (p.takenDownAt ? `; taken down ${p.takenDownAt} (${p.daysToTakeDown} d after the revocation)` : '; not yet taken down'),
          );
        }
      }
      break;
    }
    case 'staff_activity': {
      const r = data.report;
      layout.paragraph(`From ${formatDay(r.from, 'en')} to ${formatDay(r.to, 'en')}: ${r.totalEvents} audit event(s).`);
      for (const s of r.staff) {
        layout.heading(`${s.displayName ?? s.actorName} (${s.actorName}${s.role ? `, ${roleLabels[s.role]}` : ''}): ${s.total}`);
        for (const a of s.actions) layout.field(auditActionLabel(a.action), `${a.count} (first ${a.firstAt}, last ${a.lastAt})`);
      }
      break;
    }
  }
  layout.footers(titles[data.kind], (n, m) => `Page ${n} of ${m}`);
  return signPdf(layout.doc, options.certificate, {
    reason: titles[data.kind],
    location: options.practiceName,
    signerName: options.practiceName,
    signingTime: options.generatedAt,
  });
}

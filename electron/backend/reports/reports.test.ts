import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, auditPractice, marketing } from '../testing/audit-practice';
import { pdfFlatText, pdfSignatureReport } from '../testing/pdf-tools';
import { rejection } from '../testing/test-backend';

type Practice = Awaited<ReturnType<typeof auditPractice>>;
let p: Practice;
beforeAll(async () => {
  p = await auditPractice();
});
afterAll(() => {
  p.backend.close();
  fs.rmSync(p.dataDir, { recursive: true, force: true });
});

const march = { from: '2026-03-01', to: '2026-03-31' };

describe('compliance reports through the contract', () => {
  it('counts a post published on the day its revocation was received as published without coverage, with both dates', async () => {
    // The revocation takes effect on the day it was received (164.508(b)(5)): a day has no hours here.
    const report = await p.call('reports.uncoveredPosts', {});
    expect(report).toMatchObject({ total: 1, postsChecked: 2, liveWithoutCoverage: [] });
    expect(report.publishedWithoutCoverage).toEqual([
      expect.objectContaining({
        postId: p.removedPost.id,
        publishedOn: '2026-03-02',
        revocationReceivedOn: '2026-03-02',
        reasons: [
          'Published on March 2, 2026, on or after the day the revocation was received (March 2, 2026).',
          'The consent was revoked: the patient’s revocation was received on March 2, 2026.',
        ],
      }),
    ]);
  });

  it('lists the revocation and the post taken down because of it', async () => {
    const report = await p.call('reports.revocations', march);
    expect(report.totals).toEqual({ revocations: 1, postsAffected: 1, takenDown: 1, outstanding: 0 });
    expect(report.rows[0]).toMatchObject({ consentId: p.revoked.id, patientName: 'Thị Ánh Nguyễn', method: 'mail', posts: [{ id: p.removedPost.id, state: 'taken_down', daysToTakeDown: 0 }] });
    expect((await p.call('reports.revocations', { from: '2026-04-01', to: '2026-04-30' })).rows).toEqual([]);
  });

  it('counts audit events per staff member and action', async () => {
    const report = await p.call('reports.staffActivity', march);
    const fran = report.staff.find((s) => s.actorName === 'frontdesk')!;
    expect(fran).toMatchObject({ displayName: 'Fran Front', role: 'frontdesk' });
    expect(fran.actions.find((a) => a.action === 'consent.revoked')?.count).toBe(1);
    expect(fran.actions.find((a) => a.action === 'consent.witnessed')?.count).toBe(2);
    expect(report.staff.find((s) => s.actorName === 'system')?.actions.map((a) => a.action)).toContain('post.takedown_required');
    expect(report.totalEvents).toBe(report.staff.reduce((n, s) => n + s.total, 0));
  });

  it('lists consents expiring within 30 days with their posts', async () => {
    expect((await p.call('reports.expiringConsents', {})).within30).toEqual([]);
    p.clock.set('2027-06-10T15:00:00.000Z');
    await p.call('session.signIn', admin);
    const report = await p.call('reports.expiringConsents', {});
    expect(report.within30.map((r) => [r.consentId, r.daysLeft, r.posts.map((x) => x.id)])).toEqual([[p.kept.id, 20, [p.livePost.id]]]);
    p.clock.set('2026-03-02T17:00:00.000Z');
    await p.call('session.signIn', admin);
  });

  it('renders each report as a signed PDF, with patient names only when asked', async () => {
    for (const report of ['uncovered_posts', 'expiring_consents', 'revocations', 'staff_activity'] as const) {
      const file = await p.call('reports.pdf', { report, ...march });
      const pdf = Buffer.from(file.base64, 'base64');
      expect(file.fileName).toMatch(/^report-[a-z-]+-\d{4}-\d{2}-\d{2}\.pdf$/);
      const sig = pdfSignatureReport(pdf);
      expect(sig, report).toContain('Signature is Valid');
      expect(sig, report).toContain('Total document signed');
    }
    const anonymous = pdfFlatText(Buffer.from((await p.call('reports.pdf', { report: 'revocations', ...march })).base64, 'base64'));
    expect(anonymous).toContain('Revoked consents and what was taken down');
    expect(anonymous).toContain(`Patient ${p.anh.id}`);
    expect(anonymous).not.toContain('Nguy');
    const named = pdfFlatText(Buffer.from((await p.call('reports.pdf', { report: 'revocations', ...march, includeNames: true })).base64, 'base64'));
    expect(named).toContain('Thị Ánh Nguyễn');
    const needsRange = await rejection(p.call('reports.pdf', { report: 'staff_activity' }));
    expect(needsRange.code).toBe('validation');
    expect((await p.call('audit.list', { action: 'report.pdf_exported' })).total).toBe(6);
  });

  it('are for the privacy officer only', async () => {
    await p.as(marketing);
    expect((await rejection(p.call('reports.uncoveredPosts', {}))).code).toBe('forbidden');
    await p.as(admin);
  });
});

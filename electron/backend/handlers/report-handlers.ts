import type { Day } from '../../../shared/calendar';
import { AppError } from '../../../shared/errors';
import { sha256Hex } from '../consents/authorization-view';
import { expiringConsents, revocations, staffActivity, uncoveredPosts } from '../reports/report-queries';
import { reportFileName } from '../reports/report-file-name';
import type { ReportData } from '../reports/report-pdf';
import { renderReportPdf } from '../rendering/time-limited-pdf';
import { signingCertificate } from './certificate-handlers';
import type { Handlers } from './handler';

export const reportHandlers = {
  'reports.uncoveredPosts': (core) => {
    const store = core.requireStore();
    const report = uncoveredPosts(store.db, core.checkContext());
    store.write(() => core.audit({ action: 'report.viewed', detail: `uncovered posts: ${report.total}` }));
    return report;
  },

  'reports.expiringConsents': (core) => {
    const store = core.requireStore();
    const report = expiringConsents(store.db, core.checkContext());
    store.write(() => core.audit({ action: 'report.viewed', detail: 'expiring consents' }));
    return report;
  },

  'reports.revocations': (core, { from, to }) => {
    const store = core.requireStore();
    const report = revocations(store.db, from, to, core.timeZone);
    store.write(() => core.audit({ action: 'report.viewed', detail: `revocations ${from} to ${to}` }));
    return report;
  },

  'reports.staffActivity': (core, { from, to }) => {
    const store = core.requireStore();
    const report = staffActivity(store.db, from, to, core.timeZone);
    store.write(() => core.audit({ action: 'report.viewed', detail: `staff activity ${from} to ${to}` }));
    return report;
  },

  'reports.pdf': async (core, input) => {
    const store = core.requireStore();
    const range = (): { from: Day; to: Day } => {
      if (!input.from || !input.to) throw new AppError('validation', 'This report needs a range: from and to.');
      return { from: input.from, to: input.to };
    };
    let data: ReportData;
    switch (input.report) {
      case 'uncovered_posts':
        data = { kind: input.report, report: uncoveredPosts(store.db, core.checkContext()) };
        break;
      case 'expiring_consents':
        data = { kind: input.report, report: expiringConsents(store.db, core.checkContext()) };
        break;
      case 'revocations': {
        const { from, to } = range();
        data = { kind: input.report, report: revocations(store.db, from, to, core.timeZone) };
        break;
      }
      case 'staff_activity': {
        const { from, to } = range();
        data = { kind: input.report, report: staffActivity(store.db, from, to, core.timeZone) };
        break;
      }
    }
    const certificate = await signingCertificate(core);
    const generatedAt = core.now();
    const pdf = await renderReportPdf(data, { practiceName: core.settings.practiceName, generatedAt, includeNames: input.includeNames, certificate });
    const sha256 = sha256Hex(pdf);
    store.write(() =>
      core.audit({
        action: 'report.pdf_exported',
        detail: `${input.report}${input.from ? ` ${input.from} to ${input.to}` : ''}; names ${input.includeNames ? 'included' : 'not included'}; SHA-256 ${sha256}`,
      }),
    );
    return { fileName: reportFileName(data.kind, core.today()), mimeType: 'application/pdf', base64: pdf.toString('base64'), sha256 };
  },
} satisfies Partial<Handlers>;

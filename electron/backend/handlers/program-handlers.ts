import { sha256Hex } from '../consents/authorization-view';
import { programStatus } from '../program/program-queries';
import { complianceProgramReport } from '../program/program-report-query';
import { signingCertificate } from './certificate-handlers';
import type { Handlers } from './handler';

export const programHandlers = {
  'program.status': (core) => {
    const store = core.requireStore();
    const status = programStatus(store.db, core.checkContext());
    store.write(() => core.audit({ action: 'program.status_viewed', detail: `${status.problems.length} overdue item(s)` }));
    return status;
  },

  'program.report': (core, range) => {
    const store = core.requireStore();
    const report = complianceProgramReport(store.db, range, { today: core.today(), timeZone: core.timeZone });
    store.write(() => core.audit({ action: 'program.report_viewed', detail: `${range.from} to ${range.to}` }));
    return report;
  },

  'program.reportPdf': async (core, range) => {
    const store = core.requireStore();
    const report = complianceProgramReport(store.db, range, { today: core.today(), timeZone: core.timeZone });
    const { programReportFileName, programReportPdf } = await import('../pdf/program-report-pdf'); // pdf-lib and fontkit load with the first PDF
    const pdf = await programReportPdf(report, { practiceName: core.settings.practiceName, generatedAt: core.now(), certificate: await signingCertificate(core) });
    const sha256 = sha256Hex(pdf);
    store.write(() => core.audit({ action: 'report.pdf_exported', detail: `compliance program ${range.from} to ${range.to}; SHA-256 ${sha256}` }));
    return { fileName: programReportFileName(range.from, range.to), mimeType: 'application/pdf', base64: pdf.toString('base64'), sha256 };
  },
} satisfies Partial<Handlers>;

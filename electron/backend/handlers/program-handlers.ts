import type { CallOutput, ParsedInput } from '../../../shared/contract';
import { sha256Hex } from '../consents/authorization-view';
import { auditIn, type ProgramCore } from '../engine-core';
import { programStatusIn } from '../program/program-queries-engine';
import { complianceProgramReportIn } from '../program/program-report-query';
import { signingCertificate } from './certificate-handlers';

/**
 * The compliance program's status and its report on the store engine (issue
 * 15, switch-over step 3). Each is read in one engine read, one snapshot
 * (REPEATABLE READ on PostgreSQL: the staff's statuses, the schedules and the
 * incidents are of one moment), then what was shown is audited in a write of
 * its own (on PostgreSQL the audit append requires READ COMMITTED). The answer
 * is given only once its audit event is kept: a failed append answers an
 * error, not the status. The report's PDF is drawn and signed with no
 * transaction open (the certificate is read, or made, in transactions of its
 * own); it writes nothing but its audit event, so there is nothing to check
 * again in that write.
 */

type ProgramCall = 'program.status' | 'program.report' | 'program.reportPdf';

/** Written against `ProgramCore`, not `BackendCore`: the same handlers run on either engine (program-handlers.engines.test.ts). */
type ProgramHandlers = { [P in ProgramCall]: (core: ProgramCore, input: ParsedInput<P>) => Promise<CallOutput<P>> };

const oneSnapshot = { isolation: 'repeatable read' } as const;

function reportIn(core: ProgramCore, range: ParsedInput<'program.report'>) {
  const ctx = { today: core.today(), timeZone: core.timeZone };
  return core.engine.read((tx) => complianceProgramReportIn(core.engine.records, tx, range, ctx), oneSnapshot);
}

export const programHandlers: ProgramHandlers = {
  'program.status': async (core) => {
    const ctx = { today: core.today(), timeZone: core.timeZone };
    const status = await core.engine.read((tx) => programStatusIn(core.engine.records, tx, ctx), oneSnapshot);
    await core.engine.write((tx) => auditIn(core, tx, { action: 'program.status_viewed', detail: `${status.problems.length} overdue item(s)` }));
    return status;
  },

  'program.report': async (core, range) => {
    const report = await reportIn(core, range);
    await core.engine.write((tx) => auditIn(core, tx, { action: 'program.report_viewed', detail: `${range.from} to ${range.to}` }));
    return report;
  },

  /** Read, then the certificate and the PDF with no transaction open (slow work), then the export audited in a write. */
  'program.reportPdf': async (core, range) => {
    const report = await reportIn(core, range);
    const certificate = await signingCertificate(core);
    const { programReportFileName, programReportPdf } = await import('../pdf/program-report-pdf'); // pdf-lib and fontkit load with the first PDF
    const pdf = await programReportPdf(report, { practiceName: core.settings.practiceName, generatedAt: core.now(), certificate });
    const sha256 = sha256Hex(pdf);
    await core.engine.write((tx) => auditIn(core, tx, { action: 'report.pdf_exported', detail: `compliance program ${range.from} to ${range.to}; SHA-256 ${sha256}` }));
    return { fileName: programReportFileName(range.from, range.to), mimeType: 'application/pdf', base64: pdf.toString('base64'), sha256 };
  },
};

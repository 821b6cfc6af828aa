import type { BackendCallName, CallOutput, ParsedInput } from '../../../shared/contract';
import type { Day } from '../../../shared/calendar';
import { AppError } from '../../../shared/errors';
import { sha256Hex } from '../consents/authorization-view';
import { auditIn, type ReportCore } from '../engine-core';
import { expiringConsentsIn, revocationsIn, staffActivityIn, uncoveredPostsIn } from '../reports/report-queries';
import { reportFileName } from '../reports/report-file-name';
import type { ReportData } from '../reports/report-pdf';
import { renderReportPdf } from '../rendering/time-limited-pdf';
import { signingCertificate } from './certificate-handlers';

/**
 * The compliance reports on the store engine (issue 15, switch-over step 3).
 * A report is read in one read-only transaction (REPEATABLE READ on
 * PostgreSQL, so its several statements see one snapshot, as SQLite's
 * transaction does), then who looked is recorded in one write of its own:
 * the report is answered only once that event is kept. The audit append
 * does not run inside the report's snapshot, since on PostgreSQL an append
 * reads the chain's head after taking the chain's lock (READ COMMITTED).
 * A PDF is rendered and signed with no transaction open, then its hash is
 * recorded.
 */

type ReportCall = 'reports.uncoveredPosts' | 'reports.expiringConsents' | 'reports.revocations' | 'reports.staffActivity' | 'reports.pdf';

/** Written against `ReportCore`, not `BackendCore`: the same handlers run on either engine (report-handlers.engines.test.ts). */
export type ReportHandlers<K extends BackendCallName> = { [P in K]: (core: ReportCore, input: ParsedInput<P>) => Promise<CallOutput<P>> };

/** The report's data, read from one snapshot. */
function readReport<T>(core: ReportCore, fn: (tx: unknown) => Promise<T>): Promise<T> {
  return core.engine.read(fn, { isolation: 'repeatable read' });
}

async function viewed<T>(core: ReportCore, report: T, detail: string): Promise<T> {
  await core.engine.write((tx) => auditIn(core, tx, { action: 'report.viewed', detail }));
  return report;
}

export const reportHandlers: ReportHandlers<ReportCall> = {
  'reports.uncoveredPosts': async (core) => {
    const report = await readReport(core, (tx) => uncoveredPostsIn(core.engine.records, tx, core.checkContext()));
    return viewed(core, report, `uncovered posts: ${report.total}`);
  },

  'reports.expiringConsents': async (core) => {
    const report = await readReport(core, (tx) => expiringConsentsIn(core.engine.records, tx, core.checkContext()));
    return viewed(core, report, 'expiring consents');
  },

  'reports.revocations': async (core, { from, to }) => {
    const report = await readReport(core, (tx) => revocationsIn(core.engine.records, tx, from, to, core.timeZone));
    return viewed(core, report, `revocations ${from} to ${to}`);
  },

  'reports.staffActivity': async (core, { from, to }) => {
    const report = await readReport(core, (tx) => staffActivityIn(core.engine.records, tx, from, to, core.timeZone));
    return viewed(core, report, `staff activity ${from} to ${to}`);
  },

  'reports.pdf': async (core, input) => {
    const range = (): { from: Day; to: Day } => {
      if (!input.from || !input.to) throw new AppError('validation', 'This report needs a range: from and to.');
      return { from: input.from, to: input.to };
    };
    const records = core.engine.records;
    let read: (tx: unknown) => Promise<ReportData>;
    switch (input.report) {
      case 'uncovered_posts':
        read = async (tx) => ({ kind: 'uncovered_posts', report: await uncoveredPostsIn(records, tx, core.checkContext()) });
        break;
      case 'expiring_consents':
        read = async (tx) => ({ kind: 'expiring_consents', report: await expiringConsentsIn(records, tx, core.checkContext()) });
        break;
      case 'revocations': {
        const { from, to } = range();
        read = async (tx) => ({ kind: 'revocations', report: await revocationsIn(records, tx, from, to, core.timeZone) });
        break;
      }
      case 'staff_activity': {
        const { from, to } = range();
        read = async (tx) => ({ kind: 'staff_activity', report: await staffActivityIn(records, tx, from, to, core.timeZone) });
        break;
      }
    }
    const data = await readReport(core, read);
    // Rendering and signing are slow work: no transaction is open.
    const certificate = await signingCertificate(core);
    const generatedAt = core.now();
    const pdf = await renderReportPdf(data, { practiceName: core.settings.practiceName, generatedAt, includeNames: input.includeNames, certificate });
    const sha256 = sha256Hex(pdf);
    await core.engine.write((tx) =>
      auditIn(core, tx, {
        action: 'report.pdf_exported',
        detail: `${input.report}${input.from ? ` ${input.from} to ${input.to}` : ''}; names ${input.includeNames ? 'included' : 'not included'}; SHA-256 ${sha256}`,
      }),
    );
    return { fileName: reportFileName(data.kind, core.today()), mimeType: 'application/pdf', base64: pdf.toString('base64'), sha256 };
  },
};

import { auditIn, type ExportCore } from '../engine-core';
import type { ParsedInput } from '../../../shared/contract';
import type { Handlers } from './handler';

/** The export's code (pdf-lib, pkijs, the zip writer) loads with the first export call, not with every sign-in and command. */
const exportJobs = () => import('../export/export-jobs');

export const exportHandlers = {
  'exports.start': async (core: ExportCore, params: ParsedInput<'exports.start'>) => (await exportJobs()).startExport(core, params),

  'exports.progress': async (core: ExportCore, { id }: ParsedInput<'exports.progress'>) => (await exportJobs()).exportProgress(core, id),

  'exports.latest': async (core: ExportCore) => (await exportJobs()).latestExport(core),

  'exports.cancel': async (core: ExportCore, { id }: ParsedInput<'exports.cancel'>) => (await exportJobs()).cancelExport(core, id),

  'exports.verify': async (core: ExportCore, input: ParsedInput<'exports.verify'>) => {
    const file = 'id' in input ? (await exportJobs()).exportedFile(core, input.id) : input.filePath;
    const { verifyBundle } = await import('../export/bundle-verify'); // pkijs and pdf-lib load on first use
    const result = await verifyBundle(file);
    await core.engine.write((tx) =>
      auditIn(core, tx, {
        action: 'export.verified',
        subjectType: 'export',
        subjectId: 'id' in input ? input.id : null,
        detail: `${result.ok ? 'intact' : `${result.failures.length} problem(s)`}; ${result.checked.files} files, ${result.checked.pdfSignatures} PDF signatures, ${result.checked.auditEvents} audit events`,
      }),
    );
    return result;
  },
} satisfies Partial<Handlers>;

import type { BackendCore } from '../backend-core';
import { auditIn } from '../engine-core';
import type { Handlers } from './handler';

/** The export's code (pdf-lib, pkijs, the zip writer) loads with the first export call, not with every sign-in and command. */
const exportJobs = () => import('../export/export-jobs');

export const exportHandlers = {
  'exports.start': async (core, params) => (await exportJobs()).startExport(core, params),

  'exports.progress': async (core, { id }) => (await exportJobs()).exportProgress(core, id),

  'exports.latest': async (core) => (await exportJobs()).latestExport(core),

  'exports.cancel': async (core, { id }) => (await exportJobs()).cancelExport(core, id),

  'exports.verify': async (core: BackendCore, input) => {
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

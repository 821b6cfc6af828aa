import type { BackendCore } from '../backend-core';
import { verifyBundle } from '../export/bundle-verify';
import { cancelExport, exportedFile, exportProgress, latestExport, startExport } from '../export/export-jobs';
import type { Handlers } from './handler';

export const exportHandlers = {
  'exports.start': (core, params) => startExport(core, params),

  'exports.progress': (core, { id }) => exportProgress(core, id),

  'exports.latest': (core) => latestExport(core),

  'exports.cancel': (core, { id }) => cancelExport(core, id),

  'exports.verify': async (core: BackendCore, input) => {
    const file = 'id' in input ? exportedFile(core, input.id) : input.filePath;
    const result = await verifyBundle(file);
    const store = core.requireStore();
    store.write(() =>
      core.audit({
        action: 'export.verified',
        subjectType: 'export',
        subjectId: 'id' in input ? input.id : null,
        detail: `${result.ok ? 'intact' : `${result.failures.length} problem(s)`}; ${result.checked.files} files, ${result.checked.pdfSignatures} PDF signatures, ${result.checked.auditEvents} audit events`,
      }),
    );
    return result;
  },
} satisfies Partial<Handlers>;

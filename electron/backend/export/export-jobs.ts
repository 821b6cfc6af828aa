import fs from 'node:fs';
import path from 'node:path';
import type { ExportJob, ExportParams, ManifestCertificate } from '../../../shared/compliance/audit-bundle';
import { AppError } from '../../../shared/errors';
import { appVersion } from '../app-version';
import type { AuditAction } from '../../../shared/audit-actions';
import { auditIn, type ExportCore } from '../engine-core';
import { certificateDerOf, toPem } from '../crypto/certificate-pem';
import { signingCertificate } from '../handlers/certificate-handlers';
import { bundleFileCount, removeStalePartials, writeBundle } from './bundle-writer';
import { selectForExportOn } from './export-selection';
import { selectProgramForExport } from './program-bundle';
import type { Db } from '../store/database';

interface JobRecord {
  job: ExportJob;
  controller: AbortController;
  finished: Promise<void>;
}

/** Exports of each backend, by id. Finished ones stay listed (they are small) so progress can still be read. */
const registries = new WeakMap<ExportCore, Map<string, JobRecord>>();

function registry(core: ExportCore): Map<string, JobRecord> {
  let jobs = registries.get(core);
  if (!jobs) {
    jobs = new Map();
    registries.set(core, jobs);
  }
  return jobs;
}

/** Where bundles go when no shell chose a place: the data folder's exports/, private to the user. */
export function exportsFolder(core: ExportCore): string {
  const dir = path.join(core.paths.dataDir, 'exports');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

function targetOf(core: ExportCore, params: ExportParams, startedAt: Date): string {
  if (params.destinationPath) {
    const target = path.resolve(params.destinationPath);
    const dir = path.dirname(target);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      throw new AppError('validation', `The folder ${dir} does not exist.`, {
        issues: [{ path: 'destinationPath', message: `The folder ${dir} does not exist; choose an existing folder.` }],
      });
    }
    if (fs.existsSync(target)) {
      throw new AppError('conflict', `${target} already exists; choose another name.`, {
        issues: [{ path: 'destinationPath', message: `${target} already exists; choose a new file name.` }],
      });
    }
    return target;
  }
  const stamp = startedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const folder = exportsFolder(core);
  for (let n = 1; ; n++) {
    const candidate = path.join(folder, `consent-desk-audit-${params.from}-to-${params.to}-${stamp}${n > 1 ? `-${n}` : ''}.zip`);
    if (!fs.existsSync(candidate)) return candidate;
  }
}

const snapshot = (record: JobRecord): ExportJob => ({ ...record.job, counts: { ...record.job.counts } });

function describeFailure(error: unknown): string {
  if (error instanceof AppError) return error.message;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC') return 'The disk is full; the bundle was not saved.';
  if (code === 'EACCES' || code === 'EPERM') return 'Consent Desk may not write to that folder; the bundle was not saved.';
  if (code === 'EROFS') return 'That folder is read-only; the bundle was not saved.';
  return `The bundle could not be written${typeof code === 'string' ? ` (${code})` : ''}; nothing was kept.`;
}

/**
 * Start an export in the background and return its job at once. What goes
 * in is fixed now (see selectForExportOn); the writing then runs outside the
 * backend's call queue, reading one PDF at a time from the store, so other
 * calls (progress, cancel, anything else) are answered meanwhile. The
 * export is audited when it starts and when it ends (who, range, counts,
 * the bundle's SHA-256).
 */
export async function startExport(core: ExportCore, params: ExportParams): Promise<ExportJob> {
  // The engine of the open store (a locked one is refused here), and which store it is: the export ends if it changes.
  const engine = core.engine;
  const store = core.openStore;
  const staff = core.requireSession();
  const jobs = registry(core);
  if ([...jobs.values()].some((r) => r.job.state === 'running')) {
    throw new AppError('conflict', 'An export is already running. Wait for it to finish or cancel it.');
  }
  const startedAt = core.now();
  const target = targetOf(core, params, startedAt);
  removeStalePartials(path.dirname(target));
  // Everything the bundle holds is read from one snapshot, on a connection (SQLite) or client (PostgreSQL) of the export's own: the engine's writes go on meanwhile.
  const held = await engine.snapshot();
  const release = () => void held.release();
  let prepared;
  try {
    prepared = await prepareExport(core, held.tx, params, startedAt);
  } catch (error) {
    release();
    throw error;
  }
  const { selection, signer, certificates, signerPem, program } = prepared;
  const { destinationPath: _ignored, ...recorded } = params;
  const id = core.newId();
  const c = selection.counts;
  const scope = `${params.from} to ${params.to}; patients ${params.patientIds ? params.patientIds.length : 'all'}; statuses ${params.states?.join(',') ?? 'all'}; names ${params.includeNames ? 'included' : 'not included'}`;
  try {
    await engine.write((tx) => auditIn(core, tx, { action: 'export.started', subjectType: 'export', subjectId: id, detail: scope }));
  } catch (error) {
    release();
    throw error;
  }

  const controller = new AbortController();
  const record: JobRecord = {
    controller,
    finished: Promise.resolve(),
    job: {
      id,
      state: 'running',
      done: 0,
      total: bundleFileCount(selection, program),
      phase: 'spreadsheets',
      params: recorded,
      counts: c,
      startedAt: startedAt.toISOString(),
      finishedAt: null,
      fileName: null,
      filePath: null,
      bytes: null,
      sha256: null,
      error: null,
    },
  };
  jobs.set(id, record);

  // Written after the fact by the background job: name the person who started it. It runs outside
  // the call queue, so it must never throw: on a full disk even this event cannot be written, and an
  // error here would reject a promise nobody awaits and end the process.
  const auditEnd = async (action: AuditAction, detail: string) => {
    if (core.openStore !== store) return;
    try {
      await engine.write((tx) => auditIn(core, tx, { actorId: staff.id, actorName: staff.username, action, subjectType: 'export', subjectId: id, detail }));
    } catch (error) {
      core.reportUnexpected(`consent-desk: the end of export ${id} could not be audited (${(error as { code?: unknown })?.code ?? (error instanceof Error ? error.name : typeof error)})`);
    }
  };

  record.finished = writeBundle({
    reads: { exports: engine.records.exports, tx: held.tx },
    selection,
    params: recorded,
    practiceName: core.settings.practiceName,
    appVersion,
    createdAt: startedAt,
    createdBy: { username: staff.username, displayName: staff.displayName },
    signer,
    signerPem,
    certificates,
    templateVersions: prepared.templateVersions,
    target,
    signal: controller.signal,
    storeStillOpen: () => core.openStore === store,
    program,
    journalDir: core.paths.dataDir,
    onProgress: (p) => Object.assign(record.job, p),
  })
    .finally(() => held.release())
    .then(
    async (result) => {
      Object.assign(record.job, {
        state: 'done',
        phase: 'finished',
        done: record.job.total,
        finishedAt: core.nowIso(),
        fileName: path.basename(result.filePath),
        filePath: result.filePath,
        bytes: result.bytes,
        sha256: result.sha256,
      });
      await auditEnd(
        'export.completed',
        `${scope}; ${c.authorizations} authorizations, ${c.revocations} revocations, ${c.posts} posts, ${c.auditEvents} audit events; ` +
          `${result.files} files, ${result.bytes} bytes; bundle SHA-256 ${result.sha256}; manifest SHA-256 ${result.manifestSha256}; file ${path.basename(result.filePath)}`,
      );
    },
    async (error: unknown) => {
      const cancelled = controller.signal.aborted;
      Object.assign(record.job, {
        state: cancelled ? 'cancelled' : 'failed',
        finishedAt: core.nowIso(),
        error: cancelled ? null : describeFailure(error),
      });
      if (!cancelled && !(error instanceof AppError)) {
        const kind = error instanceof Error ? error.name : typeof error;
        core.reportUnexpected(`consent-desk: export ${id} failed (${kind}${(error as { code?: unknown })?.code ? ` ${String((error as { code?: unknown }).code)}` : ''})`);
      }
      await auditEnd(cancelled ? 'export.cancelled' : 'export.failed', cancelled ? `${scope}; nothing kept` : `${scope}; ${record.job.error}`);
    },
  ).catch((error: unknown) => {
    // Belt and braces: whatever the handlers above did, this promise settles without rejecting.
    core.reportUnexpected(`consent-desk: export ${id} ended badly (${error instanceof Error ? error.name : typeof error})`);
  });
  return snapshot(record);
}

/**
 * What the export holds (read on the snapshot's transaction `tx`) and who signs it (on the
 * store: a first export may make the practice certificate).
 */
async function prepareExport(core: ExportCore, tx: unknown, params: ExportParams, startedAt: Date) {
  const { records } = core.engine;
  // Chosen through the engine's export records on the snapshot: the same reads on either engine.
  const selection = await selectForExportOn(records.exports, tx, params, core.checkContext());
  const signer = await signingCertificate(core);
  const { certificates: certificateRecords, templates } = records.practice;
  const certificates: ManifestCertificate[] = (await core.engine.read((tx) => certificateRecords.allCertificates(tx))).map((c) => ({ ...c.info, pem: toPem(certificateDerOf(c)) }));
  const signerPem = certificates.find((c) => c.fingerprintSha256 === signer.info.fingerprintSha256)?.pem ?? toPem(certificateDerOf(signer));
  const program = !(await records.exports.hasProgramRecords(tx)) ? undefined : await selectProgramForExport(records, tx, params, { today: core.today(), timeZone: core.timeZone }, { name: core.settings.practiceName, certificate: signer, now: startedAt });
  const versions = new Map((await templates.listTemplates(tx)).map((t) => [t.id, t.version]));
  return { selection, signer, certificates, signerPem, program, templateVersions: versions };
}

/** Each template version's number by id (a handful of rows). */
export function templateVersions(db: Db): Map<string, number> {
  return new Map((db.prepare('SELECT id, version FROM templates').all() as { id: string; version: number }[]).map((t) => [t.id, t.version]));
}

function existing(core: ExportCore, id: string): JobRecord {
  const record = registry(core).get(id);
  if (!record) throw new AppError('not_found', 'There is no such export (exports are forgotten when Consent Desk restarts).');
  return record;
}

export function exportProgress(core: ExportCore, id: string): ExportJob {
  return snapshot(existing(core, id));
}

/** Cancel a running export and wait until its temporary file is gone. A finished one stays as it is. */
export async function cancelExport(core: ExportCore, id: string): Promise<ExportJob> {
  const record = existing(core, id);
  if (record.job.state === 'running') record.controller.abort();
  await record.finished;
  return snapshot(record);
}

/** The export started last since Consent Desk started, running or not: a reloaded page finds it again. */
export function latestExport(core: ExportCore): ExportJob | null {
  const newest = [...registry(core).values()].at(-1);
  return newest ? snapshot(newest) : null;
}

/** The file of a finished export of this session (for `exports.verify` by id). */
export function exportedFile(core: ExportCore, id: string): string {
  const record = existing(core, id);
  if (record.job.state !== 'done' || !record.job.filePath) throw new AppError('conflict', 'That export has not finished.');
  return record.job.filePath;
}

/** Cancel every running export and wait (the store is about to close or be replaced). */
export async function cancelAllExports(core: ExportCore): Promise<void> {
  const running = [...registry(core).values()].filter((r) => r.job.state === 'running');
  running.forEach((r) => r.controller.abort());
  await Promise.all(running.map((r) => r.finished));
}

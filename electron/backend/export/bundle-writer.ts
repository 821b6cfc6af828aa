import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable, Transform } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import type { AuditEvent } from '../../../shared/audit';
import type { BundleManifest, ExportJob, ExportParams, ManifestCertificate, ManifestFile } from '../../../shared/compliance/audit-bundle';
import { AppError } from '../../../shared/errors';
import type { CertificateBundle } from '../crypto/practice-certificate';
import { PracticeSigner } from '../pdf/practice-signer';
import { syncDirectory } from '../store/atomic-file';
import type { Db } from '../store/database';
import { pdfEntryName } from './bundle-names';
import { auditLine, bundleReadme, consentsHeader, consentsRow, postsCsv } from './bundle-contents';
import { csvRow } from './csv';
import { selectionRule, type AuthorizationRow, type ExportSelection } from './export-selection';

export const manifestName = 'manifest.json';
export const signatureName = 'manifest.json.p7s';
export const certificateName = 'practice-certificate.pem';

export interface BundleProgress {
  done: number;
  total: number;
  phase: ExportJob['phase'];
}

export interface BundleInputs {
  db: Db;
  selection: ExportSelection;
  params: Omit<ExportParams, 'destinationPath'>;
  practiceName: string;
  appVersion: string;
  createdAt: Date;
  createdBy: { username: string; displayName: string };
  /** The practice certificate that signs the manifest, and every certificate the practice has used (PEMs). */
  signer: CertificateBundle;
  signerPem: string;
  certificates: ManifestCertificate[];
  /** Template versions by id (a handful of rows), for the spreadsheet. */
  templateVersions: ReadonlyMap<string, number>;
  /** The bundle's final path; it must not exist. A hidden temporary file beside it is renamed at the end. */
  target: string;
  signal?: AbortSignal;
  onProgress?: (progress: BundleProgress) => void;
  /** Checked before each PDF: false once the store was closed (sign-out), which stops the export. */
  storeStillOpen?: () => boolean;
}

export interface BundleResult {
  filePath: string;
  bytes: number;
  sha256: string;
  manifestSha256: string;
  files: number;
}

type AuditRow = {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
};

const toEvent = (r: AuditRow): AuditEvent => ({
  seq: r.seq,
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  action: r.action,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  detail: r.detail,
  prevHash: r.prev_hash,
  hash: r.hash,
});

function abortError(): AppError {
  return new AppError('conflict', 'The export was cancelled.');
}

/**
 * Write an audit bundle: a zip streamed to a temporary file beside the
 * target and renamed onto it at the end, so the target either does not
 * exist or is complete. PDFs are read from SQLite one row at a time, by id,
 * and each is handed to the zip only when the previous one has gone
 * through, so memory stays flat however many there are. Every file is
 * hashed on its way in; the manifest lists them all and is signed last.
 * Cancelling (the signal), a failure or the store closing removes the
 * temporary file and leaves nothing behind.
 */
export async function writeBundle(inputs: BundleInputs): Promise<BundleResult> {
  const { selection, signal } = inputs;
  if (fs.existsSync(inputs.target)) throw new AppError('conflict', `${inputs.target} already exists; choose another name.`);
  const dir = path.dirname(inputs.target);
  const tmp = path.join(dir, `.${path.basename(inputs.target)}.${crypto.randomBytes(6).toString('hex')}.partial`);

  const withRevocation = selection.authorizations.filter((a) => a.revoked);
  const total = bundleFileCount(selection);
  let done = 0;
  const report = (phase: BundleProgress['phase']) => inputs.onProgress?.({ done, total, phase });

  const zip = new yazl.ZipFile();
  const bundleHash = crypto.createHash('sha256');
  let bytes = 0;
  // Hashes the bundle on its way to disk, and gathers the zip's many small writes
  // (headers, descriptors, one PDF's data) into writes of about 1 MB.
  let gathered: Buffer[] = [];
  let gatheredBytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bundleHash.update(chunk);
      bytes += chunk.length;
      gathered.push(chunk);
      gatheredBytes += chunk.length;
      if (gatheredBytes >= 1024 * 1024) {
        this.push(Buffer.concat(gathered, gatheredBytes));
        gathered = [];
        gatheredBytes = 0;
      }
      callback();
    },
    flush(callback) {
      callback(null, gatheredBytes ? Buffer.concat(gathered, gatheredBytes) : undefined);
    },
  });
  // Opened here, synchronously: the file exists before anything can fail, so cleaning up always finds it.
  const out = fs.createWriteStream(tmp, { fd: fs.openSync(tmp, 'wx', 0o600) });
  const written = pipeline(zip.outputStream as PassThrough, tap, out);
  // Settled by the race below or by the final await; never unhandled.
  written.catch(() => undefined);
  // An entry waits for the zip to take it, unless the file stops early or the export is cancelled.
  const aborted = new Promise<never>((_, reject) => {
    if (!signal) return;
    if (signal.aborted) reject(abortError());
    signal.addEventListener('abort', () => reject(abortError()), { once: true });
  });
  aborted.catch(() => undefined);
  const endedEarly = written.then(() => {
    throw new Error('The bundle’s file was closed before every entry was written.');
  });
  endedEarly.catch(() => undefined);
  const stopped = Promise.race([aborted, endedEarly]);
  stopped.catch(() => undefined);

  const files: ManifestFile[] = [];
  const mtime = inputs.createdAt;

  /**
   * Add one entry; resolves when the zip has taken all of it. Its SHA-256 is
   * computed on the way in, unless the caller already checked it. The
   * manifest's line is reserved now, so the manifest follows the zip's order.
   */
  function add(
    name: string,
    chunks: Iterable<Buffer> | AsyncIterable<Buffer>,
    kind: ManifestFile['kind'] | null,
    known?: { sha256: string; bytes: number; authorizationId: string },
  ): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError());
    const line: ManifestFile | null = kind ? { path: name, sha256: '', bytes: 0, kind, ...(known ? { authorizationId: known.authorizationId } : {}) } : null;
    if (line) files.push(line);
    const hash = known ? null : crypto.createHash('sha256');
    let size = 0;
    async function* source() {
      for await (const chunk of chunks) {
        hash?.update(chunk);
        size += chunk.length;
        yield chunk;
      }
    }
    // A single buffer (a PDF) goes in as it is: no async iteration per entry, which thousands of entries would pay for.
    const single = Array.isArray(chunks) && chunks.length === 1 ? (chunks[0] as Buffer) : null;
    let readable: Readable;
    if (single) {
      hash?.update(single);
      size = single.length;
      const pass = new PassThrough();
      pass.end(single);
      readable = pass;
    } else {
      readable = Readable.from(source(), { objectMode: false });
    }
    zip.addReadStream(readable, name, { mtime, mode: 0o100644, compress: true });
    const taken = Promise.race([finished(readable), stopped]).then(
      () => {
        if (line) Object.assign(line, known ? { sha256: known.sha256, bytes: known.bytes } : { sha256: hash!.digest('hex'), bytes: size });
        done += 1;
      },
      (error: unknown) => {
        readable.destroy();
        throw error;
      },
    );
    taken.catch(() => undefined);
    return taken;
  }

  /**
   * PDFs go through a small window: the next few are read and queued while
   * the zip compresses and writes the current one, so reading, hashing and
   * compressing overlap, and memory holds at most `window` PDFs at a time.
   */
  const window = 16;
  const inFlight: Promise<void>[] = [];
  async function addPdf(name: string, pdf: Buffer, sha256: string, authorizationId: string): Promise<void> {
    inFlight.push(add(name, [pdf], kind(name), { sha256, bytes: pdf.length, authorizationId }));
    if (inFlight.length >= window) await inFlight.shift();
  }
  const kind = (name: string): ManifestFile['kind'] => (name.startsWith('revocations/') ? 'revocation-pdf' : 'authorization-pdf');
  async function drain(): Promise<void> {
    while (inFlight.length) await inFlight.shift();
  }

  const names = inputs.params.includeNames;
  const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
  // One read of each row: its PDF and the columns stored after it come together.
  const rowQuery = inputs.db.prepare(
    `SELECT pdf, id, patient_id, template_id, terms, stage, created_at, signed_at, signer_name, witnessed_at, revoked_at,
       revocation_received_on, revocation_method, expiration_event_at, expiration_event_on, pdf_sha256, revocation_pdf_sha256
     FROM authorizations WHERE id = ?`,
  );
  const revocationQuery = inputs.db.prepare('SELECT revocation_pdf FROM authorizations WHERE id = ?').pluck();
  const revocationHashes = new Map<string, string>();

  // consents.csv is written row by row beside the bundle while the PDFs go in, then streamed into the
  // zip: its size never sits in memory. Hidden, private, and removed whatever happens.
  const csvTmp = `${tmp}.consents`;
  const csvFd = fs.openSync(csvTmp, 'wx', 0o600);
  let csvOpen = true;
  let csvPending = `\uFEFF${csvRow(consentsHeader(names))}`;
  const flushCsv = (all: boolean) => {
    if (csvPending.length >= 64 * 1024 || (all && csvPending)) {
      fs.writeSync(csvFd, csvPending);
      csvPending = '';
    }
  };
  const closeCsv = () => {
    if (csvOpen) fs.closeSync(csvFd);
    csvOpen = false;
  };

  function stillOpen(): void {
    if (inputs.storeStillOpen && !inputs.storeStillOpen()) {
      throw new AppError('conflict', 'Consent Desk was signed out during the export; nothing was kept. Start it again.');
    }
  }
  const vanished = (what: string, id: string) =>
    new AppError('conflict', `The ${what} of authorization ${id} disappeared during the export (purged?); nothing was kept. Start it again.`);
  function checked(pdf: Buffer, expected: string, what: string, id: string): Buffer {
    if (sha256(pdf) !== expected) throw new AppError('store_damaged', `The ${what} of authorization ${id} does not match its recorded SHA-256.`);
    return pdf;
  }

  try {
    report('authorizations');
    await add('README.txt', [Buffer.from(bundleReadme(inputs), 'utf8')], 'readme');
    for (const a of selection.authorizations) {
      stillOpen();
      report('authorizations');
      const row = rowQuery.get(a.id) as (AuthorizationRow & { pdf: Buffer | null }) | undefined;
      if (!row) throw vanished('record', a.id);
      csvPending += csvRow(consentsRow(a, row, inputs.templateVersions.get(row.template_id) ?? null));
      flushCsv(false);
      if (row.revocation_pdf_sha256) revocationHashes.set(a.id, row.revocation_pdf_sha256);
      if (a.pdfSha256 === null) continue;
      if (!row.pdf) throw vanished('signed PDF', a.id);
      await addPdf(pdfEntryName('authorizations', a.id, a.name), checked(row.pdf, a.pdfSha256, 'signed PDF', a.id), a.pdfSha256, a.id);
    }
    flushCsv(true);
    closeCsv();
    for (const a of withRevocation) {
      stillOpen();
      report('revocations');
      const expected = revocationHashes.get(a.id);
      const pdf = revocationQuery.get(a.id) as Buffer | null | undefined;
      if (!pdf || !expected) throw vanished('revocation acknowledgment', a.id);
      await addPdf(pdfEntryName('revocations', a.id, a.name), checked(pdf, expected, 'revocation acknowledgment', a.id), expected, a.id);
    }
    await drain();

    report('spreadsheets');
    await add('consents.csv', fs.createReadStream(csvTmp), 'spreadsheet');
    await add('posts.csv', postsCsv(selection.posts, selection.authorizations, names), 'spreadsheet');
    report('audit trail');
    await add('audit-log.jsonl', auditChunks(inputs.db, selection), 'audit-log');

    report('manifest');
    await add(certificateName, [Buffer.from(inputs.signerPem, 'utf8')], 'certificate');
    const manifest: BundleManifest = {
      format: 'consent-desk-audit-bundle',
      version: 1,
      app: { name: 'Consent Desk', version: inputs.appVersion },
      createdAt: inputs.createdAt.toISOString(),
      createdBy: inputs.createdBy,
      practice: { name: inputs.practiceName },
      parameters: {
        ...inputs.params,
        selection: selectionRule,
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      },
      counts: selection.counts,
      signer: inputs.signer.info,
      certificates: inputs.certificates,
      audit: {
        firstSeq: selection.audit.firstSeq,
        lastSeq: selection.audit.lastSeq,
        events: selection.audit.events,
        trailHeadSeq: selection.trailHead.seq,
        trailHeadHash: selection.trailHead.hash,
      },
      files,
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
    const signature = await new PracticeSigner(inputs.signer).sign(manifestBytes, inputs.createdAt);
    await add(manifestName, [manifestBytes], null);
    await add(signatureName, [signature], null);
    report('manifest');

    zip.end();
    await Promise.race([written, aborted]);
    const fd = fs.openSync(tmp, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (signal?.aborted) throw abortError();
    placeWithoutOverwriting(tmp, inputs.target);
    syncDirectory(dir);
    report('finished');
    fs.rmSync(csvTmp, { force: true });
    return { filePath: inputs.target, bytes, sha256: bundleHash.digest('hex'), manifestSha256: sha256(manifestBytes), files: files.length + 2 };
  } catch (error) {
    (zip.outputStream as PassThrough).destroy();
    out.destroy();
    await Promise.allSettled(inFlight);
    await written.catch(() => undefined);
    closeCsv();
    fs.rmSync(tmp, { force: true });
    fs.rmSync(csvTmp, { force: true });
    throw error;
  }
}

/** How many files a bundle of this selection holds: README, two spreadsheets, the audit excerpt, the PDFs, certificate, manifest and signature. */
export function bundleFileCount(selection: ExportSelection): number {
  const pdfs = selection.authorizations.filter((a) => a.pdfSha256 !== null).length;
  const revocations = selection.authorizations.filter((a) => a.revoked).length;
  return 4 + pdfs + revocations + 3;
}

/** The events of the selection's span, read a page at a time, as JSON lines. */
function* auditChunks(db: Db, selection: ExportSelection): Generator<Buffer> {
  const { firstSeq, lastSeq } = selection.audit;
  if (firstSeq === null || lastSeq === null) return;
  const page = db.prepare('SELECT * FROM audit_events WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT 1000');
  let next = firstSeq;
  while (next <= lastSeq) {
    const rows = page.all(next, lastSeq) as AuditRow[];
    if (rows.length === 0) break;
    yield Buffer.from(rows.map((r) => auditLine(toEvent(r))).join(''), 'utf8');
    next = rows.at(-1)!.seq + 1;
  }
}

/**
 * Rename the finished file onto its name without ever replacing a file
 * someone put there meanwhile: a hard link fails if the name exists. File
 * systems without hard links (FAT on a USB stick) fall back to a checked
 * rename.
 */
function placeWithoutOverwriting(tmp: string, target: string): void {
  try {
    fs.linkSync(tmp, target);
    fs.rmSync(tmp);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new AppError('conflict', `${target} appeared while the bundle was written; the bundle was not saved.`);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV' && code !== 'ENOSYS') throw error;
  }
  if (fs.existsSync(target)) throw new AppError('conflict', `${target} appeared while the bundle was written; the bundle was not saved.`);
  fs.renameSync(tmp, target);
}

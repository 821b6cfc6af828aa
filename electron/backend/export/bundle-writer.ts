import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BundleManifest, ExportJob, ExportParams, ManifestCertificate, ManifestFile } from '../../../shared/compliance/audit-bundle';
import { AppError } from '../../../shared/errors';
import type { CertificateBundle } from '../crypto/practice-certificate';
import { PracticeSigner } from '../pdf/practice-signer';
import { syncDirectory } from '../store/atomic-file';
import { JournalEntry } from '../store/operation-journal';
import type { Db } from '../store/database';
import { createSqliteExportRecords } from '../store-engine/sqlite-export-records';
import type { ExportRecords } from '../store-pg/store-interface-export';
import { pdfEntryName, revocationScanEntryName } from './bundle-names';
import { auditLine, bundleReadme, consentsHeader, consentsRow, postsCsvAsync } from './bundle-contents';
import { csvRow } from './csv';
import { selectedPostsOn, selectionRule, type AuthorizationRow, type ExportSelection } from './export-selection';
import { checkedProgramFile, type ProgramBundle } from './program-bundle';
import { EncryptedSpool } from './encrypted-spool';
import { manifestFileJson, manifestJsonAround } from './manifest-json';
import { prepareEntry, ZipOutput } from './zip-stream';

export const manifestName = 'manifest.json';
export const signatureName = 'manifest.json.p7s';
export const certificateName = 'practice-certificate.pem';
/** The deflate level that stores a file as it is (`prepareEntry`). */
const storedAsIs = 0;

export interface BundleProgress {
  done: number;
  total: number;
  phase: ExportJob['phase'];
}

export interface BundleInputs {
  /**
   * A SQLite connection in a read transaction that the selection was read
   * on (`openExportSnapshot`), read through the file's export records, as
   * `reads` would be: for callers that hold a connection, not an engine.
   * Not needed with `reads`.
   */
  db?: Db;
  /**
   * Where everything the bundle holds of the store is read (authorizations'
   * records, PDFs and scans, posts, audit events): the engine's export
   * records on the snapshot's transaction, on either engine. Without it,
   * the file's export records on `db`.
   */
  reads?: BundleReads;
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
  /** The compliance program's files (program/), fixed when the export started. */
  program?: ProgramBundle;
  /** The data folder, whose intent journal lists the temporary files so that a crash leaves none behind. */
  journalDir?: string;
}

/** The engine's export records and the transaction (a snapshot's) they read on. */
export interface BundleReads {
  exports: ExportRecords<unknown>;
  tx: unknown;
}

const sqliteExports = createSqliteExportRecords();

export interface BundleResult {
  filePath: string;
  bytes: number;
  sha256: string;
  manifestSha256: string;
  files: number;
}

function abortError(): AppError {
  return new AppError('conflict', 'The export was cancelled.');
}

/**
 * Write an audit bundle: a zip streamed to a temporary file beside the
 * target and renamed onto it at the end, so the target either does not
 * exist or is complete. PDFs are read from SQLite one row at a time, by id,
 * each checked against its recorded SHA-256, stored and written before
 * the next is read, so memory stays flat however many there are. Every
 * file is hashed on its way in; the manifest lists them all and is signed
 * last. Progress counts a file once its last byte is in the bundle's file,
 * and the last one once the bundle is synced and in place. Cancelling (the
 * signal), a failure or the store closing removes the temporary file and
 * leaves nothing behind.
 */
/**
 * The temporary files `writeBundle` makes beside its target: the zip, and
 * consents.csv and the manifest's list of files on their way in (the zip's
 * name + `.consents`, `.manifest`). Hidden, and named so that
 * `removeStalePartials` can tell them from anything else.
 */
function temporaryPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${crypto.randomBytes(6).toString('hex')}.partial`);
}
const partialName = /^\..+\.zip\.[0-9a-f]{12}\.partial(\.consents|\.manifest)?$/i;

/**
 * Remove temporary files an export left in `dir` when its process died
 * (a crash, a power cut): they hold patient data. Only ours, and only
 * those untouched for an hour, since a running export (another process's,
 * say) writes to its own continuously. Returns how many went.
 */
export function removeStalePartials(dir: string, staleAfterMs = 3_600_000): number {
  // File times are the system's, not the backend's (a test's) clock.
  const now = Date.now();
  let removed = 0;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!partialName.test(name)) continue;
    const file = path.join(dir, name);
    try {
      if (now - fs.statSync(file).mtimeMs < staleAfterMs) continue;
      fs.rmSync(file, { force: true });
      removed += 1;
    } catch {
      // Gone already, or held open: the next export tries again.
    }
  }
  return removed;
}

export async function writeBundle(inputs: BundleInputs): Promise<BundleResult> {
  const { selection, signal } = inputs;
  if (fs.existsSync(inputs.target)) throw new AppError('conflict', `${inputs.target} already exists; choose another name.`);
  const tmp = temporaryPathFor(inputs.target);

  const total = bundleFileCount(selection, inputs.program);
  let written = 0;
  let phase: BundleProgress['phase'] = 'authorizations';
  // Until the bundle is in place, its last file is not counted: "N of N" means the file is there.
  const report = (next?: BundleProgress['phase']) => {
    if (next) phase = next;
    inputs.onProgress?.({ done: phase === 'finished' ? written : Math.min(written, total - 1), total, phase });
  };

  const csvTmp = `${tmp}.consents`;
  const manifestTmp = `${tmp}.manifest`;
  // Journaled before any of the files exists: after a kill, the next open removes them at once.
  const journal = inputs.journalDir ? JournalEntry.begin(inputs.journalDir, { kind: 'export', temporaries: [tmp, csvTmp, manifestTmp] }) : null;
  // Opened here, synchronously: the file exists before anything can fail, so cleaning up always finds it.
  let out: fs.WriteStream;
  try {
    out = fs.createWriteStream(tmp, { fd: fs.openSync(tmp, 'wx', 0o600) });
  } catch (error) {
    journal?.finish();
    throw error;
  }
  // A write error with no one listening would be an uncaught exception (the process died on a full disk);
  // the zip's own writes report it to the export, which fails with a sentence.
  out.on('error', () => undefined);
  const zip = new ZipOutput(out, {
    mtime: inputs.createdAt,
    signal,
    onWritten: (entries) => {
      written = entries;
      report();
    },
  });

  // The manifest's list of files, as its JSON prints them, gathered outside memory (at 100k authorizations
  // it was the largest thing the export held); the manifest is streamed into the bundle and signed by its hash.
  let files: EncryptedSpool | undefined;
  let fileCount = 0;
  const listFile = (file: ManifestFile) => {
    files!.append(manifestFileJson(file, fileCount === 0));
    fileCount += 1;
  };
  const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
  const cancelled = () => {
    if (signal?.aborted) throw abortError();
  };

  /** A file held whole in memory (README, certificate): hashed, deflated, added. */
  async function addBuffer(name: string, content: Buffer, kind: ManifestFile['kind'] | null): Promise<void> {
    cancelled();
    if (kind) listFile({ path: name, sha256: sha256(content), bytes: content.length, kind });
    await zip.add(name, prepareEntry(content));
  }

  /** A file streamed in (spreadsheets, audit excerpt): hashed on its way. */
  async function addStream(name: string, chunks: Iterable<Buffer> | AsyncIterable<Buffer>, kind: ManifestFile['kind']): Promise<void> {
    cancelled();
    const hash = crypto.createHash('sha256');
    let bytes = 0;
    await zip.addStream(name, chunks, (chunk) => {
      hash.update(chunk);
      bytes += chunk.length;
    });
    listFile({ path: name, sha256: hash.digest('hex'), bytes, kind });
  }

  /**
   * A PDF, already checked against its recorded SHA-256 (the manifest's line).
   * Stored as it is, not deflated: its streams are compressed already, so
   * deflate took half the export's time (10 s of 20 at 10k) to shrink it by
   * a quarter. Handed to the zip, which writes in writes of about 512 kB and
   * waits for the disk between them: that is where other calls (progress,
   * cancel) get their turn.
   */
  async function addPdf(name: string, pdf: Buffer, sha: string, authorizationId: string): Promise<void> {
    listFile({ path: name, sha256: sha, bytes: pdf.length, kind: name.startsWith('revocations/') ? 'revocation-pdf' : 'authorization-pdf', authorizationId });
    await zip.add(name, prepareEntry(pdf, storedAsIs));
  }

  const names = inputs.params.includeNames;
  if (!inputs.reads && !inputs.db) throw new AppError('internal', 'An export needs a store to read. Nothing was written; this is a bug in Consent Desk.');
  const { exports, tx } = inputs.reads ?? { exports: sqliteExports, tx: inputs.db };

  // consents.csv is written row by row beside the bundle while the PDFs go in, then streamed into the
  // zip: its size never sits in memory. It holds patient names, so it is encrypted (see EncryptedSpool).
  // Hidden, private, journaled, and removed whatever happens.
  let csv: EncryptedSpool | undefined;

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
    csv = new EncryptedSpool(csvTmp);
    files = new EncryptedSpool(manifestTmp);
    csv.append(`\uFEFF${csvRow(consentsHeader(names))}`);
    report('authorizations');
    await addBuffer('README.txt', Buffer.from(bundleReadme(inputs), 'utf8'), 'readme');
    for await (const a of selection.authorizations()) {
      stillOpen();
      cancelled();
      // One read of each row: its PDF and the columns stored after it come together.
      const row: (AuthorizationRow & { pdf: Buffer | null }) | undefined = await exports.exportRecord(tx, a.id);
      if (!row) throw vanished('record', a.id);
      csv.append(csvRow(consentsRow(a, row, inputs.templateVersions.get(row.template_id) ?? null)));
      if (a.pdfSha256 === null) continue;
      if (!row.pdf) throw vanished('signed PDF', a.id);
      await addPdf(pdfEntryName('authorizations', a.id, a.name), checked(row.pdf, a.pdfSha256, 'signed PDF', a.id), a.pdfSha256, a.id);
    }
    if (selection.counts.revocations > 0) report('revocations');
    // The revoked ones among the chosen (on the same read transaction: the same rows, in the same order).
    for await (const a of selection.counts.revocations > 0 ? selection.revokedAuthorizations() : []) {
      stillOpen();
      cancelled();
      const revocation = await exports.exportRevocation(tx, a.id);
      const expected = revocation?.sha256;
      const pdf = revocation?.pdf;
      if (!pdf || !expected) throw vanished('revocation acknowledgment', a.id);
      await addPdf(pdfEntryName('revocations', a.id, a.name), checked(pdf, expected, 'revocation acknowledgment', a.id), expected, a.id);
      // The letter as received, beside its acknowledgment, checked against the hash recorded with it.
      if (a.revocationScan) {
        const scan = await exports.exportRevocationScan(tx, a.id);
        if (!scan) throw vanished('revocation scan', a.id);
        const name = revocationScanEntryName(a.id, a.name, a.revocationScan.mimeType);
        const content = checked(scan, a.revocationScan.sha256, 'revocation scan', a.id);
        listFile({ path: name, sha256: a.revocationScan.sha256, bytes: content.length, kind: 'revocation-scan', authorizationId: a.id });
        // A scan (PNG, JPEG, PDF) is compressed already, like the PDFs.
        await zip.add(name, prepareEntry(content, storedAsIs));
      }
    }

    report('spreadsheets');
    await addStream('consents.csv', csv.chunks(), 'spreadsheet');
    csv.discard();
    await addStream('posts.csv', postsCsvAsync(selectedPostsOn(exports, tx, selection), names), 'spreadsheet');
    report('audit trail');
    await addStream('audit-log.jsonl', auditChunks(exports, tx, selection), 'audit-log');
    if (inputs.program) {
      report('program');
      for (const entry of inputs.program.entries) {
        stillOpen();
        await addBuffer(entry.path, await checkedProgramFile(entry), entry.kind);
      }
    }

    report('manifest');
    await addBuffer(certificateName, Buffer.from(inputs.signerPem, 'utf8'), 'certificate');
    const manifestHead: Omit<BundleManifest, 'files'> = {
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
      ...(inputs.program ? { program: inputs.program.counts } : {}),
      signer: inputs.signer.info,
      certificates: inputs.certificates,
      audit: {
        firstSeq: selection.audit.firstSeq,
        lastSeq: selection.audit.lastSeq,
        events: selection.audit.events,
        trailHeadSeq: selection.trailHead.seq,
        trailHeadHash: selection.trailHead.hash,
      },
    };
    // The bytes JSON.stringify(manifest, null, 2) would print, streamed: the head, the spooled list, the end.
    const [opening, closing] = manifestJsonAround(manifestHead, fileCount);
    const manifestHash = crypto.createHash('sha256');
    await zip.addStream(manifestName, manifestChunks(opening, files!.chunks(), closing), (chunk) => manifestHash.update(chunk));
    files!.discard();
    const manifestDigest = manifestHash.digest();
    await addBuffer(signatureName, await new PracticeSigner(inputs.signer).signDigest(manifestDigest, inputs.createdAt), null);

    // The central directory, then every byte on disk, then the file under its name.
    const { bytes, sha256: bundleSha256 } = await zip.finish();
    const fd = fs.openSync(tmp, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    cancelled();
    placeWithoutOverwriting(tmp, inputs.target);
    syncDirectory(path.dirname(inputs.target));
    written = total;
    report('finished');
    return { filePath: inputs.target, bytes, sha256: bundleSha256, manifestSha256: manifestDigest.toString('hex'), files: fileCount + 2 };
  } catch (error) {
    if (!out.closed) {
      const closed = new Promise<void>((resolve) => out.once('close', () => resolve()));
      out.destroy();
      await closed;
    }
    fs.rmSync(tmp, { force: true });
    throw signal?.aborted ? abortError() : error;
  } finally {
    // Removed (and their keys forgotten) whatever happened; an empty name if they were never made.
    csv?.discard();
    files?.discard();
    fs.rmSync(csvTmp, { force: true });
    fs.rmSync(manifestTmp, { force: true });
    journal?.finish();
  }
}

/** The manifest's bytes: its head, then its list of files as spooled, then its end. */
async function* manifestChunks(opening: string, list: AsyncIterable<Buffer>, closing: string): AsyncGenerator<Buffer> {
  yield Buffer.from(opening, 'utf8');
  yield* list;
  yield Buffer.from(closing, 'utf8');
}

/** How many files a bundle of this selection holds: README, two spreadsheets, the audit excerpt, the PDFs and revocation scans, the program's files, certificate, manifest and signature. */
export function bundleFileCount(selection: ExportSelection, program?: ProgramBundle): number {
  return 4 + selection.files.pdfs + selection.counts.revocations + selection.files.scans + (program?.entries.length ?? 0) + 3;
}

/** The events of the selection's span, read a page at a time, as JSON lines. */
async function* auditChunks(exports: ExportRecords<unknown>, tx: unknown, selection: ExportSelection): AsyncGenerator<Buffer> {
  const { firstSeq, lastSeq } = selection.audit;
  if (firstSeq === null || lastSeq === null) return;
  let next = firstSeq;
  while (next <= lastSeq) {
    const events = await exports.exportAuditEvents(tx, next, lastSeq, 1000);
    if (events.length === 0) break;
    yield Buffer.from(events.map(auditLine).join(''), 'utf8');
    next = events.at(-1)!.seq + 1;
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

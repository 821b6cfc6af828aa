import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { AuditEvent } from '../../../shared/audit';
import type { BundleManifest, BundleVerification, ManifestFile } from '../../../shared/compliance/audit-bundle';
import { eventHash } from '../audit/audit-log';
import { fingerprintOf, fromPem, describeCertificate } from '../crypto/certificate-pem';
import { verifyDetachedCms } from '../crypto/cms-verify';
import { verifyPdfSignature } from '../pdf/pdf-signature-verify';
import { isSafeEntryName } from './bundle-names';
import { certificateName, manifestName, signatureName } from './bundle-writer';

/** Files larger than this are not read into memory to be checked (the manifest, the signature, a PDF). */
const maxInMemory = 256 * 1024 * 1024;
/** After this many problems in the audit excerpt, the rest are counted, not listed. */
const maxAuditProblems = 20;
/** An audit event is a few hundred bytes; its detail is short by rule. */
const maxAuditLineBytes = 256 * 1024;
/**
 * Limits that keep a hostile zip from costing minutes: what the entries
 * claim to hold is checked before a byte is inflated (yauzl then holds
 * each entry to its claimed size). PDFs barely compress and the
 * spreadsheets and audit excerpt about 3 to 10 times; 100:1 is a bomb.
 */
const maxEntries = 250_000;
const maxTotalUncompressed = 64 * 1024 * 1024 * 1024;
const maxRatio = 100;
const ratioCheckedAbove = 1024 * 1024;

type ZipEntry = yauzl.Entry;

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    );
  });
}

function readEntries(zip: yauzl.ZipFile): Promise<ZipEntry[]> {
  return new Promise((resolve, reject) => {
    const entries: ZipEntry[] = [];
    zip.on('entry', (entry: ZipEntry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

function openEntry(zip: yauzl.ZipFile, entry: ZipEntry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))));
}

/** Stream an entry through `onChunk`; returns its SHA-256 and size. Keeps the bytes only when asked. */
async function digestEntry(
  zip: yauzl.ZipFile,
  entry: ZipEntry,
  keep: boolean,
  onChunk?: (chunk: Buffer) => void,
): Promise<{ sha256: string; bytes: number; content: Buffer | null }> {
  const hash = crypto.createHash('sha256');
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of await openEntry(zip, entry)) {
    const b = chunk as Buffer;
    hash.update(b);
    bytes += b.length;
    if (keep) chunks.push(b);
    onChunk?.(b);
  }
  return { sha256: hash.digest('hex'), bytes, content: keep ? Buffer.concat(chunks) : null };
}

/** The checks on audit-log.jsonl, fed one line at a time. */
class AuditExcerptCheck {
  problems: string[] = [];
  private hidden = 0;
  events = 0;
  firstSeq: number | null = null;
  lastSeq: number | null = null;
  private prev: AuditEvent | null = null;
  private line = 0;
  /** The bytes of the line being read, kept only up to the longest an event can be. */
  private parts: Buffer[] = [];
  private partBytes = 0;
  private overlong = false;
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });

  constructor(private readonly name: string) {}

  /**
   * Linear in the input: each chunk is scanned once for newlines (a byte
   * that never occurs inside a UTF-8 sequence), and a line longer than any
   * event is reported without being kept or parsed. Before, a bundle
   * holding one 32 MB line took 75 s and 590 MB to check.
   */
  feed(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(0x0a, start); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
      this.append(chunk.subarray(start, nl));
      this.endLine();
      start = nl + 1;
    }
    this.append(chunk.subarray(start));
  }

  end(): void {
    if (this.partBytes > 0 || this.overlong) this.endLine();
    if (this.hidden > 0) this.problems.push(`${this.name}: ${this.hidden} more problems in the audit excerpt.`);
  }

  private append(part: Buffer): void {
    if (part.length === 0 || this.overlong) return;
    if (this.partBytes + part.length > maxAuditLineBytes) {
      this.overlong = true;
      this.parts = [];
      this.partBytes = 0;
      return;
    }
    this.parts.push(part);
    this.partBytes += part.length;
  }

  private endLine(): void {
    const overlong = this.overlong;
    const text = overlong ? '' : this.decoder.decode(Buffer.concat(this.parts, this.partBytes));
    this.parts = [];
    this.partBytes = 0;
    this.overlong = false;
    if (overlong) {
      this.line += 1;
      this.fail(`${this.name} line ${this.line}: longer than ${maxAuditLineBytes / 1024} kB, so not an audit event.`);
      this.prev = null;
      return;
    }
    this.check(text);
  }

  private fail(message: string): void {
    if (this.problems.length < maxAuditProblems) this.problems.push(message);
    else this.hidden += 1;
  }

  private check(text: string): void {
    this.line += 1;
    const where = `${this.name} line ${this.line}`;
    let event: AuditEvent;
    try {
      event = JSON.parse(text) as AuditEvent;
    } catch {
      this.fail(`${where}: not a JSON audit event.`);
      this.prev = null;
      return;
    }
    const fields: (keyof AuditEvent)[] = ['seq', 'at', 'actorName', 'action', 'detail', 'prevHash', 'hash'];
    if (typeof event !== 'object' || event === null || fields.some((f) => !(f in event)) || typeof event.seq !== 'number') {
      this.fail(`${where}: not a complete audit event.`);
      this.prev = null;
      return;
    }
    this.events += 1;
    this.firstSeq ??= event.seq;
    this.lastSeq = event.seq;
    const label = `${where} (event ${event.seq})`;
    if (eventHash(event) !== event.hash) {
      this.fail(`${label}: changed after it was written (its content does not match its hash).`);
    }
    if (this.prev) {
      if (event.seq !== this.prev.seq + 1) {
        this.fail(`${label}: does not follow event ${this.prev.seq}: ${event.seq > this.prev.seq + 1 ? 'events are missing' : 'events are out of order'}.`);
      } else if (event.prevHash !== this.prev.hash) {
        this.fail(`${label}: does not link to event ${this.prev.seq} (its previous hash differs): an event was changed or replaced.`);
      }
    }
    this.prev = event;
  }
}

function parseManifest(bytes: Buffer): BundleManifest | null {
  try {
    const m = JSON.parse(bytes.toString('utf8')) as BundleManifest;
    const fileOk = (f: ManifestFile) => typeof f?.path === 'string' && /^[0-9a-f]{64}$/.test(f.sha256) && Number.isInteger(f.bytes);
    if (m?.format !== 'consent-desk-audit-bundle' || m.version !== 1 || !Array.isArray(m.files) || !m.files.every(fileOk)) return null;
    if (!Array.isArray(m.certificates) || typeof m.signer?.fingerprintSha256 !== 'string' || typeof m.audit !== 'object') return null;
    return m;
  } catch {
    return null;
  }
}

/**
 * Check an audit bundle as an auditor would, with nothing but the file:
 * the manifest's detached signature, and that it was made by the
 * certificate in the bundle (the one the manifest names); every listed
 * file's SHA-256 and size; no listed file missing and no file added; every
 * PDF's own digital signature, made by a certificate the manifest lists;
 * and the audit excerpt's hash chain, every event recomputed. Each problem
 * is one sentence naming the file (and line). Used by `verify-bundle` and
 * by the app's `exports.verify`.
 */
export async function verifyBundle(file: string): Promise<BundleVerification> {
  const failures: string[] = [];
  const checked = { files: 0, pdfSignatures: 0, auditEvents: 0 };
  const result = (manifest: BundleManifest | null, signer: BundleVerification['signer']): BundleVerification => ({
    ok: failures.length === 0,
    failures,
    checked,
    manifest: manifest && { createdAt: manifest.createdAt, parameters: manifest.parameters, counts: manifest.counts, practice: manifest.practice },
    signer,
  });

  let zip: yauzl.ZipFile;
  let entries: ZipEntry[];
  try {
    zip = await openZip(file);
    entries = await readEntries(zip);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    failures.push(
      code === 'ENOENT'
        ? `${file}: no such file.`
        : `${file}: not a readable zip bundle (${error instanceof Error ? error.message : String(error)}).`,
    );
    return result(null, null);
  }

  try {
    const byName = new Map<string, ZipEntry>();
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue; // a folder, not a file
      if (!isSafeEntryName(entry.fileName)) failures.push(`${JSON.stringify(entry.fileName)}: unsafe file name (it could be written outside the folder it is extracted to).`);
      if (byName.has(entry.fileName)) failures.push(`${entry.fileName}: appears twice in the bundle.`);
      byName.set(entry.fileName, entry);
    }

    // What the zip claims, checked before anything is inflated.
    if (entries.length > maxEntries) {
      failures.push(`${file}: holds ${entries.length} files, more than any bundle (${maxEntries}); nothing was read.`);
      return result(null, null);
    }
    const claimed = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
    if (claimed > maxTotalUncompressed) {
      failures.push(`${file}: claims ${claimed} bytes once unpacked, more than any bundle; nothing was read.`);
      return result(null, null);
    }
    const bombs = new Set<string>();
    for (const entry of entries) {
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (entry.uncompressedSize > ratioCheckedAbove && ratio > maxRatio) {
        bombs.add(entry.fileName);
        failures.push(`${entry.fileName}: compressed ${Math.round(ratio)} to 1, far more than real content allows (a zip bomb?); not read.`);
      }
    }

    const small = async (name: string): Promise<Buffer | null> => {
      const entry = byName.get(name);
      if (!entry || bombs.has(name)) return null;
      if (entry.uncompressedSize > maxInMemory) {
        failures.push(`${name}: too large to be what it claims (${entry.uncompressedSize} bytes).`);
        return null;
      }
      return (await digestEntry(zip, entry, true)).content;
    };

    const manifestBytes = await small(manifestName);
    if (!manifestBytes) {
      failures.push(`${manifestName}: missing from the bundle; nothing in it can be checked.`);
      return result(null, null);
    }
    const manifest = parseManifest(manifestBytes);
    if (!manifest) {
      failures.push(`${manifestName}: not a Consent Desk audit-bundle manifest.`);
      return result(null, null);
    }

    // The manifest's signature, and whose it is.
    let signer: BundleVerification['signer'] = null;
    const pemBytes = await small(certificateName);
    const certificateDer = pemBytes ? fromPem(pemBytes.toString('utf8')) : null;
    if (!pemBytes) failures.push(`${certificateName}: missing from the bundle.`);
    else if (!certificateDer) failures.push(`${certificateName}: not a PEM certificate.`);
    else {
      try {
        signer = describeCertificate(certificateDer, manifest.signer.source);
      } catch {
        failures.push(`${certificateName}: not a readable certificate.`);
      }
      if (fingerprintOf(certificateDer) !== manifest.signer.fingerprintSha256) {
        failures.push(`${certificateName}: not the certificate the manifest names as its signer (fingerprints differ).`);
      }
    }
    const signature = await small(signatureName);
    if (!signature) failures.push(`${signatureName}: missing from the bundle; the manifest is not signed.`);
    else {
      const cms = await verifyDetachedCms(signature, manifestBytes);
      if (!cms.ok) failures.push(`${manifestName}: its signature (${signatureName}) is not valid: ${cms.reason}.`);
      else if (certificateDer && !cms.signerCertificateDer.equals(certificateDer)) {
        failures.push(`${signatureName}: made by a certificate other than ${certificateName}.`);
      }
    }

    // Every listed file, in the manifest's order.
    const known = new Set(manifest.certificates.map((c) => c.fingerprintSha256));
    const listed = new Set<string>();
    for (const item of manifest.files) {
      if (listed.has(item.path)) {
        failures.push(`${manifestName}: lists ${item.path} twice.`);
        continue;
      }
      listed.add(item.path);
      const entry = byName.get(item.path);
      if (!entry) {
        failures.push(`${item.path}: missing from the bundle (the manifest lists it).`);
        continue;
      }
      if (bombs.has(item.path)) continue;
      const isPdf = item.kind === 'authorization-pdf' || item.kind === 'revocation-pdf' || item.kind === 'program-pdf';
      const audit = item.kind === 'audit-log' ? new AuditExcerptCheck(item.path) : null;
      const keep = isPdf && entry.uncompressedSize <= maxInMemory;
      let digest: Awaited<ReturnType<typeof digestEntry>>;
      try {
        digest = await digestEntry(zip, entry, keep, audit ? (chunk) => audit.feed(chunk) : undefined);
      } catch (error) {
        failures.push(`${item.path}: cannot be read from the zip (${error instanceof Error ? error.message : String(error)}).`);
        continue;
      }
      checked.files += 1;
      if (digest.sha256 !== item.sha256) failures.push(`${item.path}: changed (its SHA-256 does not match the manifest).`);
      else if (digest.bytes !== item.bytes) failures.push(`${item.path}: its size (${digest.bytes} bytes) does not match the manifest (${item.bytes}).`);
      if (isPdf && digest.content) {
        const pdf = await verifyPdfSignature(digest.content);
        checked.pdfSignatures += 1;
        if (!pdf.ok) failures.push(`${item.path}: ${pdf.reason}.`);
        else if (!known.has(fingerprintOf(pdf.signerCertificateDer))) {
          failures.push(`${item.path}: signed by a certificate that is not one of the practice’s certificates in the manifest.`);
        }
      }
      if (audit) {
        audit.end();
        failures.push(...audit.problems);
        checked.auditEvents = audit.events;
        const m = manifest.audit;
        if (audit.events !== m.events || audit.firstSeq !== m.firstSeq || audit.lastSeq !== m.lastSeq) {
          failures.push(
            `${item.path}: holds ${audit.events} events (${audit.firstSeq ?? '-'} to ${audit.lastSeq ?? '-'}), but the manifest says ${m.events} (${m.firstSeq ?? '-'} to ${m.lastSeq ?? '-'}).`,
          );
        }
      }
    }

    // Anything else is an addition.
    for (const name of byName.keys()) {
      if (!listed.has(name) && name !== manifestName && name !== signatureName) {
        failures.push(`${name}: not listed in the manifest (a file was added to the bundle).`);
      }
    }
    return result(manifest, signer);
  } finally {
    zip.close();
  }
}

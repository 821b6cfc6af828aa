import { emptyPracticeContact } from '../../../shared/settings';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleManifest } from '../../../shared/compliance/audit-bundle';
import { verifyPdfSignature } from '../pdf/pdf-signature-verify';
import { auditPractice, exportAndWait, frontDesk } from '../testing/audit-practice';
import { pdfSignatureReport } from '../testing/pdf-tools';
import { rejection, tempDataDir } from '../testing/test-backend';
import { readZip, rewriteZip } from '../testing/zip-tools';
import { verifyBundle } from './bundle-verify';
import { deflated, stored } from './zip-stream';
import yauzl from 'yauzl';
import { writeBundle, type BundleInputs } from './bundle-writer';
import { createSqliteExportRecords } from '../store-engine/sqlite-export-records';
import { selectForExportOn } from './export-selection';
import { templateVersions } from './export-jobs';
import { Store } from '../store/store';
import { storePaths } from '../data-dir';
import { adminPassword } from '../testing/test-backend';
import { activeCertificate } from '../repositories/certificate-repository';
import { certificateDerOf, toPem } from '../crypto/certificate-pem';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

type Practice = Awaited<ReturnType<typeof auditPractice>>;
let p: Practice;
let bundle: string;
let files: Map<string, Buffer>;
const dirs: string[] = [];
const march = { from: '2026-03-01', to: '2026-03-31' };

beforeAll(async () => {
  p = await auditPractice();
  dirs.push(p.dataDir);
  const { job } = await exportAndWait(p.call, march);
  bundle = job.filePath!;
  files = await readZip(bundle);
});
afterAll(() => {
  p.backend.close();
  dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
});

const manifestOf = (zip: Map<string, Buffer>) => JSON.parse(zip.get('manifest.json')!.toString('utf8')) as BundleManifest;

/**
 * The practice's March bundle written straight by `writeBundle` (below the
 * export jobs), on the store opened with the administrator's key.
 */
async function writeMarchBundle(target: string, options: Pick<BundleInputs, 'signal' | 'onProgress'>) {
  const paths = storePaths(p.dataDir);
  const [unlocked] = await Store.unlock(paths, { username: 'admin', password: adminPassword });
  const store = Store.openWithKey(paths, unlocked!.keyring, unlocked!.dataKey);
  try {
    const signer = activeCertificate(store.db)!;
    const pem = toPem(certificateDerOf(signer));
    return await writeBundle({
      db: store.db,
      selection: await selectForExportOn(createSqliteExportRecords(), store.db, { ...march, includeNames: false }, { today: '2026-03-02', timeZone: 'UTC', ageOfMajority: 18, practice: { name: 'Riverside Physical Therapy', contact: emptyPracticeContact } }),
      params: { ...march, includeNames: false },
      practiceName: 'Riverside Physical Therapy',
      appVersion: 'test',
      createdAt: new Date(),
      createdBy: { username: 'admin', displayName: 'Pat Privacy' },
      signer,
      signerPem: pem,
      certificates: [{ ...signer.info, pem }],
      templateVersions: templateVersions(store.db),
      target,
      ...options,
    });
  } finally {
    store.close();
  }
}

describe('the audit bundle', () => {
  it('holds the PDFs, spreadsheets, audit excerpt, certificate and signed manifest, named by id only', () => {
    const names = [...files.keys()].sort();
    // The revocation of a consent with a live post opened an incident: the compliance program's files come too (program-bundle.test.ts).
    expect(names.filter((n) => n.startsWith('program/'))).toHaveLength(11);
    expect(names.filter((n) => !n.startsWith('program/'))).toEqual(
      [
        'README.txt',
        'audit-log.jsonl',
        `authorizations/${p.kept.id}.pdf`,
        `authorizations/${p.revoked.id}.pdf`,
        'consents.csv',
        'manifest.json',
        'manifest.json.p7s',
        'posts.csv',
        'practice-certificate.pem',
        `revocations/${p.revoked.id}.pdf`,
      ].sort(),
    );
    // No name of a patient anywhere outside the PDFs (which are the signed records themselves).
    for (const [name, content] of files) {
      if (name.endsWith('.pdf')) continue;
      // posts.csv holds the published captions themselves ("Maria says thanks"); no other name.
      for (const word of name === 'posts.csv' ? ['Lopez', 'Nguyễn'] : ['Maria', 'Lopez', 'Nguyễn', 'Ánh']) {
        expect(`${name}: ${content.toString('utf8').includes(word)}`).toBe(`${name}: false`);
      }
    }
    const manifest = manifestOf(files);
    expect(manifest.counts).toEqual({ authorizations: 2, revocations: 1, posts: 2, auditEvents: manifest.audit.events });
    expect(manifest.files.map((f) => f.path)).toEqual([...files.keys()].filter((n) => !n.startsWith('manifest.json')));
    expect(manifest.parameters).toMatchObject({ ...march, includeNames: false });
  });

  it('stores the PDFs as they are (their streams are compressed already) and deflates the text files', async () => {
    const methods = new Map<string, number>();
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.open(bundle, { lazyEntries: true }, (error, z) => (error ? reject(error) : resolve(z))));
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (e: yauzl.Entry) => {
        methods.set(e.fileName, e.compressionMethod);
        zip.readEntry();
      });
      zip.once('end', () => resolve());
      zip.once('error', reject);
      zip.readEntry();
    });
    zip.close();
    const pdfs = [...methods].filter(([name]) => name.endsWith('.pdf') && !name.startsWith('program/'));
    expect(pdfs).toHaveLength(3);
    expect(pdfs.filter(([, method]) => method !== stored)).toEqual([]);
    expect([methods.get('consents.csv'), methods.get('posts.csv'), methods.get('audit-log.jsonl'), methods.get('manifest.json')]).toEqual([deflated, deflated, deflated, deflated]);
  });

  it('passes verification, and every PDF’s signature is valid for pdfsig and for our own check', async () => {
    const result = await verifyBundle(bundle);
    expect(result.failures).toEqual([]);
    expect(result).toMatchObject({ ok: true, checked: { files: 19, pdfSignatures: 4 } });
    for (const [name, content] of files) {
      if (!name.endsWith('.pdf')) continue;
      const report = pdfSignatureReport(content);
      expect(report, name).toContain('Signature is Valid');
      expect(report, name).toContain('Total document signed');
      expect((await verifyPdfSignature(content)).ok, name).toBe(true);
    }
  });

  it('guards spreadsheet cells against formulas and keeps RFC 4180 quoting', () => {
    const posts = files.get('posts.csv')!.toString('utf8');
    expect(posts.startsWith('\uFEFFpost_id,')).toBe(true);
    expect(posts).toContain(`"'=HYPERLINK(""http://evil.example"",""Maria says thanks"")"`);
    expect(posts).not.toMatch(/,=HYPERLINK|,"=HYPERLINK/);
  });

  it('lists each authorization in consents.csv with its dates, revocation and the SHA-256 of its PDFs', () => {
    const rows = files.get('consents.csv')!.toString('utf8').slice(1).trimEnd().split('\r\n').map((line) => line.split(','));
    const header = rows[0]!;
    const col = (row: string[], name: string) => row[header.indexOf(name)];
    const revoked = rows.find((r) => r[0] === p.revoked.id)!;
    expect(col(revoked, 'template_version')).toBe('1');
    expect(col(revoked, 'status_on_export_day')).toBe('Revoked');
    expect(col(revoked, 'revocation_received_on')).toBe('2026-03-02');
    expect(col(revoked, 'revocation_method')).toBe('By mail');
    expect(col(revoked, 'pdf_sha256')).toBe(p.revoked.pdfSha256);
    expect(col(revoked, 'revocation_pdf_file')).toBe(`revocations/${p.revoked.id}.pdf`);
    expect(col(revoked, 'revocation_pdf_sha256')).toBe(manifestOf(files).files.find((f) => f.path === `revocations/${p.revoked.id}.pdf`)!.sha256);
    const kept = rows.find((r) => r[0] === p.kept.id)!;
    expect([col(kept, 'status_on_export_day'), col(kept, 'expiration_date'), col(kept, 'revoked_at')]).toEqual(['Active', '2027-06-30', '']);
    expect(header).not.toContain('patient_name');
  });

  it('carries each audit event with its hash and the hash before it, and the export is audited with the bundle’s SHA-256', async () => {
    const lines = files.get('audit-log.jsonl')!.toString('utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { seq: number; prevHash: string; hash: string });
    expect(lines[0]!.seq).toBe(1);
    lines.slice(1).forEach((e, i) => expect(e.prevHash).toBe(lines[i]!.hash));
    const events = (await p.call('audit.list', { action: 'export.' })).events;
    const completed = events.find((e) => e.action === 'export.completed')!;
    const sha = (await import('node:crypto')).createHash('sha256').update(fs.readFileSync(bundle)).digest('hex');
    expect(completed.detail).toContain(`bundle SHA-256 ${sha}`);
    expect(completed.detail).toContain('2026-03-01 to 2026-03-31');
    expect(completed.detail).toContain('2 authorizations, 1 revocations, 2 posts');
    expect(completed.actorName).toBe('admin');
    expect(events.some((e) => e.action === 'export.started')).toBe(true);
  });

  it('names files after patients only when asked, in safe ASCII', async () => {
    const { job } = await exportAndWait(p.call, { ...march, includeNames: true });
    const names = [...(await readZip(job.filePath!)).keys()];
    expect(names).toContain(`authorizations/Lopez-Maria_${p.kept.id}.pdf`);
    expect(names).toContain(`revocations/Nguyen-Thi-Anh_${p.revoked.id}.pdf`);
    expect((await verifyBundle(job.filePath!)).ok).toBe(true);
  });

  it('filters by patient and by status, and the range decides what is in', async () => {
    const { job: revokedOnly } = await exportAndWait(p.call, { ...march, states: ['revoked'] });
    expect(revokedOnly.counts).toMatchObject({ authorizations: 1, revocations: 1, posts: 1 });
    const { job: maria } = await exportAndWait(p.call, { ...march, patientIds: [p.maria.id] });
    expect(maria.counts).toMatchObject({ authorizations: 1, revocations: 0, posts: 1 });
    const { job: february } = await exportAndWait(p.call, { from: '2026-02-01', to: '2026-02-28' });
    expect(february.counts).toMatchObject({ authorizations: 0, revocations: 0, posts: 0, auditEvents: 0 });
    expect((await verifyBundle(february.filePath!)).ok).toBe(true);
  });

  it('reports progress, and writes to a path a shell chose without ever replacing a file', async () => {
    const dir = tempDataDir('export-dest');
    dirs.push(dir);
    const target = path.join(dir, 'audit.zip');
    const { job, seen } = await exportAndWait(p.call, { ...march, destinationPath: target });
    expect(job).toMatchObject({ state: 'done', filePath: target, done: 21, total: 21 });
    expect(seen[0]).toMatchObject({ state: 'running', total: 21 });
    for (const running of seen.filter((j) => j.state === 'running')) expect(running.done).toBeLessThan(21);
    expect(fs.readdirSync(dir)).toEqual(['audit.zip']);
    const again = await rejection(p.call('exports.start', { ...march, destinationPath: target }));
    expect(again.code).toBe('conflict');
    const notZip = await rejection(p.call('exports.start', { ...march, destinationPath: path.join(dir, 'audit.txt') }));
    expect(notZip).toMatchObject({ code: 'validation', issues: [{ path: 'destinationPath' }] });
  });

  it('can be cancelled, leaving no file, partial or whole', async () => {
    const dir = tempDataDir('export-cancel');
    dirs.push(dir);
    const started = await p.call('exports.start', { ...march, destinationPath: path.join(dir, 'cancelled.zip') });
    const cancelled = await p.call('exports.cancel', { id: started.id });
    expect(cancelled.state).toBe('cancelled');
    expect(fs.readdirSync(dir)).toEqual([]);
    expect((await p.call('exports.progress', { id: started.id })).state).toBe('cancelled');
    const events = (await p.call('audit.list', { action: 'export.cancelled' })).events;
    expect(events[0]).toMatchObject({ subjectId: started.id });
  });

  it('removes what a crashed export left behind, but not the temporary files of one still running', async () => {
    const dir = tempDataDir('export-crashed');
    dirs.push(dir);
    const crashed = ['.old.zip.0123456789ab.partial', '.old.zip.0123456789ab.partial.consents'];
    const running = '.other.zip.ba9876543210.partial';
    const unrelated = '.notes.partial';
    for (const name of [...crashed, running, unrelated]) fs.writeFileSync(path.join(dir, name), 'patient data');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    for (const name of [...crashed, unrelated]) fs.utimesSync(path.join(dir, name), twoHoursAgo, twoHoursAgo);

    const started = await p.call('exports.start', { ...march, destinationPath: path.join(dir, 'next.zip') });
    expect((await p.call('exports.cancel', { id: started.id })).state).toBe('cancelled');
    expect(fs.readdirSync(dir).sort()).toEqual([running, unrelated].sort());
  });

  it('stops mid-way when its signal is aborted, removing the temporary file', async () => {
    const dir = tempDataDir('export-abort');
    dirs.push(dir);
    const controller = new AbortController();
    const phases: number[] = [];
    const error = await writeMarchBundle(path.join(dir, 'aborted.zip'), {
      signal: controller.signal,
      onProgress: ({ done }) => {
        phases.push(done);
        if (done >= 4 && !controller.signal.aborted) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'conflict', message: 'The export was cancelled.' });
    expect(Math.max(...phases)).toBeLessThan(10);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('counts every file done only once the bundle is complete and in place, never while it is still being written', async () => {
    const dir = tempDataDir('export-progress');
    dirs.push(dir);
    const target = path.join(dir, 'progress.zip');
    const reports: { done: number; total: number; phase: string; saved: boolean }[] = [];
    await writeMarchBundle(target, {
      onProgress: ({ done, total, phase }) => reports.push({ done, total, phase, saved: fs.existsSync(target) }),
    });
    const total = reports[0]!.total;
    expect(total).toBe(10);
    const done = reports.map((r) => r.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    // "10 of 10" is said once, last, when the file is there; before that, at most 9, and no file yet.
    expect(reports.at(-1)).toEqual({ done: total, total, phase: 'finished', saved: true });
    for (const r of reports.slice(0, -1)) expect(r).toMatchObject({ saved: false, done: expect.any(Number) as number });
    expect(Math.max(...reports.slice(0, -1).map((r) => r.done))).toBeLessThan(total);
  });

  it('is for administrators only', async () => {
    await p.as(frontDesk);
    expect((await rejection(p.call('exports.start', march))).code).toBe('forbidden');
    await p.as({ username: 'admin', password: adminPassword });
  });

  it('says what was changed in a tampered manifest', async () => {
    const dir = tempDataDir('export-tamper');
    dirs.push(dir);
    const edited = path.join(dir, 'edited-manifest.zip');
    await rewriteZip(bundle, edited, (zip) => {
      const manifest = manifestOf(zip);
      manifest.counts.posts = 0;
      zip.set('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
    });
    const result = await verifyBundle(edited);
    expect(result.ok).toBe(false);
    expect(result.failures).toEqual([expect.stringMatching(/^manifest\.json: its signature \(manifest\.json\.p7s\) is not valid: /)]);
  });

  it('refuses a manifest whose signature was made to carry the original manifest inside it', async () => {
    // Anyone can copy the signed manifest into the CMS (encapsulated content is
    // not itself signed); a verifier that checks the signature against that copy
    // instead of manifest.json accepts any manifest, here one hiding a deleted revocation.
    const dir = tempDataDir('export-attached');
    dirs.push(dir);
    const forged = path.join(dir, 'attached-signature.zip');
    await rewriteZip(bundle, forged, (zip) => {
      const original = zip.get('manifest.json')!;
      const info = new pkijs.ContentInfo({ schema: asn1js.fromBER(new Uint8Array(zip.get('manifest.json.p7s')!)).result });
      const signedData = new pkijs.SignedData({ schema: info.content });
      signedData.encapContentInfo = new pkijs.EncapsulatedContentInfo({
        eContentType: '1.2.840.113549.1.7.1',
        eContent: new asn1js.OctetString({ valueHex: new Uint8Array(original) }),
      });
      const p7s = new pkijs.ContentInfo({ contentType: '1.2.840.113549.1.7.2', content: signedData.toSchema(true) });
      zip.set('manifest.json.p7s', Buffer.from(p7s.toSchema().toBER(false)));
      const manifest = manifestOf(zip);
      const gone = manifest.files.find((f) => f.kind === 'revocation-pdf')!;
      manifest.files = manifest.files.filter((f) => f !== gone);
      zip.delete(gone.path);
      zip.set('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
    });
    const result = await verifyBundle(forged);
    expect(result.ok).toBe(false);
    expect(result.failures).toEqual([expect.stringMatching(/^manifest\.json: its signature \(manifest\.json\.p7s\) is not valid: /)]);
  });
});

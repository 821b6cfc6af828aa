import { emptyPracticeContact } from '../../../shared/settings';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { certificateDerOf, toPem } from '../crypto/certificate-pem';
import { storePaths } from '../data-dir';
import { activeCertificate } from '../repositories/certificate-repository';
import type { Db } from '../store/database';
import { Store } from '../store/store';
import { auditPractice } from '../testing/audit-practice';
import { adminPassword, tempDataDir } from '../testing/test-backend';
import { readZip } from '../testing/zip-tools';
import { writeBundle } from './bundle-writer';
import { templateVersions } from './export-jobs';
import { createSqliteExportRecords } from '../store-engine/sqlite-export-records';
import { selectForExportOn } from './export-selection';
import { closeExportSnapshot, openExportSnapshot } from './export-snapshot';

const dirs: string[] = [];
let store: Store;
beforeAll(async () => {
  const p = await auditPractice();
  p.backend.close();
  dirs.push(p.dataDir);
  const paths = storePaths(p.dataDir);
  const [unlocked] = await Store.unlock(paths, { username: 'admin', password: adminPassword });
  store = Store.openWithKey(paths, unlocked!.keyring, unlocked!.dataKey);
});
afterAll(() => {
  store.close();
  dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
});

const params = { from: '2026-03-01', to: '2026-03-31', includeNames: true };
const ctx = { today: '2026-03-02', timeZone: 'UTC', ageOfMajority: 18, practice: { name: 'Riverside Physical Therapy', contact: emptyPracticeContact } };

/** The March bundle read on `db`, with everything that varies between runs fixed. `between` runs after the selection, before the writing. */
async function bundleOn(db: Db, between: () => void = () => undefined): Promise<Buffer> {
  const signer = activeCertificate(store.db)!;
  const pem = toPem(certificateDerOf(signer));
  const selection = await selectForExportOn(createSqliteExportRecords(), db, params, ctx);
  between();
  const target = path.join(tempDataDir('snapshot-bundle'), 'bundle.zip');
  dirs.push(path.dirname(target));
  await writeBundle({
    db,
    selection,
    params,
    practiceName: 'Riverside Physical Therapy',
    appVersion: 'test',
    createdAt: new Date('2026-03-02T12:00:00.000Z'),
    createdBy: { username: 'admin', displayName: 'Pat Privacy' },
    signer,
    signerPem: pem,
    certificates: [{ ...signer.info, pem }],
    templateVersions: templateVersions(db),
    target,
  });
  return fs.readFileSync(target);
}

it('reads the bundle as the store was when the export began, while the app goes on writing, byte for byte', async () => {
  const before = await bundleOn(store.db);
  const snapshot = openExportSnapshot(store);
  let during: Buffer;
  try {
    during = await bundleOn(snapshot, () => {
      // The app writes on its own connection meanwhile: a new post on a chosen consent, and a caption changed.
      store.write(() => {
        const source = store.db.prepare('SELECT id FROM posts ORDER BY created_at LIMIT 1').pluck().get() as string;
        const columns = (store.db.prepare('PRAGMA table_info(posts)').all() as { name: string }[]).map((c) => c.name).filter((c) => c !== 'id');
        store.db.prepare(`INSERT INTO posts (id, ${columns.join(', ')}) SELECT ?, ${columns.join(', ')} FROM posts WHERE id = ?`).run(crypto.randomUUID(), source);
        store.db.prepare("UPDATE posts SET caption = 'Changed after the export began' WHERE id = ?").run(source);
      });
    });
  } finally {
    closeExportSnapshot(store, snapshot);
  }
  expect(snapshot.open).toBe(false);
  expect(during.equals(before)).toBe(true);
  // The store did change: a bundle begun now holds the new post and caption.
  const after = await bundleOn(store.db);
  expect(after.equals(before)).toBe(false);
  const posts = (await readZip(writeTemp(after))).get('posts.csv')!.toString('utf8');
  expect(posts).toContain('Changed after the export began');
});

it('may not write to the store', () => {
  const snapshot = openExportSnapshot(store);
  try {
    expect(() => snapshot.prepare("UPDATE posts SET caption = 'x'").run()).toThrow(/readonly|read-only|query_only/i);
  } finally {
    closeExportSnapshot(store, snapshot);
  }
  closeExportSnapshot(store, snapshot);
});

function writeTemp(content: Buffer): string {
  const file = path.join(tempDataDir('snapshot-read'), 'b.zip');
  dirs.push(path.dirname(file));
  fs.writeFileSync(file, content);
  return file;
}

it('holds off a key rotation with a sentence, changing nothing, and lets it through once closed', () => {
  const snapshot = openExportSnapshot(store);
  const epoch = store.keyring.keyEpoch;
  try {
    expect(() => store.rotateDataKey(() => true)).toThrow('An audit export is running. Wait for it to finish or cancel it, then try again.');
    expect(store.keyring.keyEpoch).toBe(epoch);
  } finally {
    closeExportSnapshot(store, snapshot);
  }
  store.rotateDataKey(() => true);
  expect(store.keyring.keyEpoch).toBe(epoch + 1);
  expect(store.db.prepare('SELECT count(*) FROM posts').pluck().get()).toBeGreaterThan(0);
});

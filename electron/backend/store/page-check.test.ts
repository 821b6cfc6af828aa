import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { samplePatient } from '../testing/consent-flow';
import { damageLeafPageOf } from '../testing/damaged-page';
import { adminPassword, setUpStore, tempDataDir } from '../testing/test-backend';
import { openDatabase, type Db } from './database';
import { startPageCheck } from './page-check';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const key = crypto.randomBytes(32);

/** A real AEGIS-encrypted file of about 1,500 pages: rows with blobs that spill onto overflow pages. */
function encryptedFile(): { file: string; pages: number; pageSize: number } {
  const dir = tempDataDir('page-check');
  dirs.push(dir);
  const file = path.join(dir, 'pages.db');
  const db = openDatabase(file, key, { cipher: 'aegis', create: true });
  db.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT, body BLOB); CREATE INDEX items_label ON items (label)');
  const insert = db.prepare('INSERT INTO items (label, body) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < 1200; i += 1) insert.run(`item ${i}`, crypto.randomBytes(i % 3 === 0 ? 9000 : 300));
  })();
  const pages = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  return { file, pages, pageSize };
}

const reader = (file: string): Db => openDatabase(file, key, { cipher: 'aegis' });

describe('the background page check', () => {
  it('reads every page in use, in more than one slice, and closes its connection', async () => {
    const { file, pages } = encryptedFile();
    const db = reader(file);
    // A slice of 0 ms yields after every clock read: many slices for this file.
    const result = await startPageCheck(db, { sliceMs: 0 }).done;
    expect(result.problem).toBeNull();
    expect(result.cancelled).toBe(false);
    expect(result.slices).toBeGreaterThan(3);
    // Every page but the free ones: dbstat walks each b-tree and overflow chain.
    const free = (() => {
      const other = reader(file);
      const n = other.pragma('freelist_count', { simple: true }) as number;
      other.close();
      return n;
    })();
    expect(result.pages).toBe(pages - free);
    expect(db.open).toBe(false);
  });

  it('finds an altered page in the middle of the file that opening the file does not notice', async () => {
    const { file, pages, pageSize } = encryptedFile();
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(16, 0x5a), 0, 16, Math.floor(pages / 2) * pageSize + 200);
    fs.closeSync(fd);
    const db = reader(file); // opens: the first page and the schema are sound
    const result = await startPageCheck(db).done;
    expect(result.problem).toMatch(/damaged or was altered/);
    expect(result.pages).toBeLessThan(pages);
    expect(db.open).toBe(false);
  });

  it('stops at once when cancelled, leaving the file to the app alone', async () => {
    const { file } = encryptedFile();
    const db = reader(file);
    const check = startPageCheck(db, { sliceMs: 0 });
    check.cancel();
    const result = await check.done;
    expect(result.cancelled).toBe(true);
    expect(db.open).toBe(false);
  });
});

describe('sign-in with a damaged page', () => {
  it('signs in without reading the whole file, then audits the damage and shows administrators an alert', async () => {
    const t = await setUpStore();
    dirs.push(t.dataDir);
    for (let i = 0; i < 120; i += 1) await t.call('patients.create', { ...samplePatient, recordNumber: `MRN-${i}`, firstName: `Maria ${i}` });
    await t.call('session.signOut', {});
    // A page of the patients table (sign-in reads none), found with the store's own key.
    await damageLeafPageOf(t.dataDir, 'patients');
    const state = await t.call('session.signIn', { username: 'admin', password: adminPassword });
    expect(state.phase).toBe('active');
    const result = await t.backend.pageCheck();
    expect(result?.problem).toMatch(/damaged or was altered/);
    const after = await t.call('app.state', {});
    expect(after.alerts?.find((a) => a.kind === 'check_failed')?.message).toMatch(/data file is damaged/);
    t.backend.close();
  });

  it('finds nothing wrong in a sound store', async () => {
    const t = await setUpStore();
    dirs.push(t.dataDir);
    await t.call('session.signOut', {});
    await t.call('session.signIn', { username: 'admin', password: adminPassword });
    const result = await t.backend.pageCheck();
    expect(result?.problem).toBeNull();
    expect(result?.pages).toBeGreaterThan(10);
    expect((await t.call('app.state', {})).alerts?.map((a) => a.kind)).not.toContain('check_failed');
    t.backend.close();
  });
});

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rollbackAnchorDir } from '../backend/data-dir';
import { createAnchorKeeper, type OsSealing } from './rollback-anchor-keeper';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'consent-desk-anchors-'));
  dirs.push(dir);
  return path.join(dir, 'anchors');
}

/** An OS credential store of one account: AES-GCM under its own key, as safeStorage would seal. */
function osAccount(backend: 'gnome_libsecret' | 'basic_text' = 'gnome_libsecret', available = true): OsSealing {
  const key = crypto.randomBytes(32);
  return {
    isAsyncEncryptionAvailable: () => Promise.resolve(available),
    getSelectedStorageBackend: () => backend,
    encryptStringAsync: (text) => {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Promise.resolve(Buffer.concat([iv, cipher.getAuthTag(), body]));
    },
    decryptStringAsync: async (bytes) => {
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return { result: Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8'), shouldReEncrypt: false };
    },
  };
}

const storeId = '3f2b8c1e-7a4d-4e2b-9c1f-0a1b2c3d4e5f';
const anchor = (counter: number) => JSON.stringify({ format: 'consent-desk-anchor', version: 1, state: { writeCounter: counter }, mac: 'ab' });

describe('the shell’s copy of the rollback anchors', () => {
  it('is sealed by the OS credential store where there is one, and only this account opens it', async () => {
    const folder = tempFolder();
    const lines: string[] = [];
    const keeper = createAnchorKeeper({ folder, sealing: osAccount(), platform: 'linux', log: (line) => lines.push(line) });
    await keeper.write(storeId, anchor(7));
    const file = path.join(folder, `${storeId}.anchor.sealed`);
    expect(fs.readdirSync(folder)).toEqual([path.basename(file)]);
    expect(fs.readFileSync(file).includes('consent-desk-anchor')).toBe(false);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(await keeper.read(storeId)).toBe(anchor(7));
    expect(lines).toEqual(['rollback anchors: sealed by the OS credential store']);

    // The same folder under another account's credential store: nothing to read, and it says so.
    const other = createAnchorKeeper({ folder, sealing: osAccount(), platform: 'linux', log: (line) => lines.push(line) });
    expect(await other.read(storeId)).toBeNull();
    expect(lines.at(-1)).toMatch(/could not be opened/);
  });

  it('is kept as it is (signed, not sealed) without a keyring, and sealed once there is one', async () => {
    const folder = tempFolder();
    const lines: string[] = [];
    const plain = createAnchorKeeper({ folder, sealing: osAccount('basic_text'), platform: 'linux', log: (line) => lines.push(line) });
    await plain.write(storeId, anchor(3));
    expect(fs.readFileSync(path.join(folder, `${storeId}.anchor.json`), 'utf8')).toBe(anchor(3));
    expect(lines).toEqual(['rollback anchors: no OS credential store; kept signed in the user profile']);
    // basic_text is a Linux word: elsewhere an available safeStorage seals.
    const elsewhere = createAnchorKeeper({ folder, sealing: osAccount('basic_text'), platform: 'win32', log: () => {} });
    expect(await elsewhere.read(storeId)).toBe(anchor(3));
    await elsewhere.write(storeId, anchor(4));
    expect(fs.readdirSync(folder)).toEqual([`${storeId}.anchor.sealed`]);
    expect(await elsewhere.read(storeId)).toBe(anchor(4));

    const none = createAnchorKeeper({ folder: tempFolder(), sealing: osAccount('gnome_libsecret', false), platform: 'darwin', log: () => {} });
    await none.write(storeId, anchor(1));
    expect(await none.read(storeId)).toBe(anchor(1));
  });

  it('writes one at a time in the order asked, so the newest is what stays; a failed write is an error, not a crash', async () => {
    const folder = tempFolder();
    const lines: string[] = [];
    const keeper = createAnchorKeeper({ folder, sealing: osAccount(), platform: 'linux', log: (line) => lines.push(line) });
    await Promise.all(Array.from({ length: 25 }, (_, i) => keeper.write(storeId, anchor(i))));
    expect(await keeper.read(storeId)).toBe(anchor(24));
    expect(fs.readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    const blocked = path.join(path.dirname(folder), 'a-file');
    fs.writeFileSync(blocked, 'not a folder');
    const broken = createAnchorKeeper({ folder: path.join(blocked, 'anchors'), sealing: osAccount(), platform: 'linux', log: (line) => lines.push(line) });
    await expect(broken.write(storeId, anchor(1))).rejects.toThrow();
    await broken.settled();
    expect(lines.at(-1)).toMatch(/^rollback anchors: could not be written \((ENOTDIR|EEXIST|ENOENT)\)$/);
    // Unreadable is not "none": the backend is told the read failed (and checks the anchor beside the database).
    await expect(broken.read(storeId)).rejects.toThrow(/ENOTDIR/);
  });

  it('never names a file after anything but the store id’s own characters', async () => {
    const folder = tempFolder();
    const keeper = createAnchorKeeper({ folder, sealing: osAccount(), platform: 'linux', log: () => {} });
    await keeper.write('../../evil', anchor(1));
    expect(fs.readdirSync(folder)).toEqual(['e.anchor.sealed']);
  });
});

describe('where the anchors live', () => {
  it('is the platform’s local state folder when installed, beside the data folder in development, and never inside it', () => {
    const home = '/home/ana';
    expect(rollbackAnchorDir('/home/ana/.config/Consent Desk', { packaged: true, env: {}, platform: 'linux', home })).toBe('/home/ana/.local/state/Consent Desk/rollback-anchors');
    expect(rollbackAnchorDir('/home/ana/.config/Consent Desk', { packaged: true, env: { XDG_STATE_HOME: '/var/st' }, platform: 'linux', home })).toBe('/var/st/Consent Desk/rollback-anchors');
    expect(rollbackAnchorDir('/Users/ana/Library/Application Support/Consent Desk', { packaged: true, env: {}, platform: 'darwin', home: '/Users/ana' })).toBe(
      '/Users/ana/Library/Application Support/Consent Desk Rollback Anchors',
    );
    expect(rollbackAnchorDir('C:\\Users\\ana\\AppData\\Roaming\\Consent Desk', { packaged: true, env: { LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' }, platform: 'win32', home: 'C:\\Users\\ana' })).toBe(
      'C:\\Users\\ana\\AppData\\Local\\Consent Desk\\Rollback anchors',
    );
    expect(rollbackAnchorDir('/tmp/t/data', { packaged: false, env: {}, platform: 'linux', home })).toBe('/tmp/t/data (rollback anchors)');
    // A state folder set inside the data folder would be rolled back with it: beside it instead.
    expect(rollbackAnchorDir('/data', { packaged: true, env: { XDG_STATE_HOME: '/data/state' }, platform: 'linux', home })).toBe('/data (rollback anchors)');
  });
});

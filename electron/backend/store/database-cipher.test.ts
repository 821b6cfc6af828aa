import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { storePaths } from '../data-dir';
import { readKeyring } from './keyring';
import { setUpStore, tempDataDir } from '../testing/test-backend';
import { configureConnection, newStoreCipher, openDatabase, rekeyDatabase, type CipherName } from './database';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function fileWith(cipher: CipherName, key: Buffer): string {
  const dir = tempDataDir(`cipher-${cipher}`);
  dirs.push(dir);
  const file = path.join(dir, 'data.db');
  const db = openDatabase(file, key, { cipher, create: true });
  configureConnection(db);
  db.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('Maria Lopez signed on 2026-11-29')");
  db.close();
  return file;
}

const firstNote = (file: string, key: Buffer, cipher: CipherName) => {
  const db = openDatabase(file, key, { cipher });
  try {
    return (db.prepare('SELECT text FROM notes').get() as { text: string }).text;
  } finally {
    db.close();
  }
};

describe('the store cipher', () => {
  it('makes new stores with AEGIS-256X2, recorded in the key file', async () => {
    expect(newStoreCipher).toBe('aegis-256x2');
    const { backend, dataDir } = await setUpStore();
    dirs.push(dataDir);
    backend.close();
    expect(JSON.parse(fs.readFileSync(storePaths(dataDir).keyring, 'utf8')).cipher).toBe('aegis-256x2');
    expect(readKeyring(storePaths(dataDir).keyring)?.cipher).toBe('aegis-256x2');
  });

  it('keeps opening files made with AEGIS-256 and SQLCipher, each only with its own cipher', () => {
    const key = crypto.randomBytes(32);
    for (const cipher of ['aegis', 'sqlcipher', 'aegis-256x2'] as const) {
      const file = fileWith(cipher, key);
      expect(fs.readFileSync(file).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
      expect(fs.readFileSync(file).includes('Maria Lopez')).toBe(false);
      expect(firstNote(file, key, cipher)).toBe('Maria Lopez signed on 2026-11-29');
      for (const other of ['aegis', 'sqlcipher', 'aegis-256x2'] as const) {
        if (other !== cipher) expect(() => firstNote(file, key, other)).toThrow(/cannot be read with this key/);
      }
    }
  });

  it('rekeys an AEGIS-256X2 file: the new key opens it, the old one no longer does', () => {
    const oldKey = crypto.randomBytes(32);
    const newKey = crypto.randomBytes(32);
    const file = fileWith('aegis-256x2', oldKey);
    const db = openDatabase(file, oldKey, { cipher: 'aegis-256x2' });
    configureConnection(db);
    rekeyDatabase(db, newKey);
    db.close();
    expect(firstNote(file, newKey, 'aegis-256x2')).toBe('Maria Lopez signed on 2026-11-29');
    expect(() => firstNote(file, oldKey, 'aegis-256x2')).toThrow(/cannot be read with this key/);
  });
});

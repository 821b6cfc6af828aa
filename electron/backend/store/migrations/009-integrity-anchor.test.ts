import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDataDir } from '../../testing/test-backend';
import { configureConnection, openDatabase } from '../database';
import { migrate, schemaVersionOf } from '../migrate';
import { migrations } from './index';

function storeAt(version: number) {
  const file = path.join(tempDataDir('migrate-9'), 'test.db');
  const db = openDatabase(file, crypto.randomBytes(32), { cipher: 'sqlcipher', create: true });
  configureConnection(db);
  migrate(db, file, migrations.filter((m) => m.version <= version));
  return { db, file };
}

describe('migration 9: the rollback anchor’s counter and key, and retired data keys', () => {
  it('gives a store of version 8 one meta row with a zero counter and a fresh 32-byte anchor key', () => {
    const { db, file } = storeAt(8);
    migrate(db, file, migrations.filter((m) => m.version <= 9));
    expect(schemaVersionOf(db)).toBe(9);
    const meta = db.prepare('SELECT id, write_counter, anchor_key, last_check FROM store_meta').all() as { id: number; write_counter: number; anchor_key: Buffer; last_check: string | null }[];
    expect(meta).toHaveLength(1);
    expect(meta[0]).toMatchObject({ id: 1, write_counter: 0, last_check: null });
    expect(meta[0]!.anchor_key).toHaveLength(32);
    expect(db.prepare('SELECT count(*) FROM data_key_history').pluck().get()).toBe(0);
    db.close();
  });

  it('keeps one meta row and refuses keys of the wrong length', () => {
    const { db } = storeAt(9);
    const other = storeAt(9).db;
    // Each store draws its own anchor key.
    expect(db.prepare('SELECT anchor_key FROM store_meta').pluck().get()).not.toEqual(other.prepare('SELECT anchor_key FROM store_meta').pluck().get());
    expect(() => db.prepare('INSERT INTO store_meta (id, write_counter, anchor_key) VALUES (2, 0, randomblob(32))').run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE store_meta SET anchor_key = randomblob(16)').run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO data_key_history (key_epoch, data_key, retired_at) VALUES (1, randomblob(31), '2026-01-01')").run()).toThrow(/CHECK/);
    db.close();
    other.close();
  });
});

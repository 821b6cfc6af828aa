import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../crypto/certificate-pem';
import { loadPkcs12Reader, pkcs12ReaderLoaded } from '../../crypto/pkcs12';
import { activeCertificate } from '../../repositories/certificate-repository';
import { pkcs12Fixture } from '../../testing/pkcs12-fixture';
import { tempDataDir } from '../../testing/test-backend';
import { configureConnection, openDatabase, type Db } from '../database';
import { migrate, MigrationNotReady, schemaVersionOf } from '../migrate';
import { migrations } from './index';

function storeAtVersion6(): { db: Db; file: string } {
  const file = path.join(tempDataDir('migration-7'), 'test.db');
  const db = openDatabase(file, crypto.randomBytes(32), { cipher: 'sqlcipher', create: true });
  configureConnection(db);
  migrate(db, file, migrations.slice(0, 6));
  return { db, file };
}

function insertLegacyCertificate(db: Db, id: string, fixture: ReturnType<typeof pkcs12Fixture>, fingerprint = fingerprintOf(fixture.certificateDer)) {
  db.prepare(
    `INSERT INTO practice_certificates (id, p12, passphrase, subject, issuer, fingerprint_sha256, not_before, not_after, source, active, created_at)
     VALUES (?, ?, ?, 'CN=Riverside Physical Therapy', 'CN=Riverside Physical Therapy', ?, '2020-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z', 'generated', ?, '2026-01-01T00:00:00.000Z')`,
  ).run(id, fixture.p12, fixture.passphrase, fingerprint, id === 'active' ? 1 : 0);
}

// The tests run in this order: node-forge is not loaded until the first test has seen that it is not.
describe('migration 7 before node-forge is loaded', () => {
  it('needs nothing loaded for a file without a certificate', () => {
    expect(pkcs12ReaderLoaded()).toBe(false);
    const { db, file } = storeAtVersion6();
    migrate(db, file, migrations.slice(0, 7));
    expect(schemaVersionOf(db)).toBe(7);
    expect(pkcs12ReaderLoaded()).toBe(false);
    db.close();
  });

  it('refuses to start on a file holding a certificate, touching nothing, and runs once the caller has loaded it', async () => {
    const { db, file } = storeAtVersion6();
    insertLegacyCertificate(db, 'active', pkcs12Fixture());
    let refusal: unknown;
    try {
      migrate(db, file, migrations.slice(0, 7));
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(MigrationNotReady);
    expect(schemaVersionOf(db)).toBe(6);
    // Not even the copy made before an upgrade.
    expect(fs.existsSync(`${file}.schema-6.bak`)).toBe(false);
    await (refusal as MigrationNotReady).load();
    expect(pkcs12ReaderLoaded()).toBe(true);
    migrate(db, file, migrations.slice(0, 7));
    expect(schemaVersionOf(db)).toBe(7);
    db.close();
  });
});

describe('migration 7', () => {
  beforeAll(loadPkcs12Reader);

  it('turns every stored PKCS#12 into a certificate and a key Node loads, and keeps one copy of the key', () => {
    const { db, file } = storeAtVersion6();
    const current = pkcs12Fixture();
    const earlier = pkcs12Fixture({ commonName: 'Riverside PT (old)' });
    insertLegacyCertificate(db, 'active', current);
    insertLegacyCertificate(db, 'earlier', earlier);

    migrate(db, file, migrations.slice(0, 7));
    expect(schemaVersionOf(db)).toBe(7);

    const bundle = activeCertificate(db)!;
    expect(bundle.certificateDer.equals(current.certificateDer)).toBe(true);
    const key = crypto.createPrivateKey({ key: bundle.privateKeyPkcs8, format: 'der', type: 'pkcs8' });
    expect(new crypto.X509Certificate(bundle.certificateDer).checkPrivateKey(key)).toBe(true);
    const rows = db.prepare('SELECT id, length(p12) AS p12, passphrase, certificate_der FROM practice_certificates ORDER BY id').all() as {
      id: string;
      p12: number;
      passphrase: string;
      certificate_der: Buffer;
    }[];
    expect(rows.map((r) => [r.id, r.p12, r.passphrase])).toEqual([
      ['active', 0, ''],
      ['earlier', 0, ''],
    ]);
    expect(rows[1]!.certificate_der.equals(earlier.certificateDer)).toBe(true);
    db.close();
  });

  it('stops, changing nothing, when a stored PKCS#12 holds another certificate than the one recorded', () => {
    const { db, file } = storeAtVersion6();
    insertLegacyCertificate(db, 'active', pkcs12Fixture(), 'f'.repeat(64));
    expect(() => migrate(db, file, migrations.slice(0, 7))).toThrow();
    expect(schemaVersionOf(db)).toBe(6);
    expect((db.prepare('SELECT length(p12) AS n FROM practice_certificates').get() as { n: number }).n).toBeGreaterThan(0);
    db.close();
  });

  it('adds patient_copies, which accepts only the three methods and goes with its authorization', () => {
    const { db, file } = storeAtVersion6();
    migrate(db, file, migrations.slice(0, 7));
    const columns = (db.prepare('PRAGMA table_info(patient_copies)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(['id', 'authorization_id', 'method', 'recorded_at', 'recorded_by']);
    const foreignKeys = db.prepare('PRAGMA foreign_key_list(patient_copies)').all() as { table: string; on_delete: string }[];
    expect(foreignKeys).toEqual(
      expect.arrayContaining([expect.objectContaining({ table: 'authorizations', on_delete: 'CASCADE' }), expect.objectContaining({ table: 'staff' })]),
    );
    const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'patient_copies'").get() as { sql: string }).sql;
    expect(sql).toContain("CHECK (method IN ('printed', 'saved', 'declined'))");
    db.close();
  });
});

import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprintOf } from '../crypto/certificate-pem';
import { createSlot } from '../crypto/key-slots';
import { pkcs12ReaderLoaded } from '../crypto/pkcs12';
import { newRecoveryKey } from '../crypto/recovery-key';
import { storePaths } from '../data-dir';
import { activeCertificate } from '../repositories/certificate-repository';
import { pkcs12Fixture } from '../testing/pkcs12-fixture';
import { tempDataDir } from '../testing/test-backend';
import { configureConnection, openDatabase } from './database';
import { writeKeyring } from './keyring';
import { migrate, schemaVersionOf } from './migrate';
import { migrations } from './migrations';
import { Store } from './store';

/**
 * Migration 7 reads a stored PKCS#12 with node-forge, which a store's open
 * does not load (600 KiB of JavaScript). Its own file, so node-forge is not
 * loaded yet when the store opens.
 */
describe('a store at schema 6 holding a certificate', () => {
  it('opens: the open loads node-forge for migration 7, which converts the certificate', async () => {
    const paths = storePaths(tempDataDir('migration-7-store'));
    const dataKey = crypto.randomBytes(32);
    const recovery = newRecoveryKey();
    const db = openDatabase(paths.database, dataKey, { cipher: 'sqlcipher', create: true });
    configureConnection(db);
    migrate(db, paths.database, migrations.slice(0, 6));
    const fixture = pkcs12Fixture();
    db.prepare(
      `INSERT INTO practice_certificates (id, p12, passphrase, subject, issuer, fingerprint_sha256, not_before, not_after, source, active, created_at)
       VALUES ('active', ?, ?, 'CN=Riverside Physical Therapy', 'CN=Riverside Physical Therapy', ?, '2020-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z', 'generated', 1, '2026-01-01T00:00:00.000Z')`,
    ).run(fixture.p12, fixture.passphrase, fingerprintOf(fixture.certificateDer));
    db.close();
    const slot = await createSlot({ staffId: null, lookup: null }, { kind: 'recovery', recoveryKey: recovery.bytes }, dataKey);
    writeKeyring(paths.keyring, { format: 'consent-desk-keyring', version: 1, storeId: crypto.randomUUID(), cipher: 'sqlcipher', keyEpoch: 1, slots: [slot] });
    expect(pkcs12ReaderLoaded()).toBe(false);

    const opened = await Store.open(paths, { recoveryKey: recovery.bytes });
    expect(opened).not.toBeNull();
    const store = opened!.store;
    try {
      expect(pkcs12ReaderLoaded()).toBe(true);
      expect(schemaVersionOf(store.db)).toBe(migrations.length);
      expect(activeCertificate(store.db)!.certificateDer.equals(fixture.certificateDer)).toBe(true);
    } finally {
      store.close();
    }
  });
});

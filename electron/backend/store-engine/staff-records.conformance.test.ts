import crypto from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffMember } from '../../../shared/staff';
import type { KeySlot } from '../crypto/key-slots';
import type { Keyring } from '../store/keyring';
import { FieldCipher } from '../store-pg/field-crypto';
import { createFoundationSchema } from '../store-pg/pg-schema';
import { createPgStaffRecords, rotateKeyringPg } from '../store-pg/pg-staff-repository';
import type { StaffRecords } from '../store-pg/store-interface-staff';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import { createSqliteStaffRecords } from './sqlite-staff-records';
import type { StoreEngine } from './store-engine';
import { pgEngineUnderTest, sqliteEngineUnderTest } from './testing/engines-under-test';
import { normalise, outcome, type Entry, conformanceEngines } from './testing/conformance-transcript';

/**
 * ONE conformance suite for staff and sign-in material (staff, settings,
 * staff preferences, the recovery key's confirmation step, the keyring with
 * its slots, retired data keys), written once against
 * store-interface-staff.ts and run on both engines: a fresh encrypted SQLite
 * file with its key file, and a throwaway PostgreSQL. Every answer goes into
 * a transcript and the two engines' transcripts are compared byte for byte
 * at the end. Then, on PostgreSQL alone: the rotation step, what the app
 * role may not do, and the at-rest check of a pg_dump.
 */

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute)).toISOString();
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const b64 = (seed: string, bytes = 32) => crypto.createHash('sha512').update(seed).digest().subarray(0, bytes).toString('base64');

const transcripts = new Map<string, Entry[]>();

const member = (n: number, username: string, displayName: string, role: StaffMember['role']): StaffMember => ({
  id: `staff-${n}`,
  username,
  displayName,
  role,
  status: 'active',
  createdAt: at(n),
  updatedAt: at(n),
});

/** A slot shaped as the key file holds one (its sealed parts are stand-ins: nothing here opens it). */
const slot = (seed: string, staffId: string | null): KeySlot => ({
  id: `slot-${seed}`,
  staffId,
  lookup: staffId === null ? null : sha256(Buffer.from(`lookup ${seed}`)),
  unlock: staffId === null ? { kind: 'recovery', salt: b64(`salt ${seed}`, 16) } : { kind: 'password', salt: b64(`salt ${seed}`, 16), kdf: { name: 'scrypt', N: 131072, r: 8, p: 1 } },
  publicKey: b64(`public ${seed}`),
  encryptedPrivateKey: { iv: b64(`iv ${seed}`, 12), ciphertext: b64(`private ${seed}`, 48), tag: b64(`tag ${seed}`, 16) },
  sealedDataKey: { iv: b64(`iv2 ${seed}`, 12), ciphertext: b64(`data ${seed}`), tag: b64(`tag2 ${seed}`, 16), ephemeralPublicKey: b64(`eph ${seed}`) },
});

const keyring: Keyring = {
  format: 'consent-desk-keyring',
  version: 1,
  storeId: '5f0c6d1e-2b7a-4c1e-9a55-0d3c2f1b7e42',
  cipher: 'aegis',
  keyEpoch: 1,
  slots: [slot('admin', 'staff-1'), slot('recovery', null)],
};

interface Under {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  engine: StoreEngine<any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  records: StaffRecords<any>;
  close(): Promise<void>;
}

/** A fresh encrypted SQLite store at the latest schema, no staff yet, its key file beside it (written by the records). */
function sqliteUnder(): Under {
  const under = sqliteEngineUnderTest({ staff: false, testTemplates: false });
  return { ...under, records: createSqliteStaffRecords({ keyringFile: path.join(under.dir, 'keyring.json') }) };
}

describe.each(conformanceEngines)('staff and sign-in material on $name', ({ name, skip }) => {
  const cluster = name === 'postgres' && !skip ? useThrowawayCluster() : null;
  let under: Under;
  const log: Entry[] = [];
  const note = (label: string, value: unknown) => log.push([label, value]);
  const write = <T>(fn: (tx: unknown) => Promise<T>) => under.engine.write(fn as never) as Promise<T>;
  const read = <T>(fn: (tx: unknown) => Promise<T>) => under.engine.read(fn as never) as Promise<T>;
  const suffix = name === 'postgres' ? pgSkipReason : '';

  beforeAll(async () => {
    if (skip) return;
    if (name === 'sqlite') under = sqliteUnder();
    else {
      const pgUnder = await pgEngineUnderTest(cluster!());
      under = { engine: pgUnder.engine, records: createPgStaffRecords(pgUnder.cipher), close: pgUnder.close };
    }
  }, 180_000);
  afterAll(async () => {
    await under?.close();
    if (!skip) transcripts.set(name, log);
  });

  const pat = member(1, 'pat', 'Pat Privacy', 'admin');
  const robin = member(2, 'robin', 'robin reception', 'frontdesk');
  const alvaro = member(3, 'alvaro', 'Álvaro Núñez', 'marketing');
  const morgan = member(4, 'morgan', 'Morgan Marketing', 'admin');

  it.skipIf(skip)(`keeps staff, finds them by username, orders them as SQLite's NOCASE, and refuses a taken username or a stale edit${suffix}`, async () => {
    const s = under.records.staff;
    await write(async (tx) => {
      for (const m of [pat, robin, alvaro, morgan]) await s.insertStaff(tx, m);
    });
    const listed = await read((tx) => s.listStaff(tx));
    // Case of A-Z ignored; "Á" is past every ASCII letter, as SQLite compares UTF-8 bytes.
    expect(listed.map((m) => m.displayName)).toEqual(['Morgan Marketing', 'Pat Privacy', 'robin reception', 'Álvaro Núñez']);
    note('list', normalise(listed));
    note('by id', await outcome(read((tx) => s.getStaffById(tx, robin.id))));
    note('by username, typed in capitals', await outcome(read((tx) => s.getStaffByUsername(tx, 'ROBIN'))));
    note('unknown username', await outcome(read((tx) => s.getStaffByUsername(tx, 'nobody'))));
    note('unknown id', await outcome(read((tx) => s.getStaffById(tx, 'staff-none'))));

    const taken = await outcome(write((tx) => s.insertStaff(tx, member(5, 'pat', 'Another Pat', 'frontdesk'))));
    expect(taken).toEqual({ error: { code: 'conflict', message: 'Another staff member already has this username.' } });
    note('username taken', taken);
    note('nobody added', await outcome(read((tx) => s.getStaffById(tx, 'staff-5'))));

    note('admins', await outcome(read((tx) => s.countActiveAdmins(tx))));
    note('edit from what was read', await outcome(write((tx) => s.updateStaff(tx, morgan.id, { displayName: 'Morgan Manager', role: 'marketing' }, at(30), { updatedAt: morgan.updatedAt }))));
    const stale = await outcome(write((tx) => s.updateStaff(tx, morgan.id, { status: 'disabled' }, at(31), { updatedAt: morgan.updatedAt })));
    expect(stale).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/Someone else changed this staff member/) } });
    note('stale edit', stale);
    expect(await read((tx) => s.getStaffById(tx, morgan.id))).toMatchObject({ displayName: 'Morgan Manager', status: 'active', updatedAt: at(30) });
    note('disable', await outcome(write((tx) => s.updateStaff(tx, robin.id, { status: 'disabled' }, at(32)))));
    note('unknown edit', await outcome(write((tx) => s.updateStaff(tx, 'staff-none', { status: 'disabled' }, at(33)))));
    note('admins after', await outcome(read((tx) => s.countActiveAdmins(tx))));
    note('list after', normalise(await read((tx) => s.listStaff(tx))));
    // A throw inside the transaction leaves nothing of it.
    await expect(
      write(async (tx) => {
        await s.updateStaff(tx, pat.id, { displayName: 'Half Written' }, at(34));
        throw new Error('the workstation gave up');
      }),
    ).rejects.toThrow('gave up');
    expect((await read((tx) => s.getStaffById(tx, pat.id)))?.displayName).toBe('Pat Privacy');
  });

  it.skipIf(skip)('keeps settings, preferences and the recovery key step, with the defaults for what was never set', async () => {
    const s = under.records.settings;
    note('defaults', await outcome(read((tx) => s.readSettings(tx))));
    note('write', await outcome(write((tx) => s.writeSettings(tx, { practiceName: 'Riverside Physical Therapy', practiceAddress: '12 Elm Street, Springfield', ageOfMajority: 19, timeZone: 'America/Chicago', practiceEmail: undefined }))));
    note('read', await outcome(read((tx) => s.readSettings(tx))));
    note('preferences never set', await outcome(read((tx) => s.readStaffPreferences(tx, pat.id))));
    note('language chosen', await outcome(write((tx) => s.writeStaffPreferences(tx, pat.id, { language: 'es' }))));
    note('theme chosen', await outcome(write((tx) => s.writeStaffPreferences(tx, pat.id, { theme: 'dark' }))));
    note('preferences', await outcome(read((tx) => s.readStaffPreferences(tx, pat.id))));
    note('damaged preferences', await outcome(write(async (tx) => {
      await s.writeSetting(tx, 'staffPreferences:staff-2', { language: 'tlh', theme: 42 });
      return s.readStaffPreferences(tx, robin.id);
    })));
    note('recovery confirmed at first', await outcome(read((tx) => s.recoveryKeyUnconfirmed(tx))));
    await write((tx) => s.markRecoveryKeyUnconfirmed(tx, at(40)));
    note('recovery unconfirmed', await outcome(read((tx) => s.recoveryKeyUnconfirmed(tx))));
    note('its value', await outcome(read((tx) => s.readSetting(tx, 'recoveryKeyUnconfirmedSince'))));
    note('confirming', await outcome(write((tx) => s.markRecoveryKeyConfirmed(tx))));
    note('recovery confirmed', await outcome(read((tx) => s.recoveryKeyUnconfirmed(tx))));
    note('confirming again', await outcome(write((tx) => s.markRecoveryKeyConfirmed(tx))));
    await write((tx) => s.writeSetting(tx, 'backupSchedule', { every: 'day', at: '18:00', folder: '/Volumes/Backup' }));
    note('keyed record', await outcome(read((tx) => s.readSetting(tx, 'backupSchedule'))));
    note('unknown key', await outcome(read((tx) => s.readSetting(tx, 'nothing'))));
    note('keys', await outcome(read((tx) => s.settingKeys(tx))));
  });

  it.skipIf(skip)('keeps the keyring: one per store, a slot per person and one recovery slot, each retired data key once', async () => {
    const k = under.records.keyring;
    note('no keyring', await outcome(read((tx) => k.readKeyring(tx))));
    note('slot before a keyring', await outcome(write((tx) => k.putSlot(tx, slot('early', 'staff-1')))));
    await write((tx) => k.createKeyring(tx, keyring));
    const created = await read((tx) => k.readKeyring(tx));
    expect(created).toEqual(keyring);
    note('created', normalise(created));
    note('created again', await outcome(write((tx) => k.createKeyring(tx, { ...keyring, storeId: 'another' }))));
    await write(async (tx) => {
      await k.putSlot(tx, slot('robin', 'staff-2'));
      await k.putSlot(tx, slot('admin, new password', 'staff-1'));
      await k.putSlot(tx, slot('new recovery key', null));
      await k.setAuditPublicKey(tx, b64('audit public key', 44));
    });
    const after = await read((tx) => k.readKeyring(tx));
    // The replaced slots went, the others stayed, and the new ones come last (the key file's order).
    expect(after?.slots.map((s) => s.id)).toEqual(['slot-robin', 'slot-admin, new password', 'slot-new recovery key']);
    note('after slots', normalise(after));

    const retired = crypto.createHash('sha256').update('the data key of epoch 1').digest();
    await write(async (tx) => {
      await k.retireDataKey(tx, 1, retired, at(50));
      await k.retireDataKey(tx, 1, Buffer.alloc(32, 7), at(51));
    });
    const kept = await read((tx) => k.retiredDataKey(tx, 1));
    expect(kept).toEqual(retired);
    note('retired key', normalise(kept));
    note('never retired', await outcome(read((tx) => k.retiredDataKey(tx, 9))));
  });
});

describe.skipIf(!pgAvailable)(`staff and sign-in material: both engines${pgSkipReason}`, () => {
  it('gave the same records, errors and defaults for the same inputs', () => {
    const sqlite = transcripts.get('sqlite');
    const postgres = transcripts.get('postgres');
    expect(sqlite?.length).toBeGreaterThan(35);
    for (const [i, entry] of (sqlite ?? []).entries()) expect(postgres?.[i]).toEqual(entry);
    expect(JSON.stringify(postgres)).toBe(JSON.stringify(sqlite));
  });
});

describe.skipIf(!pgAvailable)(`staff and sign-in material on the server alone${pgSkipReason}`, () => {
  const cluster = useThrowawayCluster();
  let owner: pg.Client;
  let app: pg.Client;
  const dataKey = crypto.randomBytes(32);
  const cipher = new FieldCipher([{ keyId: 1, dataKey }], 1);
  const records = createPgStaffRecords(cipher);
  const tx = async <T>(fn: () => Promise<T>) => {
    await app.query('BEGIN');
    try {
      const value = await fn();
      await app.query('COMMIT');
      return value;
    } catch (error) {
      await app.query('ROLLBACK');
      throw error;
    }
  };

  beforeAll(async () => {
    owner = new pg.Client({ connectionString: cluster().ownerUrl });
    app = new pg.Client({ connectionString: cluster().appUrl });
    await Promise.all([owner.connect(), app.connect()]);
    await createFoundationSchema(owner, cluster().appRole);
  }, 180_000);
  afterAll(async () => {
    await Promise.all([owner?.end(), app?.end()]);
  });

  it('rotates the keyring once from the epoch read: a second workstation rotating from the same epoch is refused', async () => {
    await tx(() => records.keyring.createKeyring(app, keyring));
    const kept = [slot('admin after rotation', 'staff-1')];
    await tx(() => rotateKeyringPg(app, 1, kept));
    await expect(tx(() => rotateKeyringPg(app, 1, [slot('lost', 'staff-9')]))).rejects.toMatchObject({ code: 'conflict' });
    const now = await tx(() => records.keyring.readKeyring(app));
    expect(now).toMatchObject({ keyEpoch: 2, slots: kept });
    // The server itself refuses an epoch going back or another store id, even from a direct statement.
    await expect(app.query('UPDATE keyring SET key_epoch = 1')).rejects.toThrow(/only moves forward/);
    await expect(app.query("UPDATE keyring SET store_id = 'other'")).rejects.toThrow(/keeps its store id/);
    await expect(owner.query('DELETE FROM keyring')).rejects.toThrow(/only moves forward|keeps its store id/);
  });

  it('gives the app role no right to delete staff, the keyring or retired keys, or to change the schema', async () => {
    await tx(() => records.staff.insertStaff(app, member(7, 'casey', 'Casey Clinician', 'frontdesk')));
    for (const statement of ['DELETE FROM staff', 'DELETE FROM keyring', 'DELETE FROM data_key_history', 'TRUNCATE settings', 'DROP TABLE key_slots', 'ALTER TABLE staff ADD COLUMN x text']) {
      await expect(app.query(statement), statement).rejects.toMatchObject({ code: expect.stringMatching(/^(42501|42P01)$/) });
    }
    // Edits raise the row version on the server, whatever wrote them.
    await tx(() => records.staff.updateStaff(app, 'staff-7', { role: 'admin' }, at(60)));
    expect((await owner.query("SELECT row_version FROM staff WHERE id = 'staff-7'")).rows[0]).toEqual({ row_version: 2 });
  });

  it('leaves no username, staff name, practice detail, preference or retired key in a pg_dump', async () => {
    const secrets = {
      username: 'wilhelmina.c',
      displayName: 'Wilhelmina Castellanos-Brisbane',
      practiceName: 'Zebulon Orthopaedic Rehabilitation',
      practiceAddress: '4471 Quixotic Lane, Unit 9B',
      practiceEmail: 'frontdesk@zebulon-rehab.example',
      practicePhone: '+1 555 867 5309',
      schedule: '/Volumes/Zebulon Backups',
    };
    const retired = crypto.randomBytes(32);
    await tx(async () => {
      await records.staff.insertStaff(app, { ...member(8, secrets.username, secrets.displayName, 'admin') });
      await records.staff.updateStaff(app, 'staff-8', { displayName: `${secrets.displayName} PT` }, at(61));
      await records.settings.writeSettings(app, { practiceName: secrets.practiceName, practiceAddress: secrets.practiceAddress, practiceEmail: secrets.practiceEmail, practicePhone: secrets.practicePhone });
      await records.settings.writeStaffPreferences(app, 'staff-8', { language: 'es', theme: 'dark' });
      await records.settings.writeSetting(app, 'backupSchedule', { folder: secrets.schedule });
      await records.keyring.retireDataKey(app, 2, retired, at(62));
    });
    expect(await tx(() => records.staff.getStaffByUsername(app, secrets.username))).toMatchObject({ displayName: `${secrets.displayName} PT` });

    const dump = cluster().dump().toLowerCase();
    expect(dump).toMatch(/copy public\.staff /);
    expect(dump).toContain('staffpreferences:staff-8');
    for (const secret of [...Object.values(secrets), 'Castellanos', '"theme"', '"dark"']) {
      expect(dump).not.toContain(secret.toLowerCase());
      expect(dump).not.toContain(Buffer.from(secret, 'utf8').toString('hex'));
    }
    expect(dump).not.toContain(retired.toString('hex'));
    expect(dump).not.toContain(dataKey.toString('hex'));
  });
});

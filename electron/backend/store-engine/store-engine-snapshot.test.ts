import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Patient } from '../../../shared/patients';
import { pgAvailable, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import type { SnapshotStoreEngine } from './store-engine';
import { storePaths } from '../data-dir';
import { Store } from '../store/store';
import { adminPassword, setUpStore } from '../testing/test-backend';
import { pgEngineUnderTest, sqliteEngineUnderTest, type EngineUnderTest } from './testing/engines-under-test';

/** `StoreEngine.snapshot` on both engines: writes go on and commit while one is held, and it does not see them. */

const at = '2026-12-01T10:00:00.000Z';
let serial = 900;
const newPatient = (lastName: string): Patient => ({
  id: `00000000-0000-4000-8000-${String(serial++).padStart(12, '0')}`,
  firstName: 'Snap',
  lastName,
  dateOfBirth: '1980-01-01',
  recordNumber: null,
  phone: null,
  email: null,
  city: null,
  createdAt: at,
  updatedAt: at,
});

const fieldsOf = ({ id: _id, createdAt: _c, updatedAt: _u, ...fields }: Patient, lastName: string) => ({ ...fields, lastName });

const engines: { name: 'sqlite' | 'postgres'; skip: boolean }[] = [
  { name: 'sqlite', skip: false },
  { name: 'postgres', skip: !pgAvailable },
];

describe.each(engines)('a snapshot of the $name engine', ({ name, skip }) => {
  const cluster = name === 'postgres' && !skip ? useThrowawayCluster() : null;
  let under: EngineUnderTest;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let engine: SnapshotStoreEngine<any>;
  beforeAll(async () => {
    if (skip) return;
    under = name === 'sqlite' ? sqliteEngineUnderTest() : await pgEngineUnderTest(cluster!());
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    engine = under.engine as SnapshotStoreEngine<any>;
  });
  afterAll(async () => {
    await under?.close();
  });

  it.skipIf(skip)('lets a write commit while it is held, and does not see it', async () => {
    const before = newPatient('Before');
    await engine.write((tx) => engine.records.patients.insertPatient(tx, before));
    const snapshot = await engine.snapshot();
    try {
      const during = newPatient('During');
      // Within a bounded time: a write queued behind the snapshot would never finish while it is held.
      const wrote = engine.write(async (tx) => {
        await engine.records.patients.insertPatient(tx, during);
        await engine.records.patients.updatePatient(tx, before.id, fieldsOf(before, 'Changed'), '2026-12-01T11:00:00.000Z');
        return 'committed';
      });
      const timeout = new Promise((resolve) => setTimeout(() => resolve('blocked'), 5000));
      expect(await Promise.race([wrote, timeout])).toBe('committed');
      // Committed: another transaction sees it.
      expect(await engine.read((tx) => engine.records.patients.getPatient(tx, during.id))).toMatchObject({ lastName: 'During' });
      expect(await engine.read((tx) => engine.records.patients.getPatient(tx, before.id))).toMatchObject({ lastName: 'Changed' });
      // The snapshot still reads the store as it was when it was taken.
      expect(await engine.records.patients.getPatient(snapshot.tx, during.id)).toBeUndefined();
      expect(await engine.records.patients.getPatient(snapshot.tx, before.id)).toMatchObject({ lastName: 'Before' });
    } finally {
      await snapshot.release();
    }
    await snapshot.release(); // twice is harmless
    // A new snapshot sees what committed.
    const later = await engine.snapshot();
    try {
      expect(await engine.records.patients.getPatient(later.tx, before.id)).toMatchObject({ lastName: 'Changed' });
    } finally {
      await later.release();
    }
  });

  it.skipIf(skip)('is read-only, and refused inside a transaction of the engine', async () => {
    const snapshot = await engine.snapshot();
    try {
      await expect(engine.records.patients.insertPatient(snapshot.tx, newPatient('Refused'))).rejects.toThrow();
    } finally {
      await snapshot.release();
    }
    await expect(engine.read(() => engine.snapshot())).rejects.toThrow(/inside another one/);
  });
});

describe("the Store's engine", () => {
  it('registers its snapshot with the Store while held, so a key rotation is refused meanwhile', async () => {
    const t = await setUpStore();
    t.backend.close();
    const [unlocked] = await Store.unlock(storePaths(t.dataDir), { username: 'admin', password: adminPassword });
    const store = Store.openWithKey(storePaths(t.dataDir), unlocked!.keyring, unlocked!.dataKey);
    try {
      const snapshot = await store.engine.snapshot();
      expect(store.heldSnapshots.has(snapshot.tx)).toBe(true);
      expect(() => store.rotateDataKey(() => true)).toThrow(/An audit export is running/);
      await snapshot.release();
      expect(store.heldSnapshots.size).toBe(0);
      expect(snapshot.tx.open).toBe(false);
    } finally {
      store.close();
      fs.rmSync(t.dataDir, { recursive: true, force: true });
    }
  });
});

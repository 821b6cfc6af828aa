import { describe, expect, it } from 'vitest';
import { completeTerms } from '../../shared/authorization/test-terms';
import type { EventPayload, RecordChange } from '../../shared/contract/contract-events';
import { storePaths } from './data-dir';
import { RecordChangeBatcher, type ChangeFeedLike } from './record-change-events';
import { readKeyring } from './store/keyring';
import { Store } from './store/store';
import { samplePatient, signAuthorization } from './testing/consent-flow';
import { adminPassword, rejection, setUpStore } from './testing/test-backend';

type Changed = EventPayload<'records.changed'>;

async function listeningPractice() {
  const events: Changed[] = [];
  const t = await setUpStore({ onEvent: (name, payload) => name === 'records.changed' && events.push(payload) });
  return { ...t, events };
}

/** The events one call caused: they are delivered before its result. */
async function eventsOf<T>(events: Changed[], work: () => Promise<T>): Promise<{ value: T; caused: Changed[] }> {
  const before = events.length;
  const value = await work();
  return { value, caused: events.slice(before) };
}

describe('records.changed from this backend’s own writes', () => {
  it('announces a committed insert with the table, the id and the kind, and no patient data', async () => {
    const p = await listeningPractice();
    const { value: patient, caused } = await eventsOf(p.events, () => p.call('patients.create', samplePatient));
    expect(caused).toHaveLength(1);
    expect(caused[0]!.resync).toBe(false);
    expect(caused[0]!.changes).toContainEqual({ table: 'patients', id: patient.id, kind: 'insert' });
    // The same call also fills the row's search keys (an update): still this row, still one event.
    expect(caused[0]!.changes.every((c) => c.table === 'patients' && c.id === patient.id)).toBe(true);
    expect(JSON.stringify(caused)).not.toContain(samplePatient.lastName);
    p.backend.close();
  });

  it('coalesces a burst: a signing, several rows and transactions, is one event per call', async () => {
    const p = await listeningPractice();
    const patient = await p.call('patients.create', samplePatient);
    const draft = await p.call('consents.createDraft', { patientId: patient.id, terms: completeTerms() });
    const { caused } = await eventsOf(p.events, () => signAuthorization(p.call, patient.id, completeTerms(), 'Maria Lopez', adminPassword));
    // signAuthorization is four calls (draft, patient mode, sign, witness): one event each at most.
    expect(caused.length).toBeLessThanOrEqual(4);
    const kinds = caused.flatMap((e) => e.changes).filter((c) => c.table === 'authorizations' && c.id !== draft.id).map((c) => c.kind);
    expect(kinds).toEqual(expect.arrayContaining(['insert', 'signed', 'final']));
    for (const event of caused) {
      const keys = event.changes.map((c) => `${c.table}/${c.id}/${c.kind}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
    p.backend.close();
  });

  it('announces a revocation as revoked', async () => {
    const p = await listeningPractice();
    const patient = await p.call('patients.create', samplePatient);
    const final = await signAuthorization(p.call, patient.id, completeTerms(), 'Maria Lopez', adminPassword);
    const today = new Date().toISOString().slice(0, 10);
    const { caused } = await eventsOf(p.events, () => p.call('consents.revoke', { id: final.id, receivedOn: today, method: 'mail', note: '', scan: null }));
    expect(caused).toHaveLength(1);
    expect(caused[0]!.changes).toContainEqual({ table: 'authorizations', id: final.id, kind: 'revoked' });
    p.backend.close();
  });

  it('announces staff accounts added, given another role and disabled, by id only', async () => {
    const p = await listeningPractice();
    const added = await eventsOf(p.events, () => p.call('staff.create', { username: 'jamie.rivera', displayName: 'Jamie Rivera', role: 'frontdesk', password: 'first password for jamie' }));
    const jamie = added.value;
    expect(added.caused).toHaveLength(1);
    expect(added.caused[0]!.changes).toEqual([{ table: 'staff', id: jamie.id, kind: 'insert' }]);
    const role = await eventsOf(p.events, () => p.call('staff.update', { id: jamie.id, role: 'marketing' }));
    expect(role.caused.flatMap((e) => e.changes)).toEqual([{ table: 'staff', id: jamie.id, kind: 'update' }]);
    const disabled = await eventsOf(p.events, () => p.call('staff.disable', { id: jamie.id }));
    expect(disabled.value.status).toBe('disabled');
    expect(disabled.caused.flatMap((e) => e.changes)).toContainEqual({ table: 'staff', id: jamie.id, kind: 'update' });
    // Only the account's id: never its username or name (the practice server's feed carries the same payloads).
    for (const event of [...added.caused, ...role.caused, ...disabled.caused]) {
      expect(JSON.stringify(event)).not.toMatch(/jamie\.rivera|Jamie|Rivera/i);
      expect(event.changes.every((c) => c.table === 'staff')).toBe(true);
    }
    // A refused change says nothing: the last administrator cannot lose the role.
    const admin = (await p.call('staff.list', {})).find((s) => s.role === 'admin')!;
    const refused = await eventsOf(p.events, async () => (await rejection(p.call('staff.update', { id: admin.id, role: 'marketing' }))).code);
    expect(refused.caused).toEqual([]);
    p.backend.close();
  });

  it('says nothing for a refused write', async () => {
    const p = await listeningPractice();
    await p.call('patients.create', samplePatient);
    const { caused } = await eventsOf(p.events, async () => (await rejection(p.call('patients.create', samplePatient))).code);
    expect(caused).toEqual([]);
    p.backend.close();
  });

  it('never announces a rolled-back transaction, and announces the next committed one', async () => {
    const p = await setUpStore();
    const patient = await p.call('patients.create', samplePatient);
    p.backend.close();
    const paths = storePaths(p.dataDir);
    const [unlocked] = await Store.unlock(paths, { username: 'admin', password: adminPassword });
    const store = Store.openWithKey(paths, readKeyring(paths.keyring)!, unlocked!.dataKey);
    try {
      const heard: RecordChange[][] = [];
      store.onCommittedChanges((changes) => heard.push(changes));
      expect(store.db.pragma('temp_store', { simple: true })).toBe(2); // MEMORY: the ids never reach a temp file
      expect(() =>
        store.write(() => {
          store.db.prepare("UPDATE patients SET updated_at = '2026-01-01T00:00:00.000Z' WHERE id = ?").run(patient.id);
          throw new Error('rolled back on purpose');
        }),
      ).toThrow('rolled back on purpose');
      store.flushCommittedChanges();
      expect(heard).toEqual([]);
      store.write(() => store.db.prepare("UPDATE patients SET updated_at = '2026-01-02T00:00:00.000Z' WHERE id = ?").run(patient.id));
      expect(heard).toEqual([[{ table: 'patients', id: patient.id, kind: 'update' }]]);
    } finally {
      store.close();
    }
  });
});

describe('the batcher', () => {
  function collecting() {
    const sent: Changed[] = [];
    let resolveNext: (() => void) | null = null;
    const batcher = new RecordChangeBatcher((_name, payload) => {
      sent.push(payload);
      resolveNext?.();
    }, 5);
    const next = () => new Promise<void>((resolve) => (resolveNext = resolve));
    return { sent, batcher, next };
  }

  it('sends each row and kind once per burst', () => {
    const { sent, batcher } = collecting();
    const change: RecordChange = { table: 'posts', id: 'p1', kind: 'update' };
    batcher.add([change, change, { ...change, kind: 'insert' }], false);
    batcher.add([change], false);
    batcher.flush();
    batcher.flush();
    expect(sent).toEqual([{ changes: [change, { ...change, kind: 'insert' }], resync: false }]);
  });

  it('asks for a resync instead of listing a burst too big for one event', () => {
    const { sent, batcher } = collecting();
    batcher.add(
      Array.from({ length: 500 }, (_, i) => ({ table: 'posts', id: `p${i}`, kind: 'update' }) as const),
      false,
    );
    batcher.flush();
    expect(sent).toEqual([{ changes: [], resync: true }]);
  });

  it('forwards a server feed’s notifications, gathered within its window, and its resync', async () => {
    const { sent, batcher, next } = collecting();
    let push: Parameters<ChangeFeedLike['subscribe']>[0] = () => undefined;
    const feed: ChangeFeedLike = {
      subscribe: (listener) => {
        push = listener;
        return () => undefined;
      },
    };
    batcher.follow(feed);
    let arrived = next();
    push({ type: 'change', change: { table: 'authorizations', id: 'a1', kind: 'revoked' } });
    push({ type: 'change', change: { table: 'posts', id: 'p1', kind: 'update' } });
    push({ type: 'disconnected', reason: 'gone' });
    await arrived;
    expect(sent).toEqual([
      {
        changes: [
          { table: 'authorizations', id: 'a1', kind: 'revoked' },
          { table: 'posts', id: 'p1', kind: 'update' },
        ],
        resync: false,
      },
    ]);
    arrived = next();
    push({ type: 'resync' });
    await arrived;
    expect(sent[1]).toEqual({ changes: [], resync: true });
    batcher.close();
  });
});

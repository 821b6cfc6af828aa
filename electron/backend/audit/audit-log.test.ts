import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../store/database';
import { Store } from '../store/store';
import { readKeyring } from '../store/keyring';
import { storePaths } from '../data-dir';
import { adminPassword, setUpStore } from '../testing/test-backend';
import { appendAudit, eventHash, listAudit, toEvent, verifyAuditChain, verifyAuditChainSince, type AuditRow } from './audit-log';

let store: Store;
let db: Db;

/** A real encrypted store with a few events, opened with its key the way an attacker with the key would. */
beforeEach(async () => {
  const { call, dataDir, backend } = await setUpStore();
  for (let i = 0; i < 3; i++) await call('settings.update', { idleMinutes: 10 + i });
  backend.close();
  const paths = storePaths(dataDir);
  const [unlocked] = await Store.unlock(paths, { username: 'admin', password: adminPassword });
  store = Store.openWithKey(paths, readKeyring(paths.keyring)!, unlocked!.dataKey);
  db = store.db;
});

afterEach(() => store.close());

const lastSeq = () => (db.prepare('SELECT max(seq) AS n FROM audit_events').get() as { n: number }).n;

describe('the audit chain', () => {
  it('is intact after normal use, and grows by one linked event per append', () => {
    const before = verifyAuditChain(db);
    expect(before.intact).toBe(true);
    appendAudit(db, { at: new Date().toISOString(), actorId: null, actorName: 'system', action: 'settings.updated' });
    const after = verifyAuditChain(db);
    expect(after).toMatchObject({ intact: true, events: before.events + 1 });
  });

  it('refuses updates and deletes through its triggers', () => {
    expect(() => db.prepare("UPDATE audit_events SET detail = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_events WHERE seq = 1').run()).toThrow(/append-only/);
  });

  it('names the event whose content was changed, even by one byte', () => {
    db.exec('DROP TRIGGER audit_events_no_update');
    const target = db.prepare('SELECT detail FROM audit_events WHERE seq = 3').get() as { detail: string };
    const changed = target.detail.slice(0, -1) + String.fromCharCode(target.detail.charCodeAt(target.detail.length - 1) ^ 1);
    db.prepare('UPDATE audit_events SET detail = ? WHERE seq = 3').run(changed);
    const result = verifyAuditChain(db);
    expect(result).toMatchObject({ intact: false, firstBadSeq: 3 });
    if (!result.intact) expect(result.problem).toMatch(/Event 3 was changed/);
  });

  it('detects the newest event being deleted, through the head kept outside the table', () => {
    const newest = lastSeq();
    db.exec('DROP TRIGGER audit_events_no_delete');
    db.prepare('DELETE FROM audit_events WHERE seq = ?').run(newest);
    const result = verifyAuditChain(db);
    expect(result).toMatchObject({ intact: false, firstBadSeq: newest });
    if (!result.intact) expect(result.problem).toMatch(new RegExp(`Event ${newest}, the newest, was deleted`));
  });

  it('detects an event removed from the middle', () => {
    db.exec('DROP TRIGGER audit_events_no_delete');
    db.prepare('DELETE FROM audit_events WHERE seq = 2').run();
    expect(verifyAuditChain(db)).toMatchObject({ intact: false, firstBadSeq: 2 });
  });

  it('lists newest first with filters and paging', () => {
    const all = listAudit(db, { limit: 500 });
    expect(all.events.map((e) => e.seq)).toEqual([...all.events.map((e) => e.seq)].sort((a, b) => b - a));
    // The three changes here, and the practice address the test store starts with.
    const settings = listAudit(db, { action: 'settings.', limit: 2 });
    expect(settings.total).toBe(4);
    expect(settings.events).toHaveLength(2);
    const older = listAudit(db, { action: 'settings.', limit: 2, beforeSeq: settings.events[1]!.seq });
    expect(older.events).toHaveLength(2);
    expect(listAudit(db, { actor: 'ADMIN', limit: 500 }).total).toBe(all.total);
    expect(listAudit(db, { action: '%', limit: 500 }).total).toBe(0);
    expect(listAudit(db, { from: '2999-01-01', limit: 10 }).total).toBe(0);
  });
});

describe('the audit chain walked from a point a full walk verified (status)', () => {
  const append = (n: number) => {
    for (let i = 0; i < n; i++) appendAudit(db, { at: new Date().toISOString(), actorId: null, actorName: 'system', action: 'settings.updated' });
  };
  const pointNow = () => {
    const full = verifyAuditChain(db);
    if (!full.intact) throw new Error('the test store should start intact');
    return { seq: full.headSeq, hash: full.headHash, at: '2026-12-01T10:00:00.000Z' };
  };

  it('answers as the full walk does, and says which events it took as verified', () => {
    const point = pointNow();
    append(3);
    const full = verifyAuditChain(db);
    const since = verifyAuditChainSince(db, point);
    expect(since).toEqual({ ...full, verifiedInFull: { seq: point.seq, at: point.at } });
    expect(verifyAuditChainSince(db, null)).toEqual(full);
  });

  it('finds a chain rewritten since, hashes and head made consistent, which a full walk alone takes as intact', () => {
    const point = pointNow();
    append(2);
    db.exec('DROP TRIGGER audit_events_no_update');
    // Event 2 edited and every later event hashed again, the head moved to match: a consistent forgery.
    let prev: string | null = null;
    for (const row of db.prepare('SELECT * FROM audit_events WHERE seq >= 2 ORDER BY seq').all() as AuditRow[]) {
      const event = toEvent(row);
      const edited = { ...event, prevHash: prev ?? event.prevHash, detail: event.seq === 2 ? 'nothing happened' : event.detail };
      const hash = eventHash(edited);
      db.prepare('UPDATE audit_events SET detail = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(edited.detail, edited.prevHash, hash, event.seq);
      prev = hash;
    }
    db.prepare('UPDATE audit_head SET hash = ? WHERE id = 1').run(prev);
    expect(verifyAuditChain(db).intact).toBe(true);
    const since = verifyAuditChainSince(db, point);
    expect(since).toMatchObject({ intact: false, firstBadSeq: point.seq });
    if (!since.intact) expect(since.problem).toMatch(/no longer has the hash the full check of 2026-12-01T10:00:00.000Z verified/);
  });

  it('names an event changed after the point, and a deleted newest one', () => {
    const point = pointNow();
    append(3);
    db.exec('DROP TRIGGER audit_events_no_update');
    db.prepare("UPDATE audit_events SET detail = 'edited' WHERE seq = ?").run(point.seq + 2);
    expect(verifyAuditChainSince(db, point)).toMatchObject({ intact: false, firstBadSeq: point.seq + 2 });
    db.exec('DROP TRIGGER audit_events_no_delete');
    db.prepare('DELETE FROM audit_events WHERE seq >= ?').run(point.seq + 2);
    expect(verifyAuditChainSince(db, point)).toMatchObject({ intact: false, firstBadSeq: point.seq + 2 });
  });

  it('does not read the events before the point: an older event edited with its hash untouched is the full check\'s to find', () => {
    const point = pointNow();
    db.exec('DROP TRIGGER audit_events_no_update');
    db.prepare("UPDATE audit_events SET detail = 'edited' WHERE seq = 2").run();
    expect(verifyAuditChainSince(db, point)).toMatchObject({ intact: true, verifiedInFull: { seq: point.seq } });
    expect(verifyAuditChain(db)).toMatchObject({ intact: false, firstBadSeq: 2 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../shared/audit';
import { AppError } from '../../../shared/errors';
import type { ConsentCore, EngineCore } from '../engine-core';
import { chainFieldsOf, handlerOutcome, conformanceEngines, type Entry } from '../store-engine/testing/conformance-transcript';
import { pgEngineUnderTest, sqliteEngineUnderTest, type EngineUnderTest } from '../store-engine/testing/engines-under-test';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import { auditHeadOf } from '../store-engine/testing/handler-harness';
import { storeHandlers } from './store-handlers';

/**
 * `store.confirmRecoveryKey` on BOTH engines: the confirmation and its
 * audit event in one engine write, nothing written when already confirmed,
 * nor when another workstation confirmed between the call's read and its
 * write; an audit append that fails leaves the key unconfirmed and no event.
 * The two engines' transcripts are compared byte for byte.
 */

const transcripts = new Map<string, Entry[]>();
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

type TestCore = EngineCore &
  Pick<ConsentCore, 'appState'> & {
    failNextAudit: boolean;
    appended: AuditEvent[];
    /** Run once before the next write transaction begins, outside any (what another workstation does between a read and a write). */
    beforeNextWrite: (() => Promise<unknown>) | null;
    /** Awaited once, inside the write, just after the next confirmation is written (its transaction held open). */
    holdAfterConfirm: (() => Promise<void>) | null;
  };

function testCore(under: EngineUnderTest): TestCore {
  let nextId = 0;
  let minute = 0;
  const inner = under.engine as EngineCore['engine'];
  const core: TestCore = {
    engine: {
      ...inner,
      read: (fn, options) => inner.read(fn, options),
      async write(fn, options) {
        const meanwhile = core.beforeNextWrite;
        core.beforeNextWrite = null;
        if (meanwhile) await meanwhile();
        return inner.write(fn, options);
      },
      close: () => inner.close(),
      records: {
        ...inner.records,
        settings: {
          ...inner.records.settings,
          async markRecoveryKeyConfirmed(tx) {
            const confirmed = await inner.records.settings.markRecoveryKeyConfirmed(tx);
            const hold = core.holdAfterConfirm;
            core.holdAfterConfirm = null;
            if (hold) await hold();
            return confirmed;
          },
        },
        audit: {
          ...inner.records.audit,
          async appendAudit(tx, entry) {
            const event = await inner.records.audit.appendAudit(tx, entry);
            core.appended.push(event);
            return event;
          },
        },
      },
    },
    failNextAudit: false,
    appended: [],
    beforeNextWrite: null,
    holdAfterConfirm: null,
    timeZone: 'America/Chicago',
    today: () => '2026-12-01',
    appState: () => ({ phase: 'test' }) as unknown as ReturnType<ConsentCore['appState']>,
    nowIso: () => new Date(Date.UTC(2026, 11, 1, 9, minute++)).toISOString(),
    newId: () => uuid(++nextId),
    auditActor: () => {
      if (core.failNextAudit) {
        core.failNextAudit = false;
        throw new AppError('internal', 'Injected failure after the handler wrote.');
      }
      return { actorId: uuid(100), actorName: 'pat' };
    },
    async afterPatientChange() {
      throw new AppError('internal', 'No patient changes here.');
    },
    async afterConsentChange() {
      throw new AppError('internal', 'No consent changes here.');
    },
  };
  return core;
}

describe.each(conformanceEngines)('store.confirmRecoveryKey on $name', ({ name, skip }) => {
  const cluster = name === 'postgres' && !skip ? useThrowawayCluster() : null;
  let under: EngineUnderTest;
  let core: TestCore;
  let empty: unknown;
  let pgPool: { query(sql: string): Promise<{ rows: { waiting: string }[] }> } | null = null;
  const log: Entry[] = [];
  const note = (label: string, value: unknown) => log.push([label, JSON.parse(JSON.stringify(value ?? '(nothing)'))]);

  beforeAll(async () => {
    if (skip) return;
    if (name === 'sqlite') under = sqliteEngineUnderTest({ staff: false, testTemplates: false });
    else {
      const pgUnder = await pgEngineUnderTest(cluster!());
      under = pgUnder;
      pgPool = pgUnder.pool;
    }
    core = testCore(under);
    empty = await auditHeadOf(under.engine, { at: '2026-12-01T08:00:00.000Z', action: 'store.recovery_key_confirmed' });
  }, 180_000);
  afterAll(async () => {
    await under?.close();
    if (!skip) transcripts.set(name, log);
  });

  const confirm = () => storeHandlers['store.confirmRecoveryKey'](core);
  const state = async () => ({
    events: core.appended.map(chainFieldsOf),
    head: await auditHeadOf(under.engine, { at: '2026-12-01T08:00:00.000Z', action: 'store.recovery_key_confirmed' }),
    unconfirmed: await under.engine.read((tx) => under.engine.records.settings.recoveryKeyUnconfirmed(tx)),
  });

  it.skipIf(skip)('writes nothing when the key is confirmed already', async () => {
    note('confirmed already', await handlerOutcome(confirm()));
    const after = await state();
    note('after', after);
    expect(after).toMatchObject({ events: [], unconfirmed: false, head: empty });
  });

  it.skipIf(skip)('an audit append that fails leaves the key unconfirmed and no event', async () => {
    await under.engine.write((tx) => under.engine.records.settings.markRecoveryKeyUnconfirmed(tx, '2026-12-01T08:30:00.000Z'));
    core.failNextAudit = true;
    const failed = await handlerOutcome(confirm());
    note('injected failure', failed);
    expect(failed).toMatchObject({ error: { code: 'internal' } });
    const after = await state();
    note('after failure', after);
    expect(after).toMatchObject({ events: [], unconfirmed: true, head: empty });
  });

  it.skipIf(skip)('confirms the key with its audit event, in one write, once', async () => {
    note('confirmed', await handlerOutcome(confirm()));
    note('again', await handlerOutcome(confirm()));
    const after = await state();
    note('after', after);
    expect(after.unconfirmed).toBe(false);
    expect(after.events.map((e) => e.action)).toEqual(['store.recovery_key_confirmed']);
  });

  it.skipIf(skip)('writes nothing when another workstation confirms between its read and its write', async () => {
    await under.engine.write((tx) => under.engine.records.settings.markRecoveryKeyUnconfirmed(tx, '2026-12-01T10:00:00.000Z'));
    const before = core.appended.length;
    // The call reads "unconfirmed"; before its write begins, another confirmation is kept with its own event.
    let meanwhile: unknown;
    core.beforeNextWrite = async () => (meanwhile = await handlerOutcome(confirm()));
    note('confirmed meanwhile', await handlerOutcome(confirm()));
    note('the other confirmation', meanwhile);
    const after = await state();
    note('after', after);
    expect(after.unconfirmed).toBe(false);
    // One event, the other confirmation's: the call's write checked again and kept nothing.
    expect(after.events.slice(before).map((e) => e.action)).toEqual(['store.recovery_key_confirmed']);
    const last = after.events.at(-1)!;
    expect(after.head).toEqual({ seq: last.seq + 1, prevHash: last.hash });
  });

  // The file's writes are one at a time (BEGIN IMMEDIATE behind the engine's mutex); on the server two workstations' writes overlap.
  it.skipIf(skip || name === 'sqlite')('confirms once, with one event, when two workstations confirm at the same moment', async () => {
    await under.engine.write((tx) => under.engine.records.settings.markRecoveryKeyUnconfirmed(tx, '2026-12-01T11:00:00.000Z'));
    const before = core.appended.length;
    // The first confirmation is written and its transaction held open until the second is seen waiting on the server.
    let written!: () => void;
    let release!: () => void;
    const firstWritten = new Promise<void>((resolve) => (written = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    core.holdAfterConfirm = async () => {
      written();
      await gate;
    };
    const first = handlerOutcome(confirm());
    await firstWritten;
    const second = handlerOutcome(confirm());
    const waiting = async () => Number((await pgPool!.query("SELECT count(*) AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")).rows[0]!.waiting);
    while ((await waiting()) === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    expect(await first).toEqual({ ok: { phase: 'test' } });
    expect(await second).toEqual({ ok: { phase: 'test' } });
    const after = await state();
    expect(after.unconfirmed).toBe(false);
    expect(after.events.slice(before).map((e) => e.action)).toEqual(['store.recovery_key_confirmed']);
    const last = after.events.at(-1)!;
    expect(after.head).toEqual({ seq: last.seq + 1, prevHash: last.hash });
  });
});

describe.skipIf(!pgAvailable)(`both engines${pgSkipReason}`, () => {
  it('gave the same answers and audit events to the same calls', () => {
    const sqlite = transcripts.get('sqlite');
    const postgres = transcripts.get('postgres');
    expect(sqlite?.length).toBeGreaterThan(5);
    for (const [i, entry] of (sqlite ?? []).entries()) expect(postgres?.[i]).toEqual(entry);
    expect(JSON.stringify(postgres)).toBe(JSON.stringify(sqlite));
  });
});

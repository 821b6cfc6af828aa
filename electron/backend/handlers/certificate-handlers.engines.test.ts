import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../shared/audit';
import { AppError } from '../../../shared/errors';
import type { ConsentCore, EngineCore } from '../engine-core';
import { chainFieldsOf, handlerOutcome, conformanceEngines, type Entry } from '../store-engine/testing/conformance-transcript';
import { pgEngineUnderTest, sqliteEngineUnderTest, type EngineUnderTest } from '../store-engine/testing/engines-under-test';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import { auditHeadOf } from '../store-engine/testing/handler-harness';
import { pkcs12Fixture } from '../testing/pkcs12-fixture';
import { certificateHandlers } from './certificate-handlers';

/**
 * `certificate.import` on BOTH engines: the activation and its audit event
 * in one engine write; an audit append that fails leaves no certificate and
 * no event. The two engines' transcripts are compared byte for byte.
 */

const transcripts = new Map<string, Entry[]>();
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const fixture = pkcs12Fixture();
const p12Base64 = fixture.p12.toString('base64');

type TestCore = EngineCore & Pick<ConsentCore, 'now'> & { failNextAudit: boolean; appended: AuditEvent[] };

function testCore(under: EngineUnderTest): TestCore {
  let nextId = 0;
  let minute = 0;
  const inner = under.engine as EngineCore['engine'];
  const core: TestCore = {
    engine: {
      ...inner,
      read: (fn, options) => inner.read(fn, options),
      write: (fn, options) => inner.write(fn, options),
      close: () => inner.close(),
      records: {
        ...inner.records,
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
    timeZone: 'America/Chicago',
    today: () => '2026-12-01',
    now: () => new Date(Date.UTC(2026, 11, 1, 9, 0)),
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

describe.each(conformanceEngines)('certificate.import on $name', ({ name, skip }) => {
  const cluster = name === 'postgres' && !skip ? useThrowawayCluster() : null;
  let under: EngineUnderTest;
  let core: TestCore;
  let empty: unknown;
  const log: Entry[] = [];
  const note = (label: string, value: unknown) => log.push([label, JSON.parse(JSON.stringify(value ?? '(nothing)'))]);

  beforeAll(async () => {
    if (skip) return;
    under = name === 'sqlite' ? sqliteEngineUnderTest({ staff: false, testTemplates: false }) : await pgEngineUnderTest(cluster!());
    core = testCore(under);
    empty = await auditHeadOf(under.engine, { at: '2026-12-01T08:00:00.000Z', action: 'certificate.imported' });
  }, 180_000);
  afterAll(async () => {
    await under?.close();
    if (!skip) transcripts.set(name, log);
  });

  const importIt = (input: { p12Base64: string; passphrase: string }) => certificateHandlers['certificate.import'](core, input);
  const state = async () => {
    const certificates = await under.engine.read((tx) => under.engine.records.practice.certificates.allCertificates(tx));
    return {
      events: core.appended.map(chainFieldsOf),
      head: await auditHeadOf(under.engine, { at: '2026-12-01T08:00:00.000Z', action: 'certificate.imported' }),
      fingerprints: certificates.map((c) => c.info.fingerprintSha256),
    };
  };

  it.skipIf(skip)('refuses an empty file and a wrong passphrase, writing nothing', async () => {
    note('empty', await handlerOutcome(importIt({ p12Base64: '', passphrase: '' })));
    note('wrong passphrase', await handlerOutcome(importIt({ p12Base64, passphrase: 'wrong' })));
    const after = await state();
    note('after refusals', after);
    expect(after).toMatchObject({ events: [], fingerprints: [], head: empty });
  });

  it.skipIf(skip)('an audit append that fails leaves no certificate and no event', async () => {
    core.failNextAudit = true;
    const failed = await handlerOutcome(importIt({ p12Base64, passphrase: fixture.passphrase }));
    note('injected failure', failed);
    expect(failed).toMatchObject({ error: { code: 'internal' } });
    const after = await state();
    note('after failure', after);
    expect(after).toMatchObject({ events: [], fingerprints: [], head: empty });
  });

  it.skipIf(skip)('activates the certificate with its audit event, in one write', async () => {
    const imported = await handlerOutcome(importIt({ p12Base64, passphrase: fixture.passphrase }));
    note('imported', imported);
    expect(imported).toHaveProperty('ok');
    const after = await state();
    note('after import', after);
    expect(after.fingerprints).toHaveLength(1);
    expect(after.events.map((e) => [e.action, e.detail])).toEqual([['certificate.imported', `SHA-256 ${after.fingerprints[0]}`]]);
    const active = await under.engine.read((tx) => under.engine.records.practice.certificates.activeCertificate(tx));
    expect(active?.info.fingerprintSha256).toBe(after.fingerprints[0]);
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

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../shared/audit';
import { builtInTemplates, type AuthorizationTemplate } from '../../../shared/authorization/template';
import { AppError } from '../../../shared/errors';
import type { EngineCore } from '../engine-core';
import { listTemplates } from '../repositories/template-repository';
import { createPgTemplateRepository } from '../store-pg/pg-practice-repository';
import { chainFieldsOf, handlerOutcome, type HandlerOutcome, conformanceEngines } from '../store-engine/testing/conformance-transcript';
import { pgEngineUnderTest, sqliteEngineUnderTest, type EngineUnderTest } from '../store-engine/testing/engines-under-test';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import { templateHandlers } from './template-handlers';
import { auditHeadOf, dispatcherFor } from '../store-engine/testing/handler-harness';

/**
 * The wording's handlers, ported onto the store engine, run on BOTH
 * engines: an encrypted SQLite file and a real PostgreSQL (a throwaway
 * cluster) that starts from the SQLite store's built-in versions, as
 * migrate-store copies them. Every answer, error and audit event goes into a
 * transcript, with the audit chain's head after each call (read by an
 * append that is rolled back); the last test compares the two engines'
 * transcripts byte for byte.
 */

type Entry = [string, unknown];
const transcripts = new Map<string, Entry[]>();

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

interface TestCore extends EngineCore {
  /** Make the next audit append fail (after the handler's own write in the same transaction). */
  failNextAudit: boolean;
}

function testCore(under: EngineUnderTest): TestCore {
  let nextId = 0;
  let minute = 0;
  const core: TestCore = {
    engine: under.engine,
    failNextAudit: false,
    timeZone: 'America/Chicago',
    today: () => '2026-12-01',
    nowIso: () => new Date(Date.UTC(2026, 11, 1, 9, minute++)).toISOString(),
    newId: () => uuid(++nextId),
    auditActor: () => {
      if (core.failNextAudit) {
        core.failNextAudit = false;
        throw new AppError('internal', 'Injected failure after the handler wrote.');
      }
      return { actorId: 'staff-admin', actorName: 'pat' };
    },
    async afterPatientChange() {
      throw new AppError('internal', 'No patient changes in the wording handlers.');
    },
    async afterConsentChange() {
      throw new AppError('internal', 'No consent changes in the wording handlers.');
    },
  };
  return core;
}

const engines = conformanceEngines;

/** The SQLite store's built-in versions, which the server starts from. */
let startingTemplates: AuthorizationTemplate[] = [];

describe.each(engines)('the wording handlers on $name', ({ name, skip }) => {
  const cluster = name === 'postgres' && !skip ? useThrowawayCluster() : null;
  let under: EngineUnderTest;
  let core: TestCore;
  const log: Entry[] = [];
  const note = (label: string, value: unknown) => log.push([label, JSON.parse(JSON.stringify(value ?? '(nothing)'))]);

  beforeAll(async () => {
    if (skip) return;
    if (name === 'sqlite') {
      const sqlite = sqliteEngineUnderTest({ testTemplates: false });
      startingTemplates = listTemplates(sqlite.db);
      under = sqlite;
    } else {
      expect(startingTemplates.length).toBeGreaterThan(1);
      const pg = await pgEngineUnderTest(cluster!());
      under = pg;
      const templates = createPgTemplateRepository(pg.cipher);
      await pg.engine.write(async (tx) => {
        for (const t of startingTemplates) await templates.importTemplate(tx, t);
      });
    }
    core = testCore(under);
  }, 180_000);
  afterAll(async () => {
    await under?.close();
    if (!skip) transcripts.set(name, log);
  });

  const call = dispatcherFor(templateHandlers, () => core);
  const head = () => auditHeadOf(under.engine, { at: '2026-12-01T08:00:00.000Z', action: 'template.published' });
  async function outcome(label: string, work: Promise<unknown>): Promise<HandlerOutcome> {
    const result = await handlerOutcome(work);
    note(label, result);
    note(`${label}: audit head`, await head());
    return result;
  }
  const auditOf = (subjectId: string) => under.engine.read((tx) => under.engine.records.audit.auditOfSubject(tx, subjectId)) as Promise<AuditEvent[]>;
  const listed = () => call('templates.list', {});

  it.skipIf(skip)(`lists the wording and refuses incomplete wording, audited, naming each element${name === 'postgres' ? pgSkipReason : ''}`, async () => {
    const start = await outcome('list', call('templates.list', {}));
    expect((start as { ok: AuthorizationTemplate[] }).ok.map((t) => [t.language, t.version, t.active])).toEqual([
      ['en', 1, true],
      ['es', 1, true],
    ]);
    const before = await head();
    const gap = { ...builtInTemplates.es, remuneration: { ...builtInTemplates.es.remuneration, body: builtInTemplates.es.remuneration.body.replace('{{payer}}', 'una empresa') }, title: '' };
    const refused = await outcome('publish incomplete wording', call('templates.publish', { language: 'es', text: gap }));
    expect(refused).toMatchObject({ error: { code: 'validation', message: expect.stringMatching(/cannot be published/), issues: expect.arrayContaining([{ path: 'text.remuneration.body', message: expect.stringContaining('{{payer}}') }]) } });
    expect((await head()).seq).toBe(before.seq + 1);
    expect(await listed()).toEqual((start as { ok: AuthorizationTemplate[] }).ok);
  });

  it.skipIf(skip)('publishes complete wording as the next, active version, keeping the old one', async () => {
    const revised = { ...builtInTemplates.en, intro: `${builtInTemplates.en.intro} Thank you.` };
    const v2 = await outcome('publish english v2', call('templates.publish', { language: 'en', text: revised }));
    expect(v2).toMatchObject({ ok: { id: uuid(1), language: 'en', version: 2, active: true, text: revised } });
    await outcome('publish spanish v2', call('templates.publish', { language: 'es', text: builtInTemplates.es }));
    await outcome('publish english v3', call('templates.publish', { language: 'en', text: builtInTemplates.en }));
    const all = await outcome('list after publishing', call('templates.list', {}));
    expect((all as { ok: AuthorizationTemplate[] }).ok.map((t) => [t.language, t.version, t.active])).toEqual([
      ['en', 3, true],
      ['en', 2, false],
      ['en', 1, false],
      ['es', 2, true],
      ['es', 1, false],
    ]);
  });

  it.skipIf(skip)('rolls back a publication that fails after its write: no version, the active one unchanged, no audit event', async () => {
    const before = await listed();
    const headBefore = await head();
    core.failNextAudit = true;
    const failed = await outcome('publish failing after the insert', call('templates.publish', { language: 'es', text: builtInTemplates.es }));
    expect(failed).toMatchObject({ error: { code: 'internal' } });
    expect(await listed()).toEqual(before);
    expect(await head()).toEqual(headBefore);
  });

  it.skipIf(skip)('wrote one audit event per publication, naming the language and version', async () => {
    for (const n of [1, 2, 3, 4]) note(`audit of template ${n}`, (await auditOf(uuid(n))).map(chainFieldsOf));
    expect((await auditOf(uuid(1))).map((e) => [e.action, e.actorName, e.detail])).toEqual([['template.published', 'pat', 'en v2']]);
    expect(await auditOf(uuid(4))).toEqual([]);
  });
});

describe.skipIf(!pgAvailable)(`both engines${pgSkipReason}`, () => {
  it('gave the same answers and audit events to the same calls', () => {
    const sqlite = transcripts.get('sqlite');
    const postgres = transcripts.get('postgres');
    expect(sqlite?.length).toBeGreaterThan(15);
    // Entry by entry first, so a difference names its step; then the whole, byte for byte.
    for (const [i, entry] of (sqlite ?? []).entries()) expect(postgres?.[i]).toEqual(entry);
    expect(JSON.stringify(postgres)).toBe(JSON.stringify(sqlite));
  });
});

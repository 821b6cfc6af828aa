import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../../../shared/calendar';
import { contract, type CallOutput, type ParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { postHandlers, type PostsCore } from '../handlers/post-handlers';
import type { PostStateChange } from '../program/incident-opening';
import type { Db } from '../store/database';
import { pgEngineUnderTest, sqliteEngineUnderTest, type EngineUnderTest } from '../store-engine/testing/engines-under-test';
import { chainFieldsOf, conformanceEngines, normalise, type Entry } from '../store-engine/testing/conformance-transcript';
import { patientRecord, signatureOf, terms } from '../store-pg/testing/pg-fixtures';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import { settleCoverage } from './kept-coverage';
import type { CheckContext } from './post-checks';
import { afterConsentChangeIn, afterPatientChangeIn, applyDayIn, rederiveIfRulesChangedIn, settleCoverageIn } from './post-checks-engine';
import { disclosureRulesVersion, disclosureRulesVersionKey } from './rederive';

/**
 * The backend's clock on the store engine, on BOTH engines: the day applied
 * to posts (`applyDayIn`: what the sweep at sign-in, at midnight and on the
 * minute runs) and the disclosures derived again when the rules are newer
 * than the store (`rederiveIfRulesChangedIn`, at open). An encrypted SQLite
 * file (its writes ending as the Store's do) and a real PostgreSQL (a
 * throwaway cluster) get the same calls on the same days; every answer,
 * post, kept verdict, audit event and incident goes into a transcript the
 * last test compares byte for byte.
 */

const transcripts = new Map<string, Entry[]>();
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const timeZone = 'America/New_York';
const practice = { name: 'Riverside PT', contact: { phone: '', email: '', website: '', address: '' } };
const patientId = uuid(101);
const consentId = uuid(201);
const testimonialId = uuid(301);
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
// The day the consent expires: from then on it covers nothing.
const expiresOn = '2027-01-15';

interface TestCore extends PostsCore {
  ctx: CheckContext;
  incidents: unknown[];
  failNextIncident: boolean;
}

function testCore(under: EngineUnderTest): TestCore {
  let ids = 0;
  let minute = 0;
  const core: TestCore = {
    engine: under.engine,
    timeZone,
    ctx: { today: '2026-12-01', timeZone, ageOfMajority: 18, practice },
    incidents: [],
    failNextIncident: false,
    today: () => core.ctx.today,
    nowIso: () => `${core.ctx.today}T15:${String(minute++ % 60).padStart(2, '0')}:00.000Z`,
    newId: () => uuid(++ids),
    auditActor: () => ({ actorId: 'staff-admin', actorName: 'pat' }),
    checkContext: () => core.ctx,
    takeCheck: () => undefined,
    dayOfInstant: (iso) => dayOf(new Date(iso), timeZone),
    requireSession: () => ({ id: 'staff-admin', displayName: 'Pat Privacy' }),
    afterPatientChange: (tx, change) => afterPatientChangeIn(core, tx, change),
    afterConsentChange: async (tx, change) => {
      await afterConsentChangeIn(core, tx, change);
    },
    async openIncidentForPostChange(_tx, change: PostStateChange) {
      if (core.failNextIncident) {
        core.failNextIncident = false;
        throw new AppError('internal', 'Injected failure while the incident opened.');
      }
      core.incidents.push({ postId: change.post.id, from: change.from, to: change.to, consent: change.consent?.id ?? null, reason: change.reason, at: change.at });
    },
  };
  return core;
}

describe.each(conformanceEngines)('the clock on $name', ({ name, skip }) => {
  const cluster = name === 'postgres' && !skip ? useThrowawayCluster() : null;
  let under: EngineUnderTest;
  let core: TestCore;
  const log: Entry[] = [];
  const note = (label: string, value: unknown) => log.push([label, normalise(value ?? '(nothing)')]);

  beforeAll(async () => {
    if (skip) return;
    if (name === 'sqlite') {
      under = sqliteEngineUnderTest({ hooks: { beforeCommit: (db: Db) => void settleCoverage(db, core.ctx) } });
    } else {
      let records: EngineUnderTest['engine']['records'] | null = null;
      const pg = await pgEngineUnderTest(cluster!(), { beforeCommit: async (tx) => void (await settleCoverageIn(records!, tx, core.ctx)) });
      records = pg.engine.records;
      under = pg;
    }
    core = testCore(under);
    const r = under.engine.records;
    const at = (m: number) => new Date(Date.UTC(2026, 11, 1, 10, m)).toISOString();
    const pdf = Buffer.from('%PDF-1.7 authorization of Ofelia Marchetti');
    await under.engine.write(async (tx) => {
      await r.patients.insertPatient(tx, { ...patientRecord({ firstName: 'Ofelia', lastName: 'Marchetti', dateOfBirth: '1969-03-11', city: 'Springfield' }, at(0)), id: patientId });
      await r.consents.insertDraft(tx, { id: consentId, patientId, templateId: 'template-1', terms: terms({ kind: 'date', date: expiresOn }), createdAt: at(1), createdBy: 'staff-frontdesk' });
      await r.consents.recordPatientSignature(tx, consentId, signatureOf('Ofelia Marchetti', 'The authorization text', at(2)));
      await r.consents.finalizeAuthorization(tx, consentId, { witnessId: 'staff-admin', witnessedAt: at(3), contentSha256: 'c'.repeat(64), pdf, pdfSha256: sha256(pdf) });
      await r.testimonials.insertTestimonial(tx, { id: testimonialId, patientId, title: 'Back on the bike', quote: 'I can ride to work again.', createdAt: at(4), createdBy: 'staff-marketing' });
    });
  }, 180_000);
  afterAll(async () => {
    await under?.close();
    if (!skip) transcripts.set(name, log);
  });

  async function call<K extends keyof typeof postHandlers>(callName: K, input: unknown): Promise<CallOutput<K>> {
    const handler = postHandlers[callName] as (core: PostsCore, input: ParsedInput<K>) => Promise<CallOutput<K>>;
    return handler(core, contract[callName].input.parse(input) as ParsedInput<K>);
  }
  const draft = (caption: string) => ({ testimonialId, consentId, channel: 'facebook', caption, mediaIds: [], purpose: 'advertising', thirdPartyPays: false });
  /** Every post's state and kept verdict, and its audit events with their hashes. */
  async function posts(label: string) {
    const seen = await under.engine.read(async (tx) => {
      const r = under.engine.records;
      const out = [];
      for (const n of [1, 2, 3]) {
        const p = await r.posts.getPost(tx, uuid(n));
        out.push({ id: uuid(n), state: p?.state, takedownReason: p?.takedownReason, kept: await r.coverage.keptVerdict(tx, uuid(n)), audit: (await r.audit.auditOfSubject(tx, uuid(n))).map(chainFieldsOf) });
      }
      return out;
    });
    note(label, seen);
    return seen;
  }
  const sweep = async (today: string) => {
    core.ctx = { ...core.ctx, today };
    return under.engine.write((tx) => applyDayIn(core, tx, core.nowIso()));
  };

  it.skipIf(skip)(`applies the day: what the consent stops covering comes down or goes back to draft, once${name === 'postgres' ? pgSkipReason : ''}`, async () => {
    const published = await call('posts.create', draft('Ofelia is back on her bike!'));
    await call('posts.approve', { id: published.id });
    await call('posts.publish', { id: published.id, publishedOn: '2026-12-01', url: 'https://www.facebook.com/riverside/posts/1' });
    const approved = await call('posts.create', draft('Back on the bike!'));
    await call('posts.approve', { id: approved.id });
    await call('posts.create', draft('Riding again.'));
    expect([published.id, approved.id]).toEqual([uuid(1), uuid(2)]);
    await posts('before');

    const lastCoveredDay = await sweep('2027-01-14');
    note('due on the last covered day', lastCoveredDay);
    expect((await posts('on the last covered day')).map((p) => p.state)).toEqual(['published', 'approved', 'draft']);
    expect(core.incidents).toEqual([]);

    // A failure after the sweep's writes (the take-down's incident) leaves every post, verdict and event as it was.
    const before = await posts('before a failing sweep');
    core.failNextIncident = true;
    await expect(sweep(expiresOn)).rejects.toMatchObject({ code: 'internal' });
    expect(await posts('after a failing sweep')).toEqual(before);

    const due = await sweep(expiresOn);
    note('due the day it expires', due);
    expect(due).toBe(3);
    const after = await posts('the day it expires');
    expect(after.map((p) => p.state)).toEqual(['takedown_required', 'draft', 'draft']);
    expect(after.map((p) => p.kept?.covered)).toEqual([false, false, false]);
    expect(after[0]!.audit.at(-1)).toMatchObject({ actorName: 'system', action: 'post.takedown_required' });
    expect(after[1]!.audit.at(-1)).toMatchObject({ actorName: 'system', action: 'post.approval_withdrawn' });
    note('incidents', core.incidents);
    // Every change is offered to the incidents (on the app, only the live post's opens one).
    expect(core.incidents).toMatchObject([
      { postId: uuid(2), from: 'approved', to: 'draft', consent: consentId },
      { postId: uuid(1), from: 'published', to: 'takedown_required', consent: consentId },
    ]);

    // The same day again, and the next minute: nothing is due and nothing changes.
    expect(await sweep(expiresOn)).toBe(0);
    expect(await posts('the same day again')).toEqual(after);
    expect(core.incidents).toHaveLength(2);
  });

  it.skipIf(skip)('derives the disclosures again only when the rules are newer than the store’s last derivation', async () => {
    const r = under.engine.records;
    const rederive = (version: number) => under.engine.write((tx) => rederiveIfRulesChangedIn(r, tx, core.ctx, version));
    const kept = () => under.engine.read((tx) => r.settings.readSetting(tx, disclosureRulesVersionKey));
    const derivedOf = async () => {
      const p = (await under.engine.read((tx) => r.posts.getPost(tx, uuid(3))))!;
      return { contentKinds: p.contentKinds, blockingIdentifiers: p.blockingIdentifiers, healthMentions: p.healthMentions };
    };
    // What another version of the rules would have left: nothing disclosed at all.
    await under.engine.write((tx) => r.posts.updateDisclosures(tx, uuid(3), { contentKinds: [], blockingIdentifiers: [], healthMentions: [] }));
    expect(await derivedOf()).toEqual({ contentKinds: [], blockingIdentifiers: [], healthMentions: [] });

    expect(await rederive(disclosureRulesVersion)).toBe(true);
    expect(await kept()).toBe(disclosureRulesVersion);
    const derived = await derivedOf();
    note('derived again', derived);
    expect(derived.contentKinds.length).toBeGreaterThan(0);
    expect(await rederive(disclosureRulesVersion)).toBe(false);
    expect(await rederive(disclosureRulesVersion - 1)).toBe(false);
    expect(await rederive(disclosureRulesVersion + 1)).toBe(true);
    note('kept version', await kept());
    expect(await kept()).toBe(disclosureRulesVersion + 1);
  });
});

describe.skipIf(!pgAvailable)(`both engines${pgSkipReason}`, () => {
  it('applied the same days and derived alike, to the byte', () => {
    const sqlite = transcripts.get('sqlite');
    const postgres = transcripts.get('postgres');
    expect(sqlite?.length).toBeGreaterThan(10);
    for (const [i, entry] of (sqlite ?? []).entries()) expect(postgres?.[i]).toEqual(entry);
    expect(JSON.stringify(postgres)).toBe(JSON.stringify(sqlite));
  });
});

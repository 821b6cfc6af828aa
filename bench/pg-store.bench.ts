/**
 * `npm run bench:pg [-- --consents N --posts N --writes N --pdf-kb N]`
 *
 * The PostgreSQL store beside the encrypted SQLite file (issue 15, item 6):
 * the same work on both engines, through the same engine code the app's
 * handlers run, each figure with its ratio to SQLite's.
 *
 * - audited writes: `patients.create` (the record-number and duplicate
 *   checks, the insert and its audit event, in one engine write), one after
 *   another;
 * - the coverage check of every post: `posts.checkChunk` pages of 500 until
 *   the last, as the Posts screen's whole-store check reads them (default
 *   50,000 posts);
 * - an export's reads: every signed authorization (default 10,000) in
 *   signing-chunk order with its signed PDF (`authorizationSummariesAfter`,
 *   `authorizationPdf`), each chunk in a read of its own. This is what the
 *   export reads from the store, not the zip and its signatures, which are
 *   the same work on both engines.
 *
 * The server is a throwaway cluster on this machine (a Unix socket, no TLS),
 * so the ratio is the engine's own cost (round trips, sealing and opening
 * fields on the workstation), not a network's: a practice server across a
 * LAN adds its round-trip time to every statement. The fixture is written
 * through the engines' records in transactions of 250, and its verdicts
 * settled as the app settles them; timing starts after. The load average is
 * printed beside each figure: on a shared machine the wall clock moves with
 * whatever else runs.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { dayOf } from '../shared/calendar';
import { contract, type ParsedInput } from '../shared/contract';
import { patientHandlers } from '../electron/backend/handlers/patient-handlers';
import { postHandlers, type PostsCore } from '../electron/backend/handlers/post-handlers';
import { settleCoverage } from '../electron/backend/posts/kept-coverage';
import type { CheckContext } from '../electron/backend/posts/post-checks';
import { afterConsentChangeIn, afterPatientChangeIn, settleCoverageIn } from '../electron/backend/posts/post-checks-engine';
import { openIncidentForPostChangeIn } from '../electron/backend/program/incident-opening';
import type { Db } from '../electron/backend/store/database';
import { pgEngineUnderTest, sqliteEngineUnderTest, type EngineUnderTest } from '../electron/backend/store-engine/testing/engines-under-test';
import { patientRecord, postRecord, signatureOf, terms } from '../electron/backend/store-pg/testing/pg-fixtures';
import { findPgBinaries, startPgTestCluster } from '../scripts/pg-test-cluster.mjs';

const { values } = parseArgs({
  options: {
    consents: { type: 'string', default: '10000' },
    posts: { type: 'string', default: '50000' },
    writes: { type: 'string', default: '300' },
    'pdf-kb': { type: 'string', default: '40' },
  },
});
const consentCount = Number(values.consents);
const postCount = Number(values.posts);
const writeCount = Number(values.writes);
const pdfBytes = Number(values['pdf-kb']) * 1024;
for (const [name, n] of Object.entries({ consents: consentCount, posts: postCount, writes: writeCount, 'pdf-kb': pdfBytes })) {
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number.`);
}

const today = '2026-12-01';
const timeZone = 'America/New_York';
const ctx: CheckContext = { today, timeZone, ageOfMajority: 18, practice: { name: 'Riverside PT', contact: { phone: '', email: '', website: '', address: '' } } };
const load = () => os.loadavg()[0]!.toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

interface Figures {
  seedMs: number;
  writeMedianMs: number;
  writeP95Ms: number;
  writesPerSecond: number;
  checkMs: number;
  checkedPosts: number;
  exportReadMs: number;
  exportedBytes: number;
  loads: string[];
}

function coreFor(under: EngineUnderTest): PostsCore {
  let minute = 0;
  const core: PostsCore = {
    engine: under.engine,
    timeZone,
    today: () => today,
    nowIso: () => new Date(Date.UTC(2026, 11, 1, 14, 0, 0, minute++)).toISOString(),
    newId: () => crypto.randomUUID(),
    auditActor: () => ({ actorId: 'staff-admin', actorName: 'pat' }),
    checkContext: () => ctx,
    takeCheck: () => undefined,
    dayOfInstant: (iso) => dayOf(new Date(iso), timeZone),
    requireSession: () => ({ id: 'staff-admin', displayName: 'Pat Privacy' }),
    afterPatientChange: (tx, change) => afterPatientChangeIn(core, tx, change),
    afterConsentChange: async (tx, change) => void (await afterConsentChangeIn(core, tx, change)),
    openIncidentForPostChange: async (tx, change) => void (await openIncidentForPostChangeIn(core, tx, change)),
  };
  return core;
}

/** The same fixture on either engine: one patient, signed consent and testimonial per consent; the posts spread over them. */
async function seed(under: EngineUnderTest): Promise<{ ms: number }> {
  const r = under.engine.records;
  const start = performance.now();
  const pdf = crypto.randomBytes(pdfBytes);
  const pdfSha256 = crypto.createHash('sha256').update(pdf).digest('hex');
  const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  const id = (kind: number, i: number) => `00000000-0000-4000-${String(kind).padStart(4, '0')}-${String(i).padStart(12, '0')}`;
  const batch = 250;
  for (let from = 0; from < consentCount; from += batch) {
    await under.engine.write(async (tx) => {
      for (let i = from; i < Math.min(consentCount, from + batch); i += 1) {
        const patientId = id(1, i);
        const consentId = id(2, i);
        await r.patients.insertPatient(tx, { ...patientRecord({ firstName: `Ofelia${i}`, lastName: `Marchetti${i % 97}`, dateOfBirth: '1969-03-11', city: 'Springfield' }, at(i)), id: patientId });
        await r.consents.insertDraft(tx, { id: consentId, patientId, templateId: 'template-1', terms: terms({ kind: 'date', date: '2027-06-01' }), createdAt: at(i), createdBy: 'staff-frontdesk' });
        await r.consents.recordPatientSignature(tx, consentId, signatureOf(`Ofelia${i} Marchetti${i % 97}`, 'The authorization text', at(i)));
        await r.consents.finalizeAuthorization(tx, consentId, { witnessId: 'staff-admin', witnessedAt: at(i), contentSha256: 'c'.repeat(64), pdf, pdfSha256 });
        await r.testimonials.insertTestimonial(tx, { id: id(3, i), patientId, title: 'Back on the bike', quote: 'I can ride to work again.', createdAt: at(i), createdBy: 'staff-marketing' });
      }
    });
  }
  for (let from = 0; from < postCount; from += batch) {
    await under.engine.write(async (tx) => {
      for (let i = from; i < Math.min(postCount, from + batch); i += 1) {
        const c = i % consentCount;
        // Every fifth post on another channel than the consent names: uncovered, so the check has reasons to give.
        const post = { ...postRecord({ id: id(4, i), testimonialId: id(3, c), patientId: id(1, c), consentId: id(2, c), caption: 'Back on the bike, and loving it!', at: at(i) }), contentKinds: ['written_testimonial' as const] };
        await r.posts.insertPost(tx, i % 5 === 4 ? { ...post, channel: 'tiktok' } : post, 'staff-marketing');
      }
    });
  }
  return { ms: performance.now() - start };
}

async function measure(under: EngineUnderTest): Promise<Figures> {
  const loads: string[] = [];
  const { ms: seedMs } = await seed(under);
  const core = coreFor(under);

  loads.push(load());
  const create = patientHandlers['patients.create'] as (core: PostsCore, input: ParsedInput<'patients.create'>) => Promise<unknown>;
  const writes: number[] = [];
  const writesStart = performance.now();
  for (let i = 0; i < writeCount; i += 1) {
    const input = contract['patients.create'].input.parse({ firstName: `Bruno${i}`, lastName: 'Okafor', dateOfBirth: '1990-07-30', recordNumber: `MRN-${i}` });
    const s = performance.now();
    await create(core, input);
    writes.push(performance.now() - s);
  }
  const writesSeconds = (performance.now() - writesStart) / 1000;

  loads.push(load());
  const checkChunk = postHandlers['posts.checkChunk'];
  let after: { createdAt: string; id: string } | null = null;
  let checkedPosts = 0;
  const checkStart = performance.now();
  for (;;) {
    const chunk = await checkChunk(core, contract['posts.checkChunk'].input.parse({ after, limit: 500 }));
    checkedPosts += chunk.rows.length;
    if (!chunk.next) break;
    after = chunk.next;
  }
  const checkMs = performance.now() - checkStart;

  loads.push(load());
  const r = under.engine.records;
  let exportedBytes = 0;
  let cursor: { createdAt: string; id: string } | null = null;
  const exportStart = performance.now();
  for (;;) {
    const found = await under.engine.read(async (tx) => {
      const rows = await r.consents.authorizationSummariesAfter(tx, cursor, 500, today);
      for (const row of rows) exportedBytes += (await r.consents.authorizationPdf(tx, row.id))?.length ?? 0;
      return rows;
    });
    if (found.length < 500) break;
    const last = found.at(-1)!;
    cursor = { createdAt: last.createdAt, id: last.id };
  }
  const exportReadMs = performance.now() - exportStart;
  loads.push(load());
  return { seedMs, writeMedianMs: median(writes), writeP95Ms: p95(writes), writesPerSecond: writeCount / writesSeconds, checkMs, checkedPosts, exportReadMs, exportedBytes, loads };
}

async function main(): Promise<void> {
  if (!findPgBinaries()) {
    console.log('bench:pg skipped: PostgreSQL is not installed here (apt-get install -y postgresql, or set PG_BIN_DIR).');
    return;
  }
  console.log(`PostgreSQL store beside SQLite: ${consentCount.toLocaleString('en-US')} signed authorizations (PDF ${pdfBytes / 1024} KiB each), ${postCount.toLocaleString('en-US')} posts, ${writeCount} audited writes; ${os.cpus().length} cores, load ${load()}`);

  const sqlite = sqliteEngineUnderTest({ hooks: { beforeCommit: (db: Db) => void settleCoverage(db, ctx) } });
  let sqliteFigures: Figures;
  try {
    sqliteFigures = await measure(sqlite);
  } finally {
    await sqlite.close();
  }

  const cluster = startPgTestCluster();
  let pgFigures: Figures;
  try {
    let records: EngineUnderTest['engine']['records'] | null = null;
    const pg = await pgEngineUnderTest(cluster, { beforeCommit: async (tx) => void (await settleCoverageIn(records!, tx, ctx)) });
    records = pg.engine.records;
    try {
      pgFigures = await measure(pg);
    } finally {
      await pg.close();
      await pg.pool.end().catch(() => undefined);
    }
  } finally {
    cluster.stop();
  }

  for (const [what, f] of [['SQLite', sqliteFigures], ['PostgreSQL', pgFigures]] as const) {
    if (f.checkedPosts !== postCount) throw new Error(`${what}: the check saw ${f.checkedPosts} posts, not ${postCount}.`);
    if (f.exportedBytes !== consentCount * pdfBytes) throw new Error(`${what}: the export read ${f.exportedBytes} bytes of PDFs, not ${consentCount * pdfBytes}.`);
  }
  const ms = (x: number) => `${x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1)} ms`;
  const ratio = (pg: number, sq: number) => `${(pg / sq).toFixed(1)}×`;
  const rows: [string, string, string, string][] = [
    ['fixture written and settled', ms(sqliteFigures.seedMs), ms(pgFigures.seedMs), ratio(pgFigures.seedMs, sqliteFigures.seedMs)],
    ['audited write (patients.create), median', ms(sqliteFigures.writeMedianMs), ms(pgFigures.writeMedianMs), ratio(pgFigures.writeMedianMs, sqliteFigures.writeMedianMs)],
    ['audited write, 95th percentile', ms(sqliteFigures.writeP95Ms), ms(pgFigures.writeP95Ms), ratio(pgFigures.writeP95Ms, sqliteFigures.writeP95Ms)],
    ['audited writes a second, one workstation', sqliteFigures.writesPerSecond.toFixed(0), pgFigures.writesPerSecond.toFixed(0), ratio(sqliteFigures.writesPerSecond, pgFigures.writesPerSecond)],
    [`coverage check of ${postCount.toLocaleString('en-US')} posts (checkChunk pages of 500)`, ms(sqliteFigures.checkMs), ms(pgFigures.checkMs), ratio(pgFigures.checkMs, sqliteFigures.checkMs)],
    [`export's reads: ${consentCount.toLocaleString('en-US')} authorizations with their PDFs`, ms(sqliteFigures.exportReadMs), ms(pgFigures.exportReadMs), ratio(pgFigures.exportReadMs, sqliteFigures.exportReadMs)],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`\n${'work'.padEnd(width)}  ${'SQLite'.padStart(10)}  ${'PostgreSQL'.padStart(12)}  time on PostgreSQL / on SQLite`);
  for (const [what, a, b, c] of rows) console.log(`${what.padEnd(width)}  ${a.padStart(10)}  ${b.padStart(12)}  ${c}`);
  console.log(`\nload average at each step: SQLite ${sqliteFigures.loads.join(', ')}; PostgreSQL ${pgFigures.loads.join(', ')}`);
}

await main();

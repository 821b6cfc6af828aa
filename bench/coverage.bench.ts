/**
 * `npm run bench:coverage [-- --consents N --posts N --runs N --blobs app|none --cache-mb N --dir DIR]`
 *
 * Checking every post against its consent: `checkAllPosts(db, ctx)` (two
 * reads, every consent's scope columns and every post's own columns, then
 * the pure coverage rule for each post) on a real encrypted store, against
 * the same two queries alone, returning the same rows with `.all()` and no
 * rule: the ratio is what the rule costs on top of reading the data.
 * Before timing, every verdict is compared with the plain path the app
 * takes when it reconciles posts (each post's row, its consent read alone, the
 * rule).
 *
 * The fixture is written straight into the store with SQL, in one
 * transaction: it is a benchmark fixture, not something the app would do.
 * Authorizations carry what the app stores with each one (signature image,
 * strokes, the text shown and the signed PDF, sized like the demo store's,
 * or nothing with `--blobs none`): the reads must not walk those.
 *
 * Timings are wall-clock; the process's CPU time is printed beside the
 * check's, with the load average, because on a shared machine the wall
 * clock moves with whatever else runs. `--cache-mb` sets SQLite's page
 * cache for the run (the store's default is the driver's 16 MB).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AuthorizationTerms, Channel, ContentKind, Purpose } from '../shared/authorization/scope';
import { addDaysTo, dayOf } from '../shared/calendar';
import type { PostState } from '../shared/posts/post';
import { createBackend } from '../electron/backend/backend';
import { storePaths } from '../electron/backend/data-dir';
import { allPostsQuery, allScopesQuery, checkAllPosts, judgedOf, verdictOf, type CheckContext } from '../electron/backend/posts/post-checks';
import { emptyPracticeContact } from '../shared/settings';
import { scopeView } from '../electron/backend/repositories/consent-scope-repository';
import { listPosts } from '../electron/backend/repositories/post-repository';
import { Store } from '../electron/backend/store/store';
import { testKdf } from '../electron/backend/testing/test-backend';

const { values } = parseArgs({
  options: {
    consents: { type: 'string', default: '10000' },
    posts: { type: 'string', default: '50000' },
    runs: { type: 'string', default: '5' },
    blobs: { type: 'string', default: 'app' },
    'cache-mb': { type: 'string' },
    dir: { type: 'string' },
  },
  strict: true,
});
const count = (name: 'consents' | 'posts' | 'runs') => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number`);
  return n;
};
const consentCount = count('consents');
const postCount = count('posts');
const runs = count('runs');
if (values.blobs !== 'app' && values.blobs !== 'none') throw new Error('--blobs must be "app" or "none"');
const withBlobs = values.blobs === 'app';
const cacheMb = values['cache-mb'] === undefined ? null : Number(values['cache-mb']);
if (cacheMb !== null && !(Number.isInteger(cacheMb) && cacheMb > 0)) throw new Error('--cache-mb must be a positive whole number');
const workDir = fs.mkdtempSync(path.join(values.dir ? path.resolve(values.dir) : os.tmpdir(), 'consent-desk-bench-coverage-'));
const password = 'benchmark password, long enough';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** A deterministic pseudo-random sequence, so every run builds the same fixture. */
function random(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1664525 + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}



/** Sizes of what the app stores with a signed authorization, as measured in the demo store. */
const blobSizes = { signaturePng: 1_600, strokes: 6_950, textShown: 2_000, pdf: 21_000 };

function buildFixture(db: Store['db'], today: string): { consents: Record<string, number>; posts: Record<PostState, number> } {
  const rand = random(20261129);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const staffId = (db.prepare("SELECT id FROM staff WHERE username = 'admin'").get() as { id: string }).id;
  const templates = db.prepare('SELECT id, language FROM templates WHERE active = 1').all() as { id: string; language: 'en' | 'es' }[];
  const at = new Date().toISOString();
  const blob = (n: number) => (withBlobs ? crypto.randomBytes(n) : Buffer.alloc(1));
  const text = (n: number) => (withBlobs ? 'x'.repeat(n) : 'x');

  const insertPatient = db.prepare(
    `INSERT INTO patients (id, first_name, last_name, date_of_birth, record_number, phone, email, city, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?)`,
  );
  const insertAuthorization = db.prepare(
    `INSERT INTO authorizations (id, patient_id, template_id, terms, stage, created_at, created_by, updated_at,
       signed_at, signer_name, signature_png, signature_strokes, signature_canvas, esign_agreed, workstation, text_shown, text_sha256,
       witness_id, witnessed_at, content_sha256, pdf, pdf_sha256, revoked_at, revocation_received_on, revocation_method, revoked_by,
       expiration_event_at, expiration_event_on, expiration_event_by)
     VALUES (@id, @patientId, @templateId, @terms, 'final', @at, @staffId, @at,
       @signedAt, @signer, @png, @strokes, '{"width":600,"height":200}', 1, 'bench', @textShown, @hash,
       @staffId, @signedAt, @hash, @pdf, @hash, @revokedAt, @revokedOn, @revokedMethod, @revokedBy,
       @eventAt, @eventOn, @eventBy)`,
  );
  const insertTestimonial = db.prepare(
    'INSERT INTO testimonials (id, patient_id, title, quote, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertPost = db.prepare(
    `INSERT INTO posts (id, testimonial_id, patient_id, consent_id, channel, caption, media_ids, purpose, third_party_pays,
       extra_content_kinds, content_kinds, state, created_at, created_by, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, '[]', ?, ?, '[]', ?, ?, ?, ?, ?)`,
  );

  const firstNames = ['Maria', 'James', 'Lucía', 'Wei', 'Aisha', 'Daniel', 'Priya', 'José', 'Grace', 'Minh'];
  const lastNames = ['Lopez', 'Smith', 'Fernández', 'Chen', 'Okafor', 'Kowalski', 'Raman', 'Hernández', 'Brooks', 'Nguyễn'];
  const kinds: ContentKind[] = ['written_testimonial', 'first_name', 'full_name', 'photographs', 'video', 'before_after_images'];
  const channels: Channel[] = ['facebook', 'instagram', 'website', 'youtube', 'email_newsletter', 'tiktok'];
  const purposes: Purpose[] = ['advertising', 'patient_education', 'community_awareness'];
  const consents: Record<string, number> = {};
  const posts: Record<PostState, number> = { draft: 0, approved: 0, published: 0, takedown_required: 0, taken_down: 0 };
  const states: PostState[] = ['draft', 'draft', 'approved', 'published', 'published', 'published', 'published', 'takedown_required', 'taken_down', 'taken_down'];

  const patientCount = Math.ceil(consentCount / 2);
  const patientIds: string[] = [];
  for (let i = 0; i < patientCount; i++) {
    const id = crypto.randomUUID();
    patientIds.push(id);
    insertPatient.run(id, pick(firstNames), pick(lastNames), '1980-01-01', `BENCH-${i}`, 'Riverside', at, at);
  }
  const consentRows: { id: string; patientId: string; terms: AuthorizationTerms; testimonialId: string }[] = [];
  for (let i = 0; i < consentCount; i++) {
    const id = crypto.randomUUID();
    const patientId = patientIds[i % patientCount]!;
    const template = templates[i % 10 === 0 ? 1 % templates.length : 0]!;
    const kind = rand();
    // Mostly in effect; some revoked, expired by date, ended by an event, expiring soon.
    const status = kind < 0.7 ? 'active' : kind < 0.8 ? 'revoked' : kind < 0.9 ? 'expired' : kind < 0.95 ? 'event' : 'expiring_soon';
    consents[status] = (consents[status] ?? 0) + 1;
    const terms: AuthorizationTerms = {
      language: template.language,
      scope: {
        contentKinds: kinds.filter(() => rand() < 0.6),
        channels: channels.filter(() => rand() < 0.5),
        otherChannels: rand() < 0.05 ? ['Practice podcast'] : [],
        purposes: purposes.filter(() => rand() < 0.6),
        otherPurposes: [],
      },
      expiration:
        status === 'event'
          ? { kind: 'event', event: 'When I am no longer a patient of the practice' }
          : { kind: 'date', date: addDaysTo(today, status === 'expired' ? -Math.ceil(rand() * 300) : status === 'expiring_soon' ? Math.ceil(rand() * 30) : 31 + Math.ceil(rand() * 700)) },
      remuneration: rand() < 0.1 ? { thirdPartyPays: true, payer: 'Summit Orthotics Inc.' } : { thirdPartyPays: false, payer: '' },
      representative: null,
      combinedWith: [],
    };
    const signedAt = `${addDaysTo(today, -400 + Math.floor(rand() * 300))}T10:00:00.000Z`;
    insertAuthorization.run({
      id,
      patientId,
      templateId: template.id,
      terms: JSON.stringify(terms),
      at,
      staffId,
      signedAt,
      signer: 'Bench Patient',
      png: blob(blobSizes.signaturePng),
      strokes: text(blobSizes.strokes),
      textShown: text(blobSizes.textShown),
      hash: crypto.randomBytes(32).toString('hex'),
      pdf: blob(blobSizes.pdf),
      revokedAt: status === 'revoked' ? at : null,
      revokedOn: status === 'revoked' ? today : null,
      revokedMethod: status === 'revoked' ? 'mail' : null,
      revokedBy: status === 'revoked' ? staffId : null,
      eventAt: status === 'event' && rand() < 0.5 ? at : null,
      eventOn: null,
      eventBy: null,
    });
    const testimonialId = crypto.randomUUID();
    insertTestimonial.run(testimonialId, patientId, 'Benchmark testimonial', 'It helped a lot.', at, staffId, at);
    consentRows.push({ id, patientId, terms, testimonialId });
  }
  for (let i = 0; i < postCount; i++) {
    const consent = consentRows[i % consentRows.length]!;
    const state = pick(states);
    posts[state] += 1;
    // Mostly what the consent covers; sometimes a channel or a kind outside it.
    const used = consent.terms.scope.contentKinds.filter(() => rand() < 0.7);
    if (rand() < 0.1) used.push(pick(kinds));
    const channel = rand() < 0.85 && consent.terms.scope.channels.length ? pick(consent.terms.scope.channels) : pick(channels);
    const purpose = rand() < 0.9 && consent.terms.scope.purposes.length ? pick(consent.terms.scope.purposes) : pick(purposes);
    insertPost.run(
      crypto.randomUUID(),
      consent.testimonialId,
      consent.patientId,
      rand() < 0.01 ? null : consent.id,
      channel,
      'Benchmark caption.',
      purpose,
      rand() < 0.05 ? 1 : 0,
      JSON.stringify([...new Set(used)].sort()),
      state,
      at,
      staffId,
      at,
    );
  }
  return { consents, posts };
}

try {
  const dataDir = path.join(workDir, 'store');
  const today = dayOf(new Date(), 'UTC');
  const ctx: CheckContext = { today, timeZone: 'UTC', ageOfMajority: 18, practice: { name: 'Benchmark Practice', contact: emptyPracticeContact } };
  // A real store: set up through the backend (keyring, AEGIS, schema, templates, an administrator).
  const setup = createBackend({ dataDir, kdf: testKdf, workstation: 'bench' });
  const created = await setup.invoke('setup.create', { practiceName: 'Benchmark Practice', adminUsername: 'admin', adminDisplayName: 'Bench Admin', password });
  if (!created.ok) throw new Error(created.error.message);
  setup.close();
  const paths = storePaths(dataDir);
  const [unlocked] = await Store.unlock(paths, { username: 'admin', password });
  if (!unlocked) throw new Error('unlock failed');
  const store = Store.openWithKey(paths, unlocked.keyring, unlocked.dataKey);

  console.log(`Consent Desk coverage benchmark (${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}; store in ${workDir})`);
  let start = performance.now();
  const mix = store.write(() => buildFixture(store.db, today));
  const fixtureMs = performance.now() - start;
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  const bytes = fs.statSync(paths.database).size;
  console.log(
    `Fixture: ${consentCount.toLocaleString('en-US')} signed consents, ${postCount.toLocaleString('en-US')} posts, ` +
      `${Math.ceil(consentCount / 2).toLocaleString('en-US')} patients, ${consentCount.toLocaleString('en-US')} testimonials; ` +
      `inserted in one transaction in ${(fixtureMs / 1000).toFixed(1)} s; store ${(bytes / 1024 / 1024).toFixed(0)} MB (${cipherOf(unlocked.keyring.cipher)}).`,
  );
  console.log(`  consents: ${Object.entries(mix.consents).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  console.log(`  posts:    ${Object.entries(mix.posts).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  console.log(
    `  blobs per consent: ${withBlobs ? `signature PNG ${blobSizes.signaturePng} B, strokes ${blobSizes.strokes} B, text ${blobSizes.textShown} B, PDF ${blobSizes.pdf} B (as in the demo store)` : 'none (--blobs none)'}`,
  );

  const db = store.db;
  if (cacheMb !== null) db.pragma(`cache_size = -${cacheMb * 1024}`);
  const cacheKiB = -(db.pragma('cache_size', { simple: true }) as number);
  const pages = (name: string) => db.prepare('SELECT count(*) AS pages, sum(payload) AS payload FROM dbstat WHERE name = ?').get(name) as { pages: number; payload: number };
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const scopePages = pages('authorizations_scope');
  const postPages = pages('posts');
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  console.log(
    `  what the check reads: ${consentCount.toLocaleString('en-US')} consent rows from the index authorizations_scope (${scopePages.pages} pages, ${mb(scopePages.pages * pageSize)}), ` +
      `${postCount.toLocaleString('en-US')} post rows from the table posts (${postPages.pages} pages, ${mb(postPages.pages * pageSize)}); page cache ${mb(cacheKiB * 1024)}${cacheMb === null ? ' (default)' : ' (--cache-mb)'}`,
  );

  // The verdicts first: every one must be what the plain path gives, the
  // one the posts' reconciliation takes: each post's row, its consent read alone with
  // every column (once per consent), the rule.
  start = performance.now();
  const fast = new Map(checkAllPosts(db, ctx).map((r) => [r.id, r]));
  const views = new Map<string, ReturnType<typeof scopeView>>();
  const viewOf = (id: string) => {
    if (!views.has(id)) views.set(id, scopeView(db, id, ctx));
    return views.get(id)!;
  };
  let differences = 0;
  for (const post of listPosts(db)) {
    const plainVerdict = verdictOf(db, judgedOf(post), post.consentId ? viewOf(post.consentId) : null, ctx);
    const r = fast.get(post.id);
    if (!r || r.state !== post.state || r.consentId !== post.consentId || JSON.stringify(r.verdict) !== JSON.stringify(plainVerdict)) differences += 1;
  }
  if (fast.size !== postCount || differences > 0) throw new Error(`checkAllPosts differs from the plain path on ${differences} posts`);
  console.log(
    `  verdicts: all ${postCount.toLocaleString('en-US')} identical to the plain path (each post's row, its consent read alone, the rule), compared in ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );

  // The plain SQL: the same two queries, the same rows, returned with .all(), no rule.
  const scopes = db.prepare(allScopesQuery).raw(true);
  const postsOnly = db.prepare(allPostsQuery).raw(true);
  const plain = () => [scopes.all(), postsOnly.all()] as const;
  // The same reads walked the way checkAllPosts walks them (iterate), no rule:
  // what checkAllPosts adds to this is the rule and building its result.
  const walked = () => {
    let n = 0;
    for (const _ of scopes.iterate()) n += 1;
    for (const _ of postsOnly.iterate()) n += 1;
    return n;
  };
  // Context: the posts' 8 columns as objects, the way most code reads rows.
  const objects = db.prepare(allPostsQuery);
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const timings = { checked: [] as number[], checkedCpu: [] as number[], queried: [] as number[], walkedMs: [] as number[], objects: [] as number[] };
  let rows = 0;
  let covered = 0;
  const loadBefore = os.loadavg();
  // A warm-up of each, then alternate so none gets a warmer cache.
  checkAllPosts(db, ctx);
  plain();
  walked();
  objects.all();
  for (let i = 0; i < runs; i++) {
    start = performance.now();
    const cpuStart = cpu();
    const result = checkAllPosts(db, ctx);
    timings.checked.push(performance.now() - start);
    timings.checkedCpu.push(cpu() - cpuStart);
    start = performance.now();
    const [, plainRows] = plain();
    timings.queried.push(performance.now() - start);
    start = performance.now();
    walked();
    timings.walkedMs.push(performance.now() - start);
    start = performance.now();
    objects.all();
    timings.objects.push(performance.now() - start);
    if (result.length !== plainRows.length || result.length !== postCount) throw new Error('the two queries returned different rows');
    rows = result.length;
    covered = result.filter((r) => r.verdict.covered).length;
  }
  const loadAfter = os.loadavg();
  const check = median(timings.checked);
  const query = median(timings.queried);
  const row = (cells: string[]) => `${cells[0]!.padEnd(50)}${cells.slice(1).map((c) => c.padStart(12)).join('')}`;
  const line = (label: string, xs: number[]) => {
    const m = median(xs);
    console.log(row([label, m.toFixed(1), Math.min(...xs).toFixed(1), Math.max(...xs).toFixed(1), (rows / m).toFixed(0)]));
  };
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  console.log('');
  console.log(`Every post against its consent, today ${today}; median, min and max of ${runs} runs.`);
  console.log(`Load average (1, 5, 15 min): ${load(loadBefore)} before the runs, ${load(loadAfter)} after (${os.cpus().length} cores).`);
  console.log('');
  console.log(row(['', 'median ms', 'min ms', 'max ms', 'posts/ms']));
  console.log('-'.repeat(50 + 12 * 4));
  line('checkAllPosts (reads + coverage rule)', timings.checked);
  line('  its CPU time (process, all threads)', timings.checkedCpu);
  line('plain SQL: the same queries, same rows, .all()', timings.queried);
  line('context: the same reads walked, no rule', timings.walkedMs);
  line('context: posts alone, the 8 columns as objects', timings.objects);
  console.log('');
  console.log(`Ratio checkAllPosts / plain SQL: ${(check / query).toFixed(2)}x.`);
  console.log(`Verdicts: ${covered.toLocaleString('en-US')} of ${rows.toLocaleString('en-US')} posts covered today.`);
  console.log(`Target: every post checked in under 200 ms: ${check < 200 ? 'met' : 'NOT MET'} (median ${check.toFixed(0)} ms, load ${loadAfter[0]!.toFixed(2)}).`);
  store.close();
} finally {
  fs.rmSync(workDir, { recursive: true, force: true });
}

function cipherOf(cipher: string): string {
  return cipher === 'aegis' ? 'AEGIS-256' : cipher;
}

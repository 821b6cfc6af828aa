import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, contentKinds, purposes, type AuthorizationTerms } from '../../../shared/authorization/scope';
import { addDaysTo } from '../../../shared/calendar';
import type { PostState } from '../../../shared/posts/post';
import { storePaths } from '../data-dir';
import { scopeView } from '../repositories/consent-scope-repository';
import { listPosts } from '../repositories/post-repository';
import type { Db } from '../store/database';
import { readKeyring } from '../store/keyring';
import { Store } from '../store/store';
import { adminPassword, setUpStore } from '../testing/test-backend';
import { emptyPracticeContact } from '../../../shared/settings';
import { checkAllPosts, judgedOf, verdictOf, type CheckContext } from './post-checks';

/**
 * `checkAllPosts` reads every consent and post in two queries and shares
 * parsed terms, content kinds and status reasons between posts. These tests
 * hold it to the plain path the app takes for one post (`postView`,
 * `reconcilePosts`): the post's row, its consent read alone with every
 * column, and the coverage rule. Same verdicts, reasons and order, on
 * randomized practices.
 */

let store: Store;
let db: Db;
let staffId: string;
let templateId: string;

beforeAll(async () => {
  const { dataDir, backend } = await setUpStore();
  backend.close();
  const paths = storePaths(dataDir);
  const [unlocked] = await Store.unlock(paths, { username: 'admin', password: adminPassword });
  store = Store.openWithKey(paths, readKeyring(paths.keyring)!, unlocked!.dataKey);
  db = store.db;
  staffId = (db.prepare("SELECT id FROM staff WHERE username = 'admin'").get() as { id: string }).id;
  templateId = (db.prepare('SELECT id FROM templates LIMIT 1').get() as { id: string }).id;
});

afterAll(() => store.close());

const base = '2026-11-29';
const instant = (offset: number) => `${addDaysTo(base, offset)}T14:30:00.000Z`;
const states: PostState[] = ['draft', 'approved', 'published', 'takedown_required', 'taken_down'];
/** Channels the rule knows, and words a coordinator typed (some match a consent's "other" channels only when folded). */
const postChannels = [...channels, 'lobby SCREEN', 'Lobby screen', 'practice podcast', 'Billboard'];

const consentArb = fc.record({
  patient: fc.nat({ max: 2 }),
  stage: fc.constantFrom('draft', 'signed', 'final'),
  kinds: fc.subarray([...contentKinds]),
  channels: fc.subarray([...channels]),
  otherChannels: fc.subarray(['Lobby screen', 'Practice podcast', 'Pódcast']),
  purposes: fc.subarray([...purposes]),
  expiration: fc.oneof(
    fc.integer({ min: -400, max: 400 }).map((days) => ({ kind: 'date' as const, date: addDaysTo(base, days) })),
    fc.constant({ kind: 'event' as const, event: 'When I am no longer a patient of the practice' }),
  ),
  revokedAt: fc.option(fc.integer({ min: -300, max: 300 }).map(instant)),
  receivedDaysEarlier: fc.nat({ max: 20 }),
  expirationEventAt: fc.option(fc.integer({ min: -300, max: 300 }).map(instant)),
  thirdPartyPays: fc.boolean(),
  byParent: fc.boolean(),
  conditions: fc.subarray(['Knee replacement', 'reemplazo de cadera', 'diabetes']),
});

const postArb = fc.record({
  patient: fc.nat({ max: 2 }),
  consent: fc.option(fc.nat({ max: 9 })),
  state: fc.constantFrom(...states),
  channel: fc.constantFrom(...postChannels),
  purpose: fc.constantFrom(...purposes),
  thirdPartyPays: fc.boolean(),
  sponsor: fc.constantFrom('', 'Summit Orthotics', 'summit orthotics inc', 'Other Co'),
  kinds: fc.shuffledSubarray([...contentKinds]),
  blocking: fc.subarray(['date', 'phone', 'record_number'] as const),
  health: fc.subarray([
    { concept: 'knee_replacement', term: 'knee replacement', specific: true },
    { concept: 'hip_replacement', term: 'hip replacement', specific: true },
    { concept: 'therapy', term: 'therapy', specific: false },
  ]),
  identifiersApproved: fc.boolean(),
});

const practiceArb = fc.record({
  consents: fc.array(consentArb, { maxLength: 8 }),
  posts: fc.array(postArb, { maxLength: 20 }),
  today: fc.integer({ min: -200, max: 500 }).map((days) => addDaysTo(base, days)),
  /** Born so that some patients come of age within the practice's range of days. */
  births: fc.array(fc.integer({ min: -6800, max: -6300 }).map((days) => addDaysTo(base, days)), { minLength: 3, maxLength: 3 }),
  timeZone: fc.constantFrom('UTC', 'America/Los_Angeles', 'Pacific/Auckland'),
});

type Practice = typeof practiceArb extends fc.Arbitrary<infer P> ? P : never;

/** Writes a practice straight into the store; the caller rolls it back. */
function insert(practice: Practice): void {
  const at = instant(-500);
  const patientIds = [0, 1, 2].map((i) => `patient-${i}`);
  const insertPatient = db.prepare(
    `INSERT INTO patients (id, first_name, last_name, date_of_birth, record_number, phone, email, city, created_at, updated_at)
     VALUES (?, 'Maria', 'Lopez', ?, ?, NULL, NULL, 'Riverside', ?, ?)`,
  );
  patientIds.forEach((id, i) => insertPatient.run(id, practice.births[i], `R-${id}`, at, at));
  const insertConsent = db.prepare(
    `INSERT INTO authorizations (id, patient_id, template_id, terms, stage, created_at, created_by, updated_at,
       signed_at, signer_name, signature_png, text_sha256, witness_id, witnessed_at, pdf, pdf_sha256,
       revoked_at, revocation_received_on, expiration_event_at, expiration_event_on)
     VALUES (@id, @patientId, @templateId, @terms, @stage, @at, @staffId, @at,
       @signedAt, 'Maria Lopez', @png, @hash, @witnessId, @witnessedAt, @pdf, @hash, @revokedAt, @receivedOn, @expirationEventAt, @eventOn)`,
  );
  const consentIds = practice.consents.map((c, i) => {
    const id = `consent-${i}`;
    const terms: AuthorizationTerms = {
      language: 'en',
      scope: { contentKinds: c.kinds, channels: c.channels, otherChannels: c.otherChannels, purposes: c.purposes, otherPurposes: [], conditions: c.conditions },
      expiration: c.expiration,
      remuneration: c.thirdPartyPays ? { thirdPartyPays: true, payer: 'Summit Orthotics Inc.' } : { thirdPartyPays: false, payer: '' },
      representative: c.byParent ? { name: 'Ana Lopez', authority: 'parent_of_minor', authorityDetail: '' } : null,
      combinedWith: [],
    };
    const signed = c.stage !== 'draft';
    const final = c.stage === 'final';
    insertConsent.run({
      id,
      patientId: patientIds[c.patient],
      templateId,
      terms: JSON.stringify(terms),
      stage: c.stage,
      at,
      staffId,
      signedAt: signed ? instant(-450) : null,
      png: signed ? Buffer.from('png') : null,
      hash: signed ? 'a'.repeat(64) : null,
      witnessId: final ? staffId : null,
      witnessedAt: final ? instant(-450) : null,
      pdf: final ? Buffer.from('%PDF') : null,
      revokedAt: c.revokedAt,
      receivedOn: c.revokedAt ? addDaysTo(c.revokedAt.slice(0, 10), -c.receivedDaysEarlier) : null,
      expirationEventAt: c.expirationEventAt,
      eventOn: c.expirationEventAt ? c.expirationEventAt.slice(0, 10) : null,
    });
    return id;
  });
  const insertTestimonial = db.prepare(
    "INSERT INTO testimonials (id, patient_id, title, quote, created_at, created_by, updated_at) VALUES (?, ?, 'Title', 'Quote.', ?, ?, ?)",
  );
  for (const id of patientIds) insertTestimonial.run(`testimonial-${id}`, id, at, staffId, at);
  const insertPost = db.prepare(
    `INSERT INTO posts (id, testimonial_id, patient_id, consent_id, channel, caption, media_ids, purpose, third_party_pays, sponsor,
       extra_content_kinds, content_kinds, blocking_identifiers, health_mentions, identifiers_approved_by, identifiers_approved_at,
       identifiers_approval_reason, state, created_at, created_by, updated_at)
     VALUES (?, ?, ?, ?, ?, 'Caption.', '[]', ?, ?, ?, '[]', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  practice.posts.forEach((p, i) => {
    const patientId = patientIds[p.patient]!;
    const consentId = p.consent === null || consentIds.length === 0 ? null : consentIds[p.consent % consentIds.length]!;
    const approved = p.identifiersApproved && p.blocking.length > 0;
    insertPost.run(
      `post-${String(i).padStart(2, '0')}`, `testimonial-${patientId}`, patientId, consentId, p.channel, p.purpose, p.thirdPartyPays ? 1 : 0, p.sponsor,
      JSON.stringify(p.kinds), JSON.stringify(p.blocking), JSON.stringify(p.health),
      approved ? staffId : null, approved ? at : null, approved ? 'The practice’s own open-house date.' : null, p.state, at, staffId, at,
    );
  });
}

/** Runs `body` on the practice inside a transaction that is always rolled back. */
function withPractice<T>(practice: Practice, body: () => T): T {
  db.exec('BEGIN');
  try {
    insert(practice);
    return body();
  } finally {
    db.exec('ROLLBACK');
  }
}

const contextOf = (today: string, timeZone = 'UTC'): CheckContext => ({ today, timeZone, ageOfMajority: 18, practice: { name: 'Riverside', contact: emptyPracticeContact } });

/** One post at a time, the way a post's view and the reconciliation judge it. */
function plainChecks(ctx: CheckContext) {
  return listPosts(db).map((post) => ({
    id: post.id,
    state: post.state,
    consentId: post.consentId,
    verdict: verdictOf(db, judgedOf(post), post.consentId ? scopeView(db, post.consentId, ctx) : null, ctx),
  }));
}

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

describe('checkAllPosts', () => {
  it('gives every post the verdict the plain one-post check gives, on randomized practices', () => {
    fc.assert(
      fc.property(practiceArb, (practice) => {
        withPractice(practice, () => {
          const ctx = contextOf(practice.today, practice.timeZone);
          const fast = checkAllPosts(db, ctx);
          expect(fast).toHaveLength(practice.posts.length);
          expect(byId(fast)).toEqual(byId(plainChecks(ctx)));
        });
      }),
      { numRuns: 150 },
    );
  });

  it('judges the same store again on another day without carrying anything over', () => {
    const practice = fc.sample(practiceArb, { numRuns: 1, seed: 4 })[0]!;
    const practiceWithPosts = { ...practice, posts: practice.posts.length ? practice.posts : fc.sample(postArb, { numRuns: 5, seed: 5 }) };
    withPractice(practiceWithPosts, () => {
      for (const today of [base, addDaysTo(base, 90), base, addDaysTo(base, 400)]) {
        expect(byId(checkAllPosts(db, contextOf(today)))).toEqual(byId(plainChecks(contextOf(today))));
      }
    });
  });
});

import { describe, expect, it } from 'vitest';
import { completeTerms } from '../authorization/test-terms';
import type { ConsentScopeView } from '../posts/consent-scope';
import { expiringConsentsReport } from './expiring-consents';
import { revocationReport } from './revocation-report';
import { staffActivityReport } from './staff-activity';
import { consentAsOf, uncoveredPostsReport, type PostFacts } from './uncovered-posts';

const at = (day: string, hour = 12) => `${day}T${String(hour).padStart(2, '0')}:00:00.000Z`;
const settings = { ageOfMajority: 18 };
const terms = completeTerms({ expiration: { kind: 'date', date: '2027-01-01' } });

const consent = (overrides: Partial<ConsentScopeView> = {}): ConsentScopeView => ({
  id: 'c1',
  patientId: 'p1',
  patientFirstName: 'Maria',
  patientLastName: 'Lopez',
  stage: 'final',
  status: 'active',
  language: 'en',
  scope: terms.scope,
  expiration: terms.expiration,
  remuneration: terms.remuneration,
  representativeAuthority: null,
  signedAt: at('2026-03-01'),
  witnessedAt: at('2026-03-01'),
  signedOn: '2026-03-01',
  witnessedOn: '2026-03-01',
  revokedAt: null,
  revocationReceivedOn: null,
  expirationEventAt: null,
  expirationEventOn: null,
  pdfSha256: 'a'.repeat(64),
  ...overrides,
});

const post = (overrides: Partial<PostFacts> = {}): PostFacts => ({
  id: 'post1',
  patientId: 'p1',
  patientName: 'Maria Lopez',
  consentId: 'c1',
  channel: 'facebook',
  purpose: 'advertising',
  thirdPartyPays: false,
  sponsor: '',
  contentKinds: ['first_name'],
  blockingIdentifiers: [],
  healthMentions: [],
  identifiersApproved: false,
  patientDateOfBirth: '1984-05-17',
  state: 'published',
  publishedAt: '2026-03-05',
  publishedUrl: 'https://example.com/p',
  takedownRequiredAt: null,
  ...overrides,
});

describe('posts published without a valid, covering consent', () => {
  it('finds none when the consent covered the post on its publication day and still does', () => {
    const report = uncoveredPostsReport([post()], new Map([['c1', consent()]]), '2026-06-01', settings);
    expect(report).toMatchObject({ total: 0, postsChecked: 1 });
  });

  it('judges the publication day with the consent as it stood then', () => {
    const c = consent();
    expect(consentAsOf(c, '2026-02-28').stage).toBe('draft');
    const early = uncoveredPostsReport([post({ publishedAt: '2026-02-20', state: 'taken_down' })], new Map([['c1', c]]), '2026-06-01', settings);
    expect(early.publishedWithoutCoverage[0]?.reasons).toEqual(['The consent is not signed and witnessed yet.']);
    expect(early.total).toBe(1);
  });

  it('counts a publication on or after the day the revocation was received, even when it was recorded later', () => {
    // Received on the 4th, typed in on the 9th: posts of the 4th to the 9th went out without a valid authorization.
    const revoked = consent({ revokedAt: at('2026-03-09', 9), revocationReceivedOn: '2026-03-04', status: 'revoked' });
    const dayBefore = uncoveredPostsReport([post({ publishedAt: '2026-03-03', state: 'taken_down' })], new Map([['c1', revoked]]), '2026-06-01', settings);
    expect(dayBefore.total).toBe(0);
    const sameDay = uncoveredPostsReport([post({ publishedAt: '2026-03-04', state: 'taken_down' })], new Map([['c1', revoked]]), '2026-06-01', settings);
    expect(sameDay.publishedWithoutCoverage[0]?.reasons).toEqual([
      'Published on March 4, 2026, on or after the day the revocation was received (March 4, 2026).',
      'The consent was revoked: the patient’s revocation was received on March 4, 2026.',
    ]);
    const beforeRecorded = uncoveredPostsReport([post({ publishedAt: '2026-03-06', state: 'taken_down' })], new Map([['c1', revoked]]), '2026-06-01', settings);
    expect(beforeRecorded.publishedWithoutCoverage[0]).toMatchObject({ publishedOn: '2026-03-06', revocationReceivedOn: '2026-03-04' });
  });

  it('does not count a post still up under a parent’s authorization once the patient came of age (it is reviewed, not taken down)', () => {
    const byParent = consent({ representativeAuthority: 'parent_of_minor', signedOn: '2026-03-01' });
    const report = uncoveredPostsReport([post({ patientDateOfBirth: '2008-06-01' })], new Map([['c1', byParent]]), '2026-06-02', settings);
    expect(report.total).toBe(0);
  });

  it('counts posts still up that their consent no longer covers, and a post without a consent', () => {
    const report = uncoveredPostsReport(
      [post({ state: 'takedown_required', takedownRequiredAt: at('2027-01-01') }), post({ id: 'post2', consentId: null })],
      new Map([['c1', consent()]]),
      '2027-01-02',
      settings,
    );
    expect(report.liveWithoutCoverage.map((p) => p.postId)).toEqual(['post1', 'post2']);
    expect(report.publishedWithoutCoverage.map((p) => p.postId)).toEqual(['post2']);
    expect(report.total).toBe(2);
  });

  it('does not hold a purged consent against a post taken down long ago', () => {
    const report = uncoveredPostsReport([post({ consentId: null, purgedConsentId: 'c0', state: 'taken_down' })], new Map(), '2033-01-01', settings);
    expect(report).toMatchObject({ total: 0, consentPurged: 1, postsChecked: 0 });
  });
});

describe('consents expiring in 30, 60 and 90 days', () => {
  it('buckets consents in effect by days left, with the posts still relying on them', () => {
    const today = '2026-10-01';
    const c = (id: string, date: string, extra: Partial<ConsentScopeView> = {}) => consent({ id, expiration: { kind: 'date', date }, ...extra });
    const report = expiringConsentsReport(
      [c('a', '2026-10-02'), c('b', '2026-10-31'), c('c', '2026-11-01'), c('d', '2026-12-30'), c('e', '2026-12-31'), c('f', '2026-10-10', { revokedAt: at('2026-09-01') }), c('g', '2026-10-01')],
      [
        { id: 'x', consentId: 'a', state: 'published', channel: 'facebook' },
        { id: 'y', consentId: 'a', state: 'taken_down', channel: 'facebook' },
      ],
      today,
    );
    expect(report.within30.map((r) => [r.consentId, r.daysLeft])).toEqual([['a', 1], ['b', 30]]);
    expect(report.within60.map((r) => r.consentId)).toEqual(['c']);
    expect(report.within90.map((r) => r.consentId)).toEqual(['d']);
    expect(report.within30[0]!.posts.map((p) => p.id)).toEqual(['x']);
  });
});

describe('revocations and take-downs', () => {
  it('lists revocations recorded in the range with the posts taken down and those still waiting', () => {
    const report = revocationReport(
      [
        { consentId: 'c1', patientId: 'p1', patientName: 'Maria Lopez', receivedOn: '2026-03-04', recordedAt: at('2026-03-05'), method: 'mail' },
        { consentId: 'c2', patientId: 'p2', patientName: 'Ann Other', receivedOn: '2026-05-01', recordedAt: at('2026-05-01'), method: 'email' },
      ],
      [
        { id: 'a', consentId: 'c1', channel: 'facebook', state: 'taken_down', publishedAt: '2026-03-01', takedownRequiredAt: at('2026-03-05'), takenDownAt: at('2026-03-07') },
        { id: 'b', consentId: 'c1', channel: 'instagram', state: 'takedown_required', publishedAt: '2026-03-02', takedownRequiredAt: at('2026-03-05'), takenDownAt: null },
        { id: 'c', consentId: 'c1', channel: 'website', state: 'draft', publishedAt: null, takedownRequiredAt: null, takenDownAt: null },
      ],
      '2026-03-01',
      '2026-03-31',
      'UTC',
    );
    expect(report.rows.map((r) => r.consentId)).toEqual(['c1']);
    expect(report.rows[0]!.posts.map((p) => [p.id, p.daysToTakeDown])).toEqual([['a', 2], ['b', null]]);
    expect(report.totals).toEqual({ revocations: 1, postsAffected: 2, takenDown: 1, outstanding: 1 });
  });
});

describe('staff activity', () => {
  it('groups audit counts per staff member and action, busiest first', () => {
    const report = staffActivityReport(
      [
        { actorId: 's1', actorName: 'fran', action: 'consent.signed', count: 3, firstAt: at('2026-03-02'), lastAt: at('2026-03-09') },
        { actorId: 's1', actorName: 'fran', action: 'session.signed_in', count: 5, firstAt: at('2026-03-01'), lastAt: at('2026-03-10') },
        { actorId: 's2', actorName: 'admin', action: 'export.started', count: 1, firstAt: at('2026-03-03'), lastAt: at('2026-03-03') },
        { actorId: null, actorName: 'mallory', action: 'session.sign_in_failed', count: 2, firstAt: at('2026-03-04'), lastAt: at('2026-03-04') },
      ],
      [
        { id: 's1', displayName: 'Fran Front', role: 'frontdesk' },
        { id: 's2', displayName: 'Pat Privacy', role: 'admin' },
      ],
      '2026-03-01',
      '2026-03-31',
    );
    expect(report.staff.map((s) => [s.actorName, s.displayName, s.total])).toEqual([
      ['fran', 'Fran Front', 8],
      ['mallory', null, 2],
      ['admin', 'Pat Privacy', 1],
    ]);
    expect(report.staff[0]!.actions.map((a) => a.action)).toEqual(['session.signed_in', 'consent.signed']);
    expect(report.totalEvents).toBe(11);
  });
});

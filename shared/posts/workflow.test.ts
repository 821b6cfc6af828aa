import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDaysTo } from '../calendar';
import type { ConsentScopeView } from './consent-scope';
import { checkCoverage } from './coverage';
import type { PostState } from './post';
import { scopeView } from './test-consent';
import { needsCoverage, reconcile, takeStep } from './workflow';

describe('post steps', () => {
  it('move forward only with a passing check', () => {
    expect(takeStep('draft', 'approve', true)).toEqual({ ok: true, state: 'approved' });
    expect(takeStep('draft', 'approve', false)).toMatchObject({ ok: false });
    expect(takeStep('approved', 'publish', true)).toEqual({ ok: true, state: 'published' });
    expect(takeStep('approved', 'publish', false)).toMatchObject({ ok: false });
    expect(takeStep('draft', 'publish', true)).toMatchObject({ ok: false });
  });

  it('send an edited approved post back to draft and refuse to edit a published one', () => {
    expect(takeStep('approved', 'edit', true)).toEqual({ ok: true, state: 'draft' });
    expect(takeStep('published', 'edit', true)).toMatchObject({ ok: false });
  });

  it('record a take-down of a live or flagged post', () => {
    expect(takeStep('takedown_required', 'record_takedown', false)).toEqual({ ok: true, state: 'taken_down' });
    expect(takeStep('draft', 'record_takedown', true)).toMatchObject({ ok: false });
  });

  it('reconcile: a failing check demotes approved to draft and published to take-down required', () => {
    const states: PostState[] = ['draft', 'approved', 'published', 'takedown_required', 'taken_down'];
    expect(states.map((s) => reconcile(s, false))).toEqual(['draft', 'draft', 'takedown_required', 'takedown_required', 'taken_down']);
    expect(states.map((s) => reconcile(s, true))).toEqual(states);
  });
});

/** A model of the app's rules: every operation that can change coverage is followed by reconcile, as the backend does. */
type Op =
  | { kind: 'approve' | 'publish' | 'record_takedown' | 'revoke' | 'record_event' }
  | { kind: 'edit'; channel: string; extraKinds: ('video' | 'full_name')[] }
  | { kind: 'advance_days'; days: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.constantFrom<Op>({ kind: 'approve' }, { kind: 'publish' }, { kind: 'record_takedown' }, { kind: 'revoke' }, { kind: 'record_event' }),
  fc.record({ kind: fc.constant('edit' as const), channel: fc.constantFrom('facebook', 'instagram'), extraKinds: fc.subarray(['video', 'full_name'] as const) }),
  fc.record({ kind: fc.constant('advance_days' as const), days: fc.integer({ min: 1, max: 200 }) }),
);

describe('the coverage invariant', () => {
  it('holds after any sequence of approve, publish, revoke, expire, edit and date changes', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 25 }), fc.boolean(), (ops, expiresOnEvent) => {
        let today = '2026-11-29';
        let consent: ConsentScopeView = scopeView({
          scope: { contentKinds: ['photographs', 'first_name'], channels: ['facebook'], otherChannels: [], purposes: ['advertising'], otherPurposes: [] },
          expiration: expiresOnEvent ? { kind: 'event', event: 'end of treatment' } : { kind: 'date', date: '2027-03-01' },
          signedAt: '2026-11-01T10:00:00Z',
          witnessedAt: '2026-11-01T10:00:00Z',
          pdfSha256: null,
        });
        let post = { state: 'draft' as PostState, channel: 'facebook', kinds: ['photographs'] as string[] };
        const covered = () =>
          checkCoverage({
            post: { patientId: 'p1', channel: post.channel, purpose: 'advertising', thirdPartyPays: false, sponsor: '', identifiersApproved: false },
            disclosures: { contentKinds: post.kinds as never, blockingIdentifiers: [], healthMentions: [] },
            consent,
            patient: { dateOfBirth: '1984-05-17' },
            settings: { ageOfMajority: 18 },
            today,
          }).covered;
        for (const op of ops) {
          if (op.kind === 'approve' || op.kind === 'publish' || op.kind === 'record_takedown') {
            const result = takeStep(post.state, op.kind, covered());
            if (result.ok) post = { ...post, state: result.state };
          } else if (op.kind === 'edit') {
            const result = takeStep(post.state, 'edit', covered());
            if (result.ok) post = { state: result.state, channel: op.channel, kinds: ['photographs', ...op.extraKinds] };
          } else if (op.kind === 'revoke') {
            consent = { ...consent, revokedAt: `${today}T12:00:00Z`, revocationReceivedOn: today };
          } else if (op.kind === 'record_event') {
            if (consent.expiration.kind === 'event') consent = { ...consent, expirationEventAt: `${today}T12:00:00Z`, expirationEventOn: today };
          } else if (op.kind === 'advance_days') {
            today = addDaysTo(today, op.days);
          }
          post = { ...post, state: reconcile(post.state, covered()) };
          if (needsCoverage(post.state)) expect(covered()).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

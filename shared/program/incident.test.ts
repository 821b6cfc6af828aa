import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDaysTo } from '../calendar';
import { postStates } from '../posts/post';
import {
  assessmentProblems,
  closeProblems,
  decisionProblems,
  emptyAssessment,
  incidentClock,
  incidentDeadlines,
  incidentToOpen,
  phiKindsOfContent,
  type Assessment,
  type IncidentFacts,
} from './incident';

const change = (over: Partial<Extract<Parameters<typeof incidentToOpen>[0], { kind: 'post_state_changed' }>> = {}) =>
  incidentToOpen({ kind: 'post_state_changed', from: 'published', to: 'takedown_required', publishedOn: '2026-10-01', revocationReceivedOn: null, coverageEndedOn: null, today: '2026-11-02', ...over });

describe('when an incident must open', () => {
  it('opens when a published post becomes take-down required, and for nothing that never went out', () => {
    expect(change()).toEqual({ trigger: 'takedown_required', discoveredOn: '2026-11-02', discoveryNote: expect.stringContaining('found') });
    fc.assert(
      fc.property(fc.constantFrom(...postStates), fc.constantFrom(...postStates), (from, to) => {
        expect(change({ from, to }) !== null).toBe(from === 'published' && to === 'takedown_required');
      }),
    );
  });

  it('names a post published on or after the revocation’s receipt, discovered on its publication day', () => {
    expect(change({ publishedOn: '2026-10-25', revocationReceivedOn: '2026-10-25', coverageEndedOn: '2026-10-25' })).toMatchObject({
      trigger: 'published_after_revocation',
      discoveredOn: '2026-10-25',
    });
  });

  it('dates the discovery from when the practice should have known, never after today', () => {
    expect(change({ revocationReceivedOn: '2026-10-20', coverageEndedOn: '2026-10-20' })).toMatchObject({ discoveredOn: '2026-10-20', discoveryNote: expect.stringMatching(/revocation was received/) });
    expect(change({ coverageEndedOn: '2026-10-30' })).toMatchObject({ discoveredOn: '2026-10-30' });
    fc.assert(
      fc.property(fc.integer({ min: -90, max: 30 }), fc.integer({ min: -90, max: 30 }), fc.boolean(), (published, ended, revoked) => {
        const today = '2026-11-02';
        const opened = change({
          publishedOn: addDaysTo(today, published),
          coverageEndedOn: addDaysTo(today, ended),
          revocationReceivedOn: revoked ? addDaysTo(today, ended) : null,
        });
        expect(opened).not.toBeNull();
        expect(opened!.discoveredOn <= today).toBe(true);
      }),
    );
  });

  it('opens for a posted reply only when the checker flags it', () => {
    expect(incidentToOpen({ kind: 'reply_found', flagged: true, today: '2026-11-02' })).toMatchObject({ trigger: 'phi_reply', discoveredOn: '2026-11-02' });
    expect(incidentToOpen({ kind: 'reply_found', flagged: false, today: '2026-11-02' })).toBeNull();
  });
});

describe('incident deadlines', () => {
  it('are 60 days from discovery; the yearly HHS log 60 days after the year ends (February 29 in a leap year)', () => {
    expect(incidentDeadlines({ discoveredOn: '2026-11-02', affectedCount: 1, largestStateCount: 1 })).toEqual({ individualBy: '2027-01-01', mediaBy: null, hhsBy: '2027-03-01', hhsYearly: true });
    expect(incidentDeadlines({ discoveredOn: '2027-06-01', affectedCount: 3, largestStateCount: 3 }).hhsBy).toBe('2028-02-29');
  });

  it('record the 500-or-more thresholds: media for 500 residents of a state, HHS within 60 days for 500 people', () => {
    expect(incidentDeadlines({ discoveredOn: '2026-11-02', affectedCount: 499, largestStateCount: 499 })).toMatchObject({ mediaBy: null, hhsYearly: true });
    expect(incidentDeadlines({ discoveredOn: '2026-11-02', affectedCount: 500, largestStateCount: 200 })).toEqual({ individualBy: '2027-01-01', mediaBy: null, hhsBy: '2027-01-01', hhsYearly: false });
    expect(incidentDeadlines({ discoveredOn: '2026-11-02', affectedCount: 800, largestStateCount: 500 }).mediaBy).toBe('2027-01-01');
  });

  const facts = (over: Partial<IncidentFacts> = {}): IncidentFacts => ({
    state: 'open',
    discoveredOn: '2026-11-02',
    assessmentComplete: true,
    decision: 'required',
    affectedCount: 1,
    largestStateCount: 1,
    notices: { individual: null, media: null, hhs: null },
    letters: 1,
    ...over,
  });

  it('are overdue once past without the decision or the notice, and not before', () => {
    expect(incidentClock(facts(), '2027-01-01').overdue).toEqual([]);
    expect(incidentClock(facts(), '2027-01-02').overdue).toEqual(['The 60 days since discovery ended on 2027-01-01 without notice to the individual.']);
    expect(incidentClock(facts({ decision: null }), '2027-01-02').overdue).toEqual(['The 60 days since discovery ended on 2027-01-01 without a documented decision.']);
    expect(incidentClock(facts({ notices: { individual: '2026-12-01', media: null, hhs: null } }), '2027-01-02').overdue).toEqual([]);
    expect(incidentClock(facts({ state: 'closed', notices: { individual: '2026-12-01', media: null, hhs: null } }), '2027-03-02').overdue).toEqual(['The notice to HHS was due by 2027-03-01.']);
    expect(incidentClock(facts({ decision: 'not_required', state: 'closed' }), '2028-01-01').overdue).toEqual([]);
  });

  it('allow closing once what the decision requires is recorded', () => {
    expect(closeProblems(facts({ letters: 0 }))).toEqual(['Produce the notification letter first.', 'Record the day the individual(s) were notified first.']);
    expect(closeProblems(facts({ notices: { individual: '2026-11-20', media: null, hhs: null } }))).toEqual([]);
    expect(closeProblems(facts({ affectedCount: 600, largestStateCount: 600, notices: { individual: '2026-11-20', media: null, hhs: null } }))).toEqual([
      'Record the day the media were notified first (500 or more residents of a state).',
      'Record the day HHS was notified first (500 or more people).',
    ]);
    expect(closeProblems(facts({ decision: null, assessmentComplete: false }))).toHaveLength(2);
  });
});

describe('the four-factor assessment', () => {
  const complete: Assessment = {
    ...emptyAssessment,
    identifiers: ['first_name'],
    sensitivity: 'low',
    recipients: 'The public on Facebook',
    viewed: 'unknown',
    viewedEvidence: 'No view counts available.',
    takedownNotes: 'Taken down the same day.',
    probability: 'low',
  };

  it('names each factor still missing', () => {
    expect(assessmentProblems(emptyAssessment).map((p) => p.path)).toEqual(['identifiers', 'sensitivity', 'recipients', 'viewed', 'takedownNotes', 'probability']);
    expect(assessmentProblems(complete)).toEqual([]);
  });

  it('presumes a breach: "not required" only on a low probability', () => {
    expect(decisionProblems(null, 'required')).toEqual(['Complete the four-factor risk assessment first.']);
    expect(decisionProblems(complete, 'not_required')).toEqual([]);
    expect(decisionProblems({ ...complete, probability: 'not_low' }, 'not_required')[0]).toMatch(/presumed a breach/);
    expect(decisionProblems({ ...complete, probability: 'not_low' }, 'required')).toEqual([]);
  });

  it('suggests the kinds of information from what the post used', () => {
    expect(phiKindsOfContent(['written_testimonial', 'photographs', 'first_name'])).toEqual(['patient_relationship', 'first_name', 'photographs', 'testimonial']);
  });
});

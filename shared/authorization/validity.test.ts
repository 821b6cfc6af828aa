import { describe, expect, it } from 'vitest';
import { completeTerms } from './test-terms';
import { problemsWithTerms } from './validity';

const context = { today: '2026-11-29', practiceName: 'Riverside Physical Therapy' };
const elementsOf = (terms = completeTerms(), ctx = context) => problemsWithTerms(terms, ctx).map((p) => p.element);

describe('what a draft needs before it can be signed', () => {
  it('accepts complete terms', () => {
    expect(problemsWithTerms(completeTerms(), context)).toEqual([]);
  });

  it('needs a description of the information (content kinds)', () => {
    const terms = completeTerms();
    terms.scope.contentKinds = [];
    expect(problemsWithTerms(terms, context)).toEqual([
      expect.objectContaining({ element: 'information', path: 'scope.contentKinds', message: expect.stringMatching(/at least one kind of content/) }),
    ]);
  });

  it('needs the practice that discloses', () => {
    expect(elementsOf(completeTerms(), { ...context, practiceName: ' ' })).toEqual(['discloser']);
  });

  it('needs at least one recipient channel; one in the coordinator’s words counts', () => {
    const terms = completeTerms();
    terms.scope.channels = [];
    expect(elementsOf(terms)).toEqual(['recipients']);
    terms.scope.otherChannels = ['Lobby screen'];
    expect(elementsOf(terms)).toEqual([]);
  });

  it('needs at least one purpose', () => {
    const terms = completeTerms();
    terms.scope.purposes = [];
    expect(elementsOf(terms)).toEqual(['purposes']);
    terms.scope.otherPurposes = ['Annual report'];
    expect(elementsOf(terms)).toEqual([]);
  });

  it('needs an expiration date in the future, or a described event', () => {
    expect(elementsOf(completeTerms({ expiration: { kind: 'date', date: '2026-11-29' } }))).toEqual(['expiration']);
    expect(elementsOf(completeTerms({ expiration: { kind: 'date', date: '2025-01-01' } }))).toEqual(['expiration']);
    expect(elementsOf(completeTerms({ expiration: { kind: 'date', date: '2026-11-30' } }))).toEqual([]);
    expect(elementsOf(completeTerms({ expiration: { kind: 'event', event: '  ' } }))).toEqual(['expiration']);
    expect(elementsOf(completeTerms({ expiration: { kind: 'event', event: 'End of my treatment plan' } }))).toEqual([]);
  });

  it('needs a representative’s name and authority when someone signs for the patient', () => {
    expect(elementsOf(completeTerms({ representative: { name: '', authority: null, authorityDetail: '' } }))).toEqual([
      'representative',
      'representative',
    ]);
    expect(elementsOf(completeTerms({ representative: { name: 'Ana Ruiz', authority: 'other', authorityDetail: '' } }))).toEqual([
      'representative',
    ]);
    expect(elementsOf(completeTerms({ representative: { name: 'Ana Ruiz', authority: 'parent_of_minor', authorityDetail: '' } }))).toEqual([]);
  });

  it('needs the payer when a third party pays', () => {
    expect(elementsOf(completeTerms({ remuneration: { thirdPartyPays: true, payer: '' } }))).toEqual(['remuneration']);
    expect(elementsOf(completeTerms({ remuneration: { thirdPartyPays: true, payer: 'Acme Orthotics' } }))).toEqual([]);
  });

  it('refuses to combine the authorization with another form', () => {
    const problems = problemsWithTerms(completeTerms({ combinedWith: ['Consent to treatment'] }), context);
    expect(problems).toEqual([expect.objectContaining({ element: 'stands_alone', message: expect.stringMatching(/Consent to treatment/) })]);
  });
});

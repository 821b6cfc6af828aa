import { describe, expect, it } from 'vitest';
import { completeTerms } from '../../../../shared/authorization/test-terms';
import { problemsWithTerms } from '../../../../shared/authorization/validity';
import { authorizationFormSchema, formFieldOf, formOfTerms, newAuthorizationForm } from './authorization-form-schema';

const today = '2026-11-29';

describe('the authorization form', () => {
  it('stands for exactly the terms it was filled from', () => {
    const terms = completeTerms({
      language: 'es',
      scope: { contentKinds: ['video'], channels: ['x'], otherChannels: ['Lobby screen'], purposes: [], otherPurposes: ['Fundraising'], conditions: [] },
      expiration: { kind: 'event', event: 'End of treatment' },
      remuneration: { thirdPartyPays: true, payer: 'Acme Devices' },
      representative: { name: 'Ana Lopez', authority: 'other', authorityDetail: 'Court order 12' },
    });
    expect(authorizationFormSchema.parse(formOfTerms(terms, today))).toEqual(terms);
  });

  it('leaves out empty free-text rows and the answers a choice made irrelevant', () => {
    const form = {
      ...formOfTerms(completeTerms({ remuneration: { thirdPartyPays: false, payer: 'Forgotten' } }), today),
      otherChannels: [{ text: '  ' }, { text: ' Lobby screen ' }],
      signsForPatient: false,
      representativeName: 'Someone typed before unticking',
      expirationEvent: 'not used: the date is chosen',
    };
    const terms = authorizationFormSchema.parse(form);
    expect(terms.scope.otherChannels).toEqual(['Lobby screen']);
    expect(terms.representative).toBeNull();
    expect(terms.remuneration).toEqual({ thirdPartyPays: false, payer: '' });
    expect(terms.expiration).toEqual({ kind: 'date', date: '2027-06-30' });
  });

  it('starts empty, ending a year from today, and previews with the problems the backend names', () => {
    const terms = authorizationFormSchema.parse(newAuthorizationForm(today));
    expect(terms.expiration).toEqual({ kind: 'date', date: '2027-11-29' });
    const problems = problemsWithTerms(terms, { today, practiceName: 'Riverside' });
    expect(problems.map((p) => formFieldOf(p.path))).toEqual(['contentKinds', 'channels', 'purposes']);
  });

  it('refuses a date that is not one, on the date field', () => {
    const result = authorizationFormSchema.safeParse({ ...newAuthorizationForm(today), expirationDate: '' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['expirationDate']);
  });

  it('maps the backend’s paths to the form’s fields', () => {
    expect(formFieldOf('terms.expiration.event')).toBe('expirationEvent');
    expect(formFieldOf('expiration.date')).toBe('expirationDate');
    expect(formFieldOf('representative.authorityDetail')).toBe('authorityDetail');
    expect(formFieldOf('remuneration.payer')).toBe('payer');
    expect(formFieldOf('practiceName')).toBeNull();
  });
});

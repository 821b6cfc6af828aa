import { renderAuthorization, type AuthorizationDocument } from '../../../../shared/authorization/document';
import type { Language } from '../../../../shared/authorization/scope';
import type { TemplateText } from '../../../../shared/authorization/template';
import type { AuthorizationTerms } from '../../../../shared/authorization/scope';

/** A sample patient's terms with every optional part, so the preview shows every section of the wording. */
const sampleTerms = (language: Language, ending: 'date' | 'event'): AuthorizationTerms => ({
  language,
  scope: { contentKinds: ['written_testimonial', 'first_name', 'photographs'], channels: ['facebook', 'website'], otherChannels: [], purposes: ['advertising'], otherPurposes: [] },
  expiration: ending === 'date' ? { kind: 'date', date: '2028-01-01' } : { kind: 'event', event: language === 'es' ? 'el fin de mi tratamiento' : 'the end of my treatment' },
  remuneration: { thirdPartyPays: true, payer: 'Acme Orthotics' },
  representative: { name: 'Ana Sample', authority: 'parent_of_minor', authorityDetail: '' },
  combinedWith: [],
});

/** The draft wording as a sample patient would read it, with the practice's own details. */
export function sampleDocument(
  language: Language,
  text: TemplateText,
  practice: { practiceName: string; practiceAddress: string; practiceEmail: string },
  ending: 'date' | 'event' = 'date',
): AuthorizationDocument {
  return renderAuthorization({ language, version: 0, text }, sampleTerms(language, ending), {
    ...practice,
    practiceName: practice.practiceName || 'Your practice',
    practiceAddress: practice.practiceAddress || '(the practice’s address, from Settings)',
    patientName: 'Sam Sample',
  });
}

import { describe, expect, it } from 'vitest';
import { documentText, renderAuthorization } from './document';
import { builtInTemplates, templateTextSchema } from './template';
import { completeTerms } from './test-terms';

const parties = { practiceName: 'Riverside Physical Therapy', patientName: 'Maria Lopez' };
const en = { language: 'en' as const, version: 1, text: builtInTemplates.en };
const es = { language: 'es' as const, version: 1, text: builtInTemplates.es };

describe('the authorization document', () => {
  it('writes out every element and required statement with the patient’s scope', () => {
    const text = documentText(renderAuthorization(en, completeTerms(), parties));
    for (const expected of [
      'I, Maria Lopez, allow Riverside Physical Therapy',
      'My written testimonial (quote or story)',
      'My first name only',
      'Photographs of me',
      'The practice’s Facebook page',
      'The practice’s Instagram account',
      'Advertising and promotion of the practice',
      'This authorization ends on June 30, 2027.',
      'I may cancel this authorization at any time',
      'will not depend on whether I sign',
      'may then no longer be protected by federal privacy law',
      'I will receive a copy',
      'I agree to sign it electronically',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toMatch(/\{\{/);
    expect(text).not.toContain('receives payment');
    expect(text).not.toContain('personal representative');
  });

  it('adds the remuneration statement and the representative only when they apply', () => {
    const text = documentText(
      renderAuthorization(
        en,
        completeTerms({
          remuneration: { thirdPartyPays: true, payer: 'Acme Orthotics' },
          representative: { name: 'Ana Lopez', authority: 'parent_of_minor', authorityDetail: '' },
          expiration: { kind: 'event', event: 'the end of my treatment plan' },
        }),
        parties,
      ),
    );
    expect(text).toContain('Riverside Physical Therapy receives payment from Acme Orthotics');
    expect(text).toContain('Ana Lopez signs for the patient, with this authority: Parent of a minor.');
    expect(text).toContain('ends when the following happens: the end of my treatment plan.');
  });

  it('is written in Spanish from the Spanish template', () => {
    const text = documentText(renderAuthorization(es, completeTerms({ language: 'es' }), parties));
    expect(text).toContain('Autorización para usar mi información de salud en mercadeo');
    expect(text).toContain('Fotografías de mí');
    expect(text).toContain('termina el 30 de junio de 2027');
    expect(text).toContain('Puedo cancelar esta autorización');
  });

  it('gives the same text for the same inputs (the hash depends on it)', () => {
    const a = documentText(renderAuthorization(en, completeTerms(), parties));
    const b = documentText(renderAuthorization(en, completeTerms(), parties));
    expect(a).toBe(b);
  });

  it('ships built-in templates that pass the template schema', () => {
    expect(templateTextSchema.safeParse(builtInTemplates.en).success).toBe(true);
    expect(templateTextSchema.safeParse(builtInTemplates.es).success).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { documentText, renderAuthorization } from './document';
import { builtInTemplates, templateTextSchema } from './template';
import { completeTerms } from './test-terms';

const parties = {
  practiceName: 'Riverside Physical Therapy',
  patientName: 'Maria Lopez',
  practiceAddress: '120 River Road\nSpringfield, IL 62701',
  practiceEmail: 'privacy@riverside.example',
};
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
      'The last day this authorization is in effect is June 29, 2027.',
      'a written request to Riverside Physical Therapy: 120 River Road, Springfield, IL 62701, or by email to privacy@riverside.example.',
      'I may cancel this authorization at any time',
      'will not depend on whether I sign',
      'may then no longer be protected by federal privacy law',
      'I will receive a copy',
      'I agree to sign it electronically',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toMatch(/\{\{/);
    expect(text).not.toMatch(/signed request/);
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
    expect(text).toContain('Ana Lopez signs on behalf of Maria Lopez, with this authority: Parent of a minor.');
    expect(text).toContain('ends when the following happens: the end of my treatment plan.');
  });

  it('is written in Spanish from the Spanish template', () => {
    const text = documentText(renderAuthorization(es, completeTerms({ language: 'es' }), parties));
    expect(text).toContain('Autorización para usar mi información de salud en mercadeo');
    expect(text).toContain('Fotografías mías');
    expect(text).toContain('El último día en que esta autorización está vigente es el 29 de junio de 2027.');
    expect(text).toContain('Puedo cancelar esta autorización');
    expect(text).toContain('120 River Road, Springfield, IL 62701, o por correo electrónico a privacy@riverside.example');
    for (const translated of ['práctica', 'de mí', 'bajo esta autorización', 'ratón', 'el paciente']) expect(text).not.toContain(translated);
  });

  it('prints each list where its placeholder stands, and wording without one (version 1) with the list after its text', () => {
    const blocks = renderAuthorization(en, completeTerms(), parties).blocks;
    const at = blocks.findIndex((b) => b.kind === 'heading' && b.text.startsWith('1.'));
    expect(blocks.slice(at, at + 3)).toEqual([
      { kind: 'heading', text: '1. What information may be used' },
      { kind: 'paragraph', text: 'Riverside Physical Therapy may use only the following information about me:' },
      { kind: 'list', items: ['My written testimonial (quote or story)', 'My first name only', 'Photographs of me'] },
    ]);
    const old = { ...en, text: { ...en.text, information: { ...en.text.information, body: '{{practice}} may use:' } } };
    expect(renderAuthorization(old, completeTerms(), parties).blocks.slice(at + 1, at + 3)).toEqual([
      { kind: 'paragraph', text: 'Riverside Physical Therapy may use:' },
      { kind: 'list', items: ['My written testimonial (quote or story)', 'My first name only', 'Photographs of me'] },
    ]);
  });

  it('prints the hand-signature statement on the paper form, and ends with the signature section either way', () => {
    const paper = renderAuthorization(en, completeTerms(), parties, 'paper').blocks;
    expect(paper.at(-2)).toEqual({ kind: 'heading', text: 'Signature' });
    expect(paper.at(-1)).toEqual({ kind: 'paragraph', text: builtInTemplates.en.signature.onPaper });
    expect(documentText(renderAuthorization(en, completeTerms(), parties, 'paper'))).not.toContain('electronically');
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

import { describe, expect, it } from 'vitest';
import { languages } from './scope';
import { builtInTemplates, templateTextSchema, type TemplateText } from './template';
import { wordingElements, wordingProblems, type WordingElement } from './template-rules';

/** The built-in wording with one element broken the way an editor could break it. */
function without(text: TemplateText, element: WordingElement): TemplateText {
  const t = structuredClone(text);
  const drop = (value: string, placeholder: string) => value.replaceAll(`{{${placeholder}}}`, '').trim();
  switch (element) {
    case 'title':
      t.title = '';
      break;
    case 'intro':
      t.intro = '  ';
      break;
    case 'information':
      t.information.body = drop(t.information.body, 'information');
      break;
    case 'discloser':
      t.discloser.body = drop(t.discloser.body, 'practice');
      break;
    case 'recipients':
      t.recipients.body = drop(t.recipients.body, 'recipients');
      break;
    case 'purposes':
      t.purposes.body = drop(t.purposes.body, 'purposes');
      break;
    case 'expiration_date':
      t.expiration.onDate = drop(t.expiration.onDate, 'lastDay');
      break;
    case 'expiration_event':
      t.expiration.onEvent = drop(t.expiration.onEvent, 'event');
      break;
    case 'remuneration':
      t.remuneration.body = drop(t.remuneration.body, 'payer');
      break;
    case 'representative':
      t.representative.body = drop(t.representative.body, 'authority');
      break;
    case 'revocation':
      t.revocation = { heading: '', body: '' };
      break;
    case 'no_conditioning':
      t.noConditioning.body = '';
      break;
    case 'redisclosure':
      t.redisclosure = { heading: t.redisclosure.heading, body: '.' };
      break;
    case 'copy':
      t.copy.heading = '';
      break;
    case 'signature':
      t.signature.body = '';
      break;
    case 'signature_on_paper':
      t.signature.onPaper = '';
      break;
  }
  return t;
}

describe('wording rules', () => {
  it.each(languages)('accept the built-in wording (%s)', (language) => {
    expect(wordingProblems(language, builtInTemplates[language])).toEqual([]);
  });

  for (const language of languages) {
    it.each(wordingElements)(`refuse ${language} wording without %s, naming it`, (element) => {
      const problems = wordingProblems(language, without(builtInTemplates[language], element));
      expect(problems.map((p) => p.element)).toEqual([element]);
      expect(problems[0]!.message.length).toBeGreaterThan(20);
    });
  }

  it('name what a revocation statement fails to say, and the missing contact placeholder', () => {
    const t = structuredClone(builtInTemplates.en);
    t.revocation.body = 'You can tell us to stop.';
    const problems = wordingProblems('en', t);
    expect(problems.map((p) => [p.element, p.path])).toEqual([
      ['revocation', 'revocation.body'],
      ['revocation', 'revocation.body'],
    ]);
    expect(problems[0]!.message).toContain('{{revocationContact}}');
    expect(problems[1]!.message).toMatch(/in writing.*already done/);
  });

  it('refuse a placeholder it does not know, which would print as typed', () => {
    const t = structuredClone(builtInTemplates.es);
    t.remuneration.body = t.remuneration.body.replace('{{payer}}', '{{payer}} ({{pagador}})');
    expect(wordingProblems('es', t)).toEqual([expect.objectContaining({ element: 'remuneration', path: 'remuneration.body', message: expect.stringContaining('{{pagador}}') })]);
  });

  it('say "ends on {{date}}" is not enough: the last day in effect must be named', () => {
    const t = structuredClone(builtInTemplates.en);
    t.expiration.onDate = 'This authorization ends on {{date}}.';
    expect(wordingProblems('en', t).map((p) => p.element)).toEqual(['expiration_date']);
  });

  it('reach the rules with whole sections absent from what is sent, not a schema error', () => {
    const sent = structuredClone(builtInTemplates.en) as Partial<TemplateText>;
    delete sent.copy;
    const parsed = templateTextSchema.parse(sent);
    expect(wordingProblems('en', parsed).map((p) => p.element)).toEqual(['copy']);
  });
});

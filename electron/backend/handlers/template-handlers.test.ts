import { describe, expect, it } from 'vitest';
import { languages } from '../../../shared/authorization/scope';
import { builtInTemplates } from '../../../shared/authorization/template';
import { wordingElements } from '../../../shared/authorization/template-rules';
import { completeTerms } from '../../../shared/authorization/test-terms';
import { samplePatient, signAuthorization } from '../testing/consent-flow';
import { adminPassword, rejection, setUpStore } from '../testing/test-backend';

/** The built-in wording with one element blanked, as an editor could leave it. */
function lacking(language: (typeof languages)[number], element: (typeof wordingElements)[number]) {
  const text = structuredClone(builtInTemplates[language]) as Record<string, unknown> & typeof builtInTemplates.en;
  const blank: Record<(typeof wordingElements)[number], () => void> = {
    title: () => (text.title = ''),
    intro: () => (text.intro = ''),
    information: () => (text.information.body = text.information.body.replace('{{information}}', '')),
    discloser: () => (text.discloser.body = text.discloser.body.replaceAll('{{practice}}', 'we')),
    recipients: () => (text.recipients.body = text.recipients.body.replace('{{recipients}}', '')),
    purposes: () => (text.purposes.body = text.purposes.body.replace('{{purposes}}', '')),
    expiration_date: () => (text.expiration.onDate = text.expiration.onDate.replace('{{lastDay}}', 'soon')),
    expiration_event: () => (text.expiration.onEvent = text.expiration.onEvent.replace('{{event}}', 'something')),
    remuneration: () => (text.remuneration.body = text.remuneration.body.replace('{{payer}}', 'a company')),
    representative: () => (text.representative.body = text.representative.body.replace('{{authority}}', 'theirs')),
    revocation: () => delete (text as Record<string, unknown>).revocation,
    no_conditioning: () => (text.noConditioning = { heading: text.noConditioning.heading, body: '' }),
    redisclosure: () => (text.redisclosure.body = 'Be careful.'),
    copy: () => (text.copy.body = ''),
    signature: () => (text.signature.body = ''),
    signature_on_paper: () => (text.signature.onPaper = ''),
  };
  blank[element]();
  return text;
}

describe('publishing wording', () => {
  it('is refused for every missing element, in each language, naming it, and the refusal is audited', async () => {
    const t = await setUpStore();
    for (const language of languages) {
      for (const element of wordingElements) {
        const refused = await rejection(t.call('templates.publish', { language, text: lacking(language, element) as never }));
        expect(refused.code, `${language} ${element}`).toBe('validation');
        expect(refused.issues?.length, `${language} ${element}`).toBeGreaterThan(0);
        expect(refused.issues!.every((i) => i.path.startsWith('text.')), `${language} ${element}`).toBe(true);
        expect(refused.message, `${language} ${element}`).toMatch(/cannot be published/);
      }
    }
    const refusals = (await t.call('audit.list', { action: 'template.publish_refused', limit: 500 })).events;
    expect(refusals).toHaveLength(languages.length * wordingElements.length);
    expect(refusals.map((e) => e.detail)).toEqual(expect.arrayContaining(languages.flatMap((l) => wordingElements.map((e) => `${l}: ${e}`))));
    expect((await t.call('templates.list', {})).map((v) => v.version)).toEqual(languages.map(() => 1));
  });

  it('names the element in words a privacy officer understands', async () => {
    const t = await setUpStore();
    const refused = await rejection(t.call('templates.publish', { language: 'es', text: lacking('es', 'remuneration') }));
    expect(refused.message).toContain('The payment statement (remuneration) must contain {{payer}}');
    expect(refused.issues).toEqual([{ path: 'text.remuneration.body', message: expect.stringContaining('{{payer}}') }]);
  });

  it('adds complete wording as the next version; what was signed on the old one keeps it, unchanged', async () => {
    const t = await setUpStore();
    const patient = await t.call('patients.create', samplePatient);
    const signed = await signAuthorization(t.call, patient.id, completeTerms(), 'Maria Lopez', adminPassword);
    const [v1] = (await t.call('templates.list', {})).filter((v) => v.language === 'en');
    const revised = { ...builtInTemplates.en, intro: `${builtInTemplates.en.intro} Thank you.` };
    const v2 = await t.call('templates.publish', { language: 'en', text: revised });
    expect(v2).toMatchObject({ version: 2, active: true, text: revised });
    const versions = (await t.call('templates.list', {})).filter((v) => v.language === 'en');
    expect(versions.map((v) => [v.version, v.active])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(versions[1]!.text).toEqual(v1!.text);
    const after = await t.call('consents.get', { id: signed.id });
    expect(after.templateVersion).toBe(1);
    expect(after.document).toEqual(signed.document);
    expect((await t.call('audit.list', { action: 'template.published' })).events[0]!.detail).toBe('en v2');
  });

  it('is for administrators only', async () => {
    const t = await setUpStore();
    await t.call('staff.create', { username: 'frontdesk', displayName: 'Fran', role: 'frontdesk', password: 'front desk password' });
    await t.call('session.signOut', {});
    await t.call('session.signIn', { username: 'frontdesk', password: 'front desk password' });
    expect((await rejection(t.call('templates.publish', { language: 'en', text: builtInTemplates.en }))).code).toBe('forbidden');
  });
});

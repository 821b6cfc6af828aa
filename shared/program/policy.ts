import { z } from 'zod';
import { languages, type Language } from '../authorization/scope';
import { fillIn, patientLanguages } from '../patient-language';
import { policySectionKeys, programLanguages, type PolicySectionKey } from '../program-language';

/**
 * The practice's social-media policy (164.530(i)): one text per language
 * patients read, with a fixed set of topics (what counts as PHI, consent
 * before testimonials, content without patients, replying to reviews,
 * watching comments, mistakes, who to ask) and a "Do's and don'ts" list.
 * Each published version is kept and never changes; staff acknowledge the
 * version in force. `{practice}` in the text reads as the practice's name.
 *
 * Every text may be blank in what is sent, so that `policyProblems`, not the
 * schema, names what is missing, in words.
 */
const text = (max: number) => z.string().trim().max(max, `Use at most ${max.toLocaleString('en-US')} characters.`).default('');
const rule = z.string().trim().max(300, 'Keep each rule under 300 characters.');
const section = z.object({ heading: text(200), body: text(4000) }).strict().prefault({});

export const policyTextSchema = z
  .object({
    title: text(200),
    intro: text(4000),
    sections: z.object(Object.fromEntries(policySectionKeys.map((k) => [k, section])) as Record<PolicySectionKey, typeof section>).strict().prefault({}),
    dos: z.array(rule).max(20, 'Keep the list to 20 rules or fewer.').default([]),
    donts: z.array(rule).max(20, 'Keep the list to 20 rules or fewer.').default([]),
  })
  .strict();
export type PolicyText = z.output<typeof policyTextSchema>;

/** A version's text in every language. */
export const policyVersionTextSchema = z.object(Object.fromEntries(languages.map((l) => [l, policyTextSchema])) as Record<Language, typeof policyTextSchema>).strict();
export type PolicyVersionText = z.output<typeof policyVersionTextSchema>;

/** The policy a store starts from, in every language. */
export const builtInPolicy: PolicyVersionText = Object.fromEntries(languages.map((l) => [l, programLanguages[l].policy])) as PolicyVersionText;

export interface PolicyVersion {
  id: string;
  version: number;
  /** When it was published (UTC) and the practice's day of that: it is in force from then until the next version. */
  publishedAt: string;
  publishedOn: string;
  publishedByName: string;
  text: PolicyVersionText;
  /** SHA-256 of `policyDocumentText` per language: what an acknowledgment is tied to. */
  textSha256: Record<Language, string>;
}

/** The draft the privacy officer edits, kept so that nothing typed is lost to a lock. */
export interface PolicyDraft {
  text: PolicyVersionText;
  updatedAt: string;
  updatedByName: string;
}

export interface PolicyProblem {
  language: Language;
  /** The field: `title`, `intro`, `sections.reviews.body`, `dos`, ... */
  path: string;
  message: string;
}

export const sectionNames: Record<PolicySectionKey, string> = {
  phi: 'What counts as patient information',
  consent: 'Consent before testimonials',
  deidentified: 'Content without patients',
  reviews: 'Replying to reviews',
  comments: 'Watching comments',
  mistakes: 'When something went out',
  ask: 'Who to ask',
};

/** At least this many rules on each side of "Do's and don'ts". */
export const minimumRules = 3;

/**
 * What keeps a draft from being published: every topic with a heading and a
 * body, a title, and at least three rules each in "Do" and "Don't", in every
 * language, so that no member of staff reads a policy with a gap.
 */
export function policyProblems(text: PolicyVersionText): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const language of languages) {
    const t = text[language];
    const name = patientLanguages[language].englishName;
    if (!t.title) problems.push({ language, path: 'title', message: `${name}: give the policy a title.` });
    for (const key of policySectionKeys) {
      const s = t.sections[key];
      if (!s.heading) problems.push({ language, path: `sections.${key}.heading`, message: `${name}: “${sectionNames[key]}” needs a heading.` });
      if (!s.body) problems.push({ language, path: `sections.${key}.body`, message: `${name}: “${sectionNames[key]}” needs its text.` });
    }
    const dos = t.dos.filter(Boolean).length;
    const donts = t.donts.filter(Boolean).length;
    if (dos < minimumRules) problems.push({ language, path: 'dos', message: `${name}: list at least ${minimumRules} things to do (${dos} now).` });
    if (donts < minimumRules) problems.push({ language, path: 'donts', message: `${name}: list at least ${minimumRules} things not to do (${donts} now).` });
  }
  return problems;
}

/** Blank rules dropped: what a published version keeps. */
export function tidyPolicy(text: PolicyVersionText): PolicyVersionText {
  return Object.fromEntries(
    languages.map((l) => [l, { ...text[l], dos: text[l].dos.filter(Boolean), donts: text[l].donts.filter(Boolean) }]),
  ) as PolicyVersionText;
}

/**
 * The policy as one text, exactly as the acknowledgment screen shows it,
 * with the practice's name filled in: the renderer and the backend hash
 * this, so an acknowledgment is tied to the words that were on screen.
 */
export function policyDocumentText(text: PolicyText, practiceName: string, dosHeading: string, dontsHeading: string): string {
  const fill = (s: string) => fillIn(s, { practice: practiceName });
  const parts = [fill(text.title), fill(text.intro)];
  for (const key of policySectionKeys) parts.push(fill(text.sections[key].heading), fill(text.sections[key].body));
  parts.push(dosHeading, ...text.dos.map(fill), dontsHeading, ...text.donts.map(fill));
  return parts.join('\n');
}

/** The headings of the two lists in a language. */
export function ruleHeadings(language: Language): { dos: string; donts: string } {
  const d = programLanguages[language].policyDocument;
  return { dos: d.dosHeading, donts: d.dontsHeading };
}

/** `policyDocumentText` in a language, with that language's list headings. */
export function policyTextIn(text: PolicyVersionText, language: Language, practiceName: string): string {
  const h = ruleHeadings(language);
  return policyDocumentText(text[language], practiceName, h.dos, h.donts);
}

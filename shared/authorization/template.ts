import { z } from 'zod';
import { patientLanguages } from '../patient-language';
import { languages, type Language } from './scope';

/**
 * The wording of an authorization, one version per language. Placeholders
 * (`{{name}}`) are listed in `./template-placeholders.ts`; the rules a
 * version must meet before it is published are in `./template-rules.ts`.
 * A version used by any signed authorization never changes: new wording is
 * a new version.
 *
 * Every text may be absent or blank in what is sent, so that the wording
 * rules, not the schema, say which element is missing, in words.
 */
const text = z.string().trim().max(4000, 'Use at most 4,000 characters.').default('');
const section = z.object({ heading: text, body: text }).strict().prefault({});

export const templateTextSchema = z
  .object({
    title: text,
    intro: text,
    information: section,
    discloser: section,
    recipients: section,
    purposes: section,
    /** `onDate` names the last day in effect ({{lastDay}}); `onEvent` the event ({{event}}). */
    expiration: z.object({ heading: text, onDate: text, onEvent: text }).strict().prefault({}),
    remuneration: section,
    revocation: section,
    noConditioning: section,
    redisclosure: section,
    copy: section,
    representative: section,
    /** `body` for an electronic signature; `onPaper` on the form printed for a handwritten one. */
    signature: z.object({ heading: text, body: text, onPaper: text }).strict().prefault({}),
  })
  .strict();
export type TemplateText = z.output<typeof templateTextSchema>;
export type TemplateTextInput = z.input<typeof templateTextSchema>;

export interface AuthorizationTemplate {
  id: string;
  language: Language;
  version: number;
  active: boolean;
  createdAt: string;
  text: TemplateText;
}

export const templateLanguageSchema = z.enum(languages);

/** The wording each language starts with: in the patient-facing catalogue. */
export const builtInTemplates = Object.fromEntries(languages.map((l) => [l, patientLanguages[l].template])) as Record<Language, TemplateText>;

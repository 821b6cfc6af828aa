import type { TemplateText } from '../../../../shared/authorization/template';

/** One editable text of a wording version: where it sits, its label, and whether it is a heading (one line). */
export interface WordingField {
  path: string;
  label: string;
  heading: boolean;
}

const section = (key: string, name: string): WordingField[] => [
  { path: `${key}.heading`, label: `${name}: heading`, heading: true },
  { path: `${key}.body`, label: `${name}: text`, heading: false },
];

/** Every text of a wording, in the order the document prints them. */
export const wordingFields: readonly WordingField[] = [
  { path: 'title', label: 'Title', heading: true },
  { path: 'intro', label: 'Introduction', heading: false },
  ...section('information', '1. What information may be used'),
  ...section('discloser', '2. Who may use and share it'),
  ...section('recipients', '3. Where it may appear'),
  ...section('purposes', '4. Why it will be used'),
  { path: 'expiration.heading', label: '5. When it ends: heading', heading: true },
  { path: 'expiration.onDate', label: '5. When it ends: sentence for a date', heading: false },
  { path: 'expiration.onEvent', label: '5. When it ends: sentence for an event', heading: false },
  ...section('remuneration', 'Payment (remuneration)'),
  ...section('revocation', 'Right to revoke'),
  ...section('noConditioning', 'No conditioning of treatment'),
  ...section('redisclosure', 'Redisclosure'),
  ...section('copy', 'The patient’s copy'),
  ...section('representative', 'Personal representative'),
  { path: 'signature.heading', label: 'Signature: heading', heading: true },
  { path: 'signature.body', label: 'Signature: statement for an electronic signature', heading: false },
  { path: 'signature.onPaper', label: 'Signature: statement on the paper form', heading: false },
];

export function valueAt(text: TemplateText, path: string): string {
  const [key, part] = path.split('.') as [keyof TemplateText, string | undefined];
  const value = text[key];
  return typeof value === 'string' ? value : ((value as Record<string, string>)[part!] ?? '');
}

export function withValue(text: TemplateText, path: string, next: string): TemplateText {
  const [key, part] = path.split('.') as [keyof TemplateText, string | undefined];
  if (!part) return { ...text, [key]: next };
  return { ...text, [key]: { ...(text[key] as Record<string, string>), [part]: next } };
}

import type { TemplateText } from '../../../../shared/authorization/template';

/** One editable text of a wording version: where it sits, and whether it is a heading (one line). Its label is the wording catalogue's `fields.<path>`. */
export interface WordingField {
  path: string;
  heading: boolean;
}

const section = (key: string): WordingField[] => [
  { path: `${key}.heading`, heading: true },
  { path: `${key}.body`, heading: false },
];

/** Every text of a wording, in the order the document prints them. */
export const wordingFields: readonly WordingField[] = [
  { path: 'title', heading: true },
  { path: 'intro', heading: false },
  ...section('information'),
  ...section('discloser'),
  ...section('recipients'),
  ...section('purposes'),
  { path: 'expiration.heading', heading: true },
  { path: 'expiration.onDate', heading: false },
  { path: 'expiration.onEvent', heading: false },
  ...section('remuneration'),
  ...section('revocation'),
  ...section('noConditioning'),
  ...section('redisclosure'),
  ...section('copy'),
  ...section('representative'),
  { path: 'signature.heading', heading: true },
  { path: 'signature.body', heading: false },
  { path: 'signature.onPaper', heading: false },
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

import { formatDay } from '../calendar';
import {
  authorityLabels,
  channelLabels,
  contentKindLabels,
  purposeLabels,
  type AuthorizationTerms,
} from './scope';
import type { AuthorizationTemplate } from './template';

/**
 * The authorization as the patient sees it, built from a template version
 * and the terms. The same document feeds the live preview, patient mode and
 * the PDF, and its plain text is what the signature's hash covers.
 */
export type DocumentBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] };

export interface AuthorizationDocument {
  title: string;
  language: AuthorizationTemplate['language'];
  templateVersion: number;
  blocks: DocumentBlock[];
}

export interface DocumentParties {
  practiceName: string;
  patientName: string;
}

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
}

export function renderAuthorization(
  template: Pick<AuthorizationTemplate, 'language' | 'version' | 'text'>,
  terms: AuthorizationTerms,
  parties: DocumentParties,
): AuthorizationDocument {
  const t = template.text;
  const lang = template.language;
  const { scope, expiration, remuneration, representative } = terms;
  const values: Record<string, string> = {
    practice: parties.practiceName,
    patient: parties.patientName,
    payer: remuneration.payer,
    representative: representative?.name ?? '',
    authority: representative?.authority
      ? [authorityLabels[lang][representative.authority], representative.authorityDetail].filter(Boolean).join(': ')
      : '',
    date: expiration.kind === 'date' ? formatDay(expiration.date, lang) : '',
    event: expiration.kind === 'event' ? expiration.event : '',
  };
  const blocks: DocumentBlock[] = [];
  const section = (heading: string, body: string, items?: string[]) => {
    blocks.push({ kind: 'heading', text: fill(heading, values) }, { kind: 'paragraph', text: fill(body, values) });
    if (items) blocks.push({ kind: 'list', items });
  };

  blocks.push({ kind: 'paragraph', text: fill(t.intro, values) });
  section(t.information.heading, t.information.body, scope.contentKinds.map((k) => contentKindLabels[lang][k]));
  section(t.discloser.heading, t.discloser.body);
  section(t.recipients.heading, t.recipients.body, [...scope.channels.map((c) => channelLabels[lang][c]), ...scope.otherChannels]);
  section(t.purposes.heading, t.purposes.body, [...scope.purposes.map((p) => purposeLabels[lang][p]), ...scope.otherPurposes]);
  section(t.expiration.heading, expiration.kind === 'date' ? t.expiration.onDate : t.expiration.onEvent);
  if (remuneration.thirdPartyPays) section(t.remuneration.heading, t.remuneration.body);
  section(t.revocation.heading, t.revocation.body);
  section(t.noConditioning.heading, t.noConditioning.body);
  section(t.redisclosure.heading, t.redisclosure.body);
  section(t.copy.heading, t.copy.body);
  if (representative) section(t.representative.heading, t.representative.body);
  section(t.signature.heading, t.signature.body);

  return { title: fill(t.title, values), language: lang, templateVersion: template.version, blocks };
}

/**
 * The document as canonical plain text: what the signature's hash covers,
 * and what the signed record keeps as "the exact text shown".
 */
export function documentText(doc: AuthorizationDocument): string {
  const lines = [doc.title, ''];
  for (const block of doc.blocks) {
    if (block.kind === 'list') lines.push(...block.items.map((item) => `- ${item}`));
    else lines.push(block.text);
    if (block.kind !== 'heading') lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

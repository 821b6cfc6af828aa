import { addDaysTo, formatDay } from '../calendar';
import { fillIn, patientLanguages } from '../patient-language';
import type { AuthorizationTerms } from './scope';
import type { AuthorizationTemplate } from './template';
import type { listPlaceholders} from './template-placeholders';
import { type Placeholder } from './template-placeholders';

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
  /** Where a revocation can be sent: the practice's postal address (lines) and, when it has one, an email address. */
  practiceAddress: string;
  practiceEmail: string;
}

/** How the patient signs: the signature statement differs (electronic consent, or a hand signature on the printed form). */
export type SigningMethod = 'electronic' | 'paper';

function fill(text: string, values: Partial<Record<Placeholder, string>>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key as Placeholder] ?? whole);
}

/** A postal address typed on several lines, as one line of running text. */
export const addressOnOneLine = (address: string) =>
  address
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(', ');

export function renderAuthorization(
  template: Pick<AuthorizationTemplate, 'language' | 'version' | 'text'>,
  terms: AuthorizationTerms,
  parties: DocumentParties,
  signing: SigningMethod = 'electronic',
): AuthorizationDocument {
  const t = template.text;
  const lang = template.language;
  const words = patientLanguages[lang];
  const { scope, expiration, remuneration, representative } = terms;
  const address = addressOnOneLine(parties.practiceAddress);
  const email = parties.practiceEmail.trim();
  const values: Partial<Record<Placeholder, string>> = {
    practice: parties.practiceName,
    patient: parties.patientName,
    payer: remuneration.payer,
    representative: representative?.name ?? '',
    authority: representative?.authority
      ? [words.labels.authorities[representative.authority], representative.authorityDetail].filter(Boolean).join(': ')
      : '',
    date: expiration.kind === 'date' ? formatDay(expiration.date, lang) : '',
    lastDay: expiration.kind === 'date' ? formatDay(addDaysTo(expiration.date, -1), lang) : '',
    event: expiration.kind === 'event' ? expiration.event : '',
    revocationContact: address ? fillIn(email ? words.revocationContact.withEmail : words.revocationContact.withoutEmail, { address, email }) : '',
  };
  const lists: Record<(typeof listPlaceholders)[number], string[]> = {
    information: scope.contentKinds.map((k) => words.labels.contentKinds[k]),
    recipients: [...scope.channels.map((c) => words.labels.channels[c]), ...scope.otherChannels],
    purposes: [...scope.purposes.map((p) => words.labels.purposes[p]), ...scope.otherPurposes],
  };
  const blocks: DocumentBlock[] = [];
  const paragraph = (text: string) => {
    if (text.trim()) blocks.push({ kind: 'paragraph', text: text.trim() });
  };
  /**
   * A section's list goes where its placeholder stands ("... about me:
   * {{information}}"); wording written before list placeholders existed
   * has the list after its text.
   */
  const section = (heading: string, body: string, list?: (typeof listPlaceholders)[number]) => {
    blocks.push({ kind: 'heading', text: fill(heading, values) });
    const marker = list ? `{{${list}}}` : null;
    const at = marker ? body.indexOf(marker) : -1;
    if (list && at >= 0) {
      paragraph(fill(body.slice(0, at), values));
      blocks.push({ kind: 'list', items: lists[list] });
      paragraph(fill(body.slice(at + marker!.length), values));
    } else {
      paragraph(fill(body, values));
      if (list) blocks.push({ kind: 'list', items: lists[list] });
    }
  };

  paragraph(fill(t.intro, values));
  section(t.information.heading, t.information.body, 'information');
  section(t.discloser.heading, t.discloser.body);
  section(t.recipients.heading, t.recipients.body, 'recipients');
  section(t.purposes.heading, t.purposes.body, 'purposes');
  section(t.expiration.heading, expiration.kind === 'date' ? t.expiration.onDate : t.expiration.onEvent);
  if (remuneration.thirdPartyPays) section(t.remuneration.heading, t.remuneration.body);
  section(t.revocation.heading, t.revocation.body);
  section(t.noConditioning.heading, t.noConditioning.body);
  section(t.redisclosure.heading, t.redisclosure.body);
  section(t.copy.heading, t.copy.body);
  if (representative) section(t.representative.heading, t.representative.body);
  // Last, always: the PDF keeps this section together with the signature block.
  section(t.signature.heading, signing === 'paper' ? t.signature.onPaper : t.signature.body);

  return { title: fill(t.title, values), language: lang, templateVersion: template.version, blocks };
}

/**
 * The signature section: the document's last heading and its statement,
 * which the PDF keeps on one page with the signature itself.
 */
export function signatureSection(doc: AuthorizationDocument): { body: DocumentBlock[]; heading: string; statement: string } {
  const heading = doc.blocks.at(-2);
  const statement = doc.blocks.at(-1);
  if (heading?.kind !== 'heading' || statement?.kind !== 'paragraph') {
    throw new Error('An authorization document ends with its signature heading and statement.');
  }
  return { body: doc.blocks.slice(0, -2), heading: heading.text, statement: statement.text };
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

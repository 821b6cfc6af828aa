import type { ContentKind } from '../../../shared/authorization/scope';
import type { Disclosure } from '../../../shared/posts/disclosures';
import { identifierNames, type IdentifierKind } from '../../../shared/posts/phi-scanner';
import { translateKey } from './i18n';

const isIdentifier = (kind: string): kind is IdentifierKind => Object.hasOwn(identifierNames, kind);

/**
 * What a disclosure is and what the consent must include, in the staff
 * member's language, from its kind and parameters. A disclosure kept before
 * its parameters were recorded, or of a kind a newer version adds, shows the
 * rule's English sentence as recorded.
 */
export function disclosureText(d: Disclosure): string {
  const say = (key: string, values: Record<string, unknown> = {}) => translateKey(`posts:disclosures.${key}`, values);
  const needs = (kind: ContentKind | null) => (kind ? ` ${say('needs', { what: say(`needed.${kind}`) })}` : '');
  const p = d.params;
  switch (d.kind) {
    case 'patient_name':
      return p?.name && p.nameForm ? `${say(`name.${p.name}`)}${p.nameForm === 'plain' ? '' : say(`nameForm.${p.nameForm}`)}.${needs(d.contentKind)}` : d.message;
    case 'health':
      if (p?.billing === undefined) return d.message;
      return `${say(p.billing ? 'billing' : d.specific ? 'healthSpecific' : 'healthCare')}${needs(d.contentKind)}`;
    case 'age':
      return p?.over89 === undefined ? d.message : `${say(p.over89 ? 'ageOver89' : 'age')}${needs(d.contentKind)}`;
    case 'place':
      return `${say('place')}${needs(d.contentKind)}`;
    case 'testimonial':
      return `${say('testimonial', { title: d.text })}${needs(d.contentKind)}`;
    case 'media':
      if (p?.named === undefined) return d.message;
      return `${p.named ? `${d.text}.` : say('mediaFile')}${needs(d.contentKind)}`;
    case 'added':
      return `${say('added')}${needs(d.contentKind)}`;
    default: {
      if (!isIdentifier(d.kind)) return d.message;
      const why = say(`identifiers.${d.kind}`);
      if (!d.blocking) return why;
      const where = say(d.source === 'caption' ? 'inTheCaption' : 'inTheQuote', { identifier: say(`identifierNames.${d.kind}`) });
      return `${where} ${why} ${say('blocks')}`;
    }
  }
}

/** The first sentence alone: what was found, without what to do about it (the approval dialog lists them). */
export function disclosureHeadline(d: Disclosure): string {
  const text = disclosureText(d);
  const end = text.indexOf('. ');
  return end === -1 ? text : text.slice(0, end + 1);
}

import type { Language } from '../../../../shared/authorization/scope';
import { patientLanguages } from '../../../../shared/patient-language';
import { looksWrittenIn } from '../../../../shared/patient-language/language-guess';

export interface FreeTextEntry {
  /** Where it was typed, as the form labels it ("Other channel 1"). */
  where: string;
  text: string;
  kind: keyof (typeof patientLanguages)['en']['freeText']['examples'];
}

/**
 * Free text prints in the document exactly as typed: when what was typed
 * for a document in one language looks written in another, say so, with an
 * example in the document's language. A warning, not a refusal: names and
 * brands are often the same in both.
 */
export function FreeTextLanguageNotice({ language, entries }: { language: Language; entries: FreeTextEntry[] }) {
  const target = patientLanguages[language];
  const suspicious = entries.flatMap((entry) => {
    const found = looksWrittenIn(entry.text, language);
    return found ? [{ ...entry, found }] : [];
  });
  return (
    <div role="status" className={suspicious.length ? 'language-notice language-notice-open' : 'language-notice'}>
      {suspicious.length ? (
        <>
          <p>
            The patient reads this authorization in {target.englishName}, but{' '}
            {suspicious.length === 1 ? 'this entry looks' : 'these entries look'} {patientLanguages[suspicious[0]!.found].englishName}. It
            prints exactly as typed:
          </p>
          <ul>
            {suspicious.map((s) => (
              <li key={`${s.where}-${s.text}`}>
                {s.where}: “{s.text}”. For example: <span lang={language}>“{target.freeText.examples[s.kind]}”</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

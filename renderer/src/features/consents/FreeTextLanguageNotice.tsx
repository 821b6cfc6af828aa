import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation(['consents', 'common']);
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
            {t('freeTextLanguageNotice.thePatientReadsThisAuthorization')} {target.englishName}{t('freeTextLanguageNotice.but')}{' '}
            {suspicious.length === 1 ? t('freeTextLanguageNotice.thisEntryLooks') : t('freeTextLanguageNotice.theseEntriesLook')} {patientLanguages[suspicious[0]!.found].englishName}{t('freeTextLanguageNotice.itPrintsExactlyAsTyped')}
          </p>
          <ul>
            {suspicious.map((s) => (
              <li key={`${s.where}-${s.text}`}>
                {s.where}: “{s.text}{t('freeTextLanguageNotice.forExample')} <span lang={language}>“{target.freeText.examples[s.kind]}”</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

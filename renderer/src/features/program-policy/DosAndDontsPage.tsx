import { languageName } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import { useCallback, useState } from 'react';
import { languages, type Language } from '../../../../shared/authorization/scope';
import { builtInPolicy, ruleHeadings } from '../../../../shared/program/policy';
import { useApi } from '../../api/api-context';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { useLoaded } from '../../components/use-loaded';
import { RuleLists } from './PolicyDocument';
import './policy.css';

/** The policy's Do's and don'ts, one click from every page (the header's link): the version in force, or the built-in one. */
export function DosAndDontsPage() {
  const { t } = useTranslation(['program-policy', 'common']);
  const api = useApi();
  const load = useCallback(() => api['program.mine']({}), [api]);
  const { value, error } = useLoaded(load);
  const [language, setLanguage] = useState<Language>('en');
  const text = (value?.policy?.text ?? builtInPolicy)[language];
  return (
    <>
      <PageHeading>{t('dosAndDontsPage.doSAndDonTs')}</PageHeading>
      <StatusMessage tone="problem">{error}</StatusMessage>
      <p className="lead">
        {value?.policy ? t('dosAndDontsPage.fromPolicyVersion', { version: value.policy.version }) : t('dosAndDontsPage.thePracticeHasNotPublished')} {t('dosAndDontsPage.whenInDoubtDoNot')}
      </p>
      <fieldset className="policy-languages">
        <legend className="visually-hidden">{t('dosAndDontsPage.language')}</legend>
        {languages.map((l) => (
          <label key={l}>
            <input type="radio" name="dos-language" checked={language === l} onChange={() => setLanguage(l)} /> {languageName(l)}
          </label>
        ))}
      </fieldset>
      <div lang={language}>
        <RuleLists text={text} practiceName={value?.practiceName ?? ''} headings={ruleHeadings(language)} level={2} />
      </div>
      <p>
        <a href="#/our-policy">{t('dosAndDontsPage.readTheWholePolicy')}</a>
      </p>
    </>
  );
}

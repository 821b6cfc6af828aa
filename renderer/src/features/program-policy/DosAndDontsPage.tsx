import { useCallback, useState } from 'react';
import { languages, type Language } from '../../../../shared/authorization/scope';
import { patientLanguages } from '../../../../shared/patient-language';
import { builtInPolicy, ruleHeadings } from '../../../../shared/program/policy';
import { useApi } from '../../api/api-context';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { useLoaded } from '../../components/use-loaded';
import { RuleLists } from './PolicyDocument';
import './policy.css';

/** The policy's Do's and don'ts, one click from every page (the header's link): the version in force, or the built-in one. */
export function DosAndDontsPage() {
  const api = useApi();
  const load = useCallback(() => api['program.mine']({}), [api]);
  const { value, error } = useLoaded(load);
  const [language, setLanguage] = useState<Language>('en');
  const text = (value?.policy?.text ?? builtInPolicy)[language];
  return (
    <>
      <PageHeading>Do’s and don’ts</PageHeading>
      <StatusMessage tone="problem">{error}</StatusMessage>
      <p className="lead">
        {value?.policy ? `From the social-media policy, version ${value.policy.version}.` : 'The practice has not published its own policy yet: these are the built-in rules.'} When in doubt, do not post: use “Ask
        before posting” on the post, or ask the privacy officer.
      </p>
      <fieldset className="policy-languages">
        <legend className="visually-hidden">Language</legend>
        {languages.map((l) => (
          <label key={l}>
            <input type="radio" name="dos-language" checked={language === l} onChange={() => setLanguage(l)} /> {patientLanguages[l].englishName}
          </label>
        ))}
      </fieldset>
      <div lang={language}>
        <RuleLists text={text} practiceName={value?.practiceName ?? ''} headings={ruleHeadings(language)} level={2} />
      </div>
      <p>
        <a href="#/our-policy">Read the whole policy</a>
      </p>
    </>
  );
}

import { languageName } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import { useEffect, useId, useRef, useState } from 'react';
import { languages, type Language } from '../../../../shared/authorization/scope';
import { AppError } from '../../../../shared/errors';
import { patientLanguages } from '../../../../shared/patient-language';
import type { AcknowledgmentStatus } from '../../../../shared/program/acknowledgment';
import type { PolicyVersion } from '../../../../shared/program/policy';
import { useApi } from '../../api/api-context';
import { messageOf } from '../../components/error-message';
import type { FormProblem } from '../../components/call-error';
import { FormAlert } from '../../components/FormAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { TextInput } from '../program/ControlledFields';
import { PolicyDocument } from './PolicyDocument';
import { policyTextSha256 } from './policy-text';
import './policy.css';

/**
 * Reading the policy in force to its end, then confirming with one's
 * password. The text sits in a scrolling region (keyboard: Tab to it, then
 * Page Down or End); the confirmation is offered once its last line has
 * been on screen. The SHA-256 of the words shown goes with it.
 */
export function PolicyAcknowledgment({
  policy,
  practiceName,
  onAcknowledged,
  headingLevel = 2,
}: {
  policy: PolicyVersion;
  practiceName: string;
  onAcknowledged: (status: AcknowledgmentStatus) => void;
  /** The level of the policy's title where it is shown (2 on its own screen, 3 inside a section). */
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation(['program-policy', 'common']);
  const api = useApi();
  const id = useId();
  const [language, setLanguage] = useState<Language>('en');
  const [readToEnd, setReadToEnd] = useState(false);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | undefined>();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const reader = useRef<HTMLDivElement>(null);
  const end = useRef<HTMLParagraphElement>(null);

  // The last line has been seen once it has scrolled into the reading region.
  useEffect(() => {
    const root = reader.current;
    const target = end.current;
    if (!root || !target) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setReadToEnd(true), { root, threshold: 0.9 });
    observer.observe(target);
    return () => observer.disconnect();
  }, [language]);

  const submit = async () => {
    setProblem(null);
    setPasswordError(undefined);
    if (!readToEnd) {
      setProblem({ message: t('policyAcknowledgment.readToTheEnd'), focus: true });
      return;
    }
    if (!password) {
      setPasswordError(t('policyAcknowledgment.enterPassword'));
      return;
    }
    setBusy(true);
    try {
      const textSha256 = await policyTextSha256(policy.text, language, practiceName);
      onAcknowledged(await api['policy.acknowledge']({ versionId: policy.id, language, textSha256, password }));
    } catch (error) {
      setPassword('');
      if (error instanceof AppError && error.code === 'unauthorized' && error.issues?.length) setPasswordError(error.issues[0]!.message);
      else setProblem({ message: messageOf(error), focus: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="policy-acknowledgment">
      <fieldset className="policy-languages">
        <legend className="visually-hidden">{t('policyAcknowledgment.readItIn')}</legend>
        {languages.map((l) => (
          <label key={l}>
            <input
              type="radio"
              name={`${id}-language`}
              checked={language === l}
              onChange={() => {
                setLanguage(l);
                setReadToEnd(false);
              }}
            />{' '}
            {languageName(l) === patientLanguages[l].nativeName ? languageName(l) : `${languageName(l)} (${patientLanguages[l].nativeName})`}
          </label>
        ))}
      </fieldset>
      <div ref={reader} className="policy-reader" role="region" aria-label={t('policyAcknowledgment.policyVersion', { version: policy.version })} tabIndex={0}>
        <PolicyDocument text={policy.text[language]} language={language} practiceName={practiceName} level={headingLevel} />
        <p ref={end} className="policy-end">
          {t('policyAcknowledgment.endOfThePolicyVersion')} {policy.version}).
        </p>
      </div>
      <p role="status" className="field-hint">
        {readToEnd ? t('policyAcknowledgment.youHaveReadThePolicy') : t('policyAcknowledgment.scrollThePolicyToIts')}
      </p>
      <form
        className="policy-ack-form"
        noValidate
        aria-busy={busy}
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <FormAlert problem={problem} />
        <TextInput label={t('policyAcknowledgment.yourPassword')} type="password" autoComplete="current-password" value={password} onValue={setPassword} error={passwordError} hint={t('policyAcknowledgment.confirmsThatItIsYou')} />
        <SubmitButton busy={busy}>{t('policyAcknowledgment.iHaveReadThePolicy')}</SubmitButton>
      </form>
    </div>
  );
}

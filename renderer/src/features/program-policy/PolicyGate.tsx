import { useTranslation } from 'react-i18next';
import { useCallback, useState, type ReactNode } from 'react';
import { askAtSignIn, mustAcknowledge } from '../../../../shared/program/acknowledgment';
import { formatDay } from '../../i18n/format';
import { useApi } from '../../api/api-context';
import { PageHeading } from '../../components/PageHeading';
import { WelcomeLayout } from '../../components/WelcomeLayout';
import { useLoaded } from '../../components/use-loaded';
import { useAppState, useSession } from '../session/app-state-context';
import { PolicyAcknowledgment } from './PolicyAcknowledgment';
import '../../components/buttons.css';

/**
 * Right after sign-in (and an unlock), before the app: the social-media
 * policy to acknowledge, when the version in force is not acknowledged
 * yet, the acknowledgment is more than a year old, or its year ends within
 * 30 days. "Not now" opens the app; approving and publishing posts stay
 * refused until it is done, and the app keeps saying so. Nothing is asked
 * before a first policy is published.
 */
export function PolicyGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation(['program-policy', 'common']);
  const api = useApi();
  const { state } = useAppState();
  const session = useSession();
  const load = useCallback(() => api['program.mine']({}), [api]);
  const { value, error } = useLoaded(load);
  const [done, setDone] = useState(false);

  // If the question cannot be asked (an error), the app opens; the backend still refuses what needs an acknowledgment.
  if (error || done) return <>{children}</>;
  if (!value) return <p aria-busy="true">{t('policyGate.openingConsentDesk')}</p>;
  if (!value.policy || !askAtSignIn(value.acknowledgment)) return <>{children}</>;

  const required = mustAcknowledge(value.acknowledgment);
  const ack = value.acknowledgment;
  return (
    <WelcomeLayout practiceName={state.practiceName}>
      <PageHeading>{t('policyGate.readTheSocialMediaPolicy')}</PageHeading>
      <p className="lead">
        {ack.state === 'missing' && ack.lastVersionAcknowledged !== null
          ? t('policyGate.newVersion', { practice: value.practiceName, version: value.policy.version })
          : ack.state === 'missing'
            ? t('policyGate.welcome', { name: session.displayName, practice: value.practiceName })
            : ack.state === 'expired'
              ? t('policyGate.everyYearEveryoneConfirmsThe')
              : t('policyGate.dueBy', { day: formatDay(ack.renewBy!) })}
        {required ? t('policyGate.untilThenYouCannotApprove') : ''}
      </p>
      <PolicyAcknowledgment policy={value.policy} practiceName={value.practiceName} onAcknowledged={() => setDone(true)} />
      <p>
        <button type="button" className="button button-secondary" onClick={() => setDone(true)}>
          {t('policyGate.notNow')}
        </button>
      </p>
    </WelcomeLayout>
  );
}

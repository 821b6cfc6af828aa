import { useCallback, useState, type ReactNode } from 'react';
import { askAtSignIn, mustAcknowledge } from '../../../../shared/program/acknowledgment';
import { formatDay } from '../../../../shared/calendar';
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
  const api = useApi();
  const { state } = useAppState();
  const session = useSession();
  const load = useCallback(() => api['program.mine']({}), [api]);
  const { value, error } = useLoaded(load);
  const [done, setDone] = useState(false);

  // If the question cannot be asked (an error), the app opens; the backend still refuses what needs an acknowledgment.
  if (error || done) return <>{children}</>;
  if (!value) return <p aria-busy="true">Opening Consent Desk…</p>;
  if (!value.policy || !askAtSignIn(value.acknowledgment)) return <>{children}</>;

  const required = mustAcknowledge(value.acknowledgment);
  const ack = value.acknowledgment;
  return (
    <WelcomeLayout practiceName={state.practiceName}>
      <PageHeading>Read the social-media policy</PageHeading>
      <p className="lead">
        {ack.state === 'missing' && ack.lastVersionAcknowledged !== null
          ? `${value.practiceName} published version ${value.policy.version} of its social-media policy. Read it to the end, then confirm with your password.`
          : ack.state === 'missing'
            ? `Welcome, ${session.displayName}. Everyone at ${value.practiceName} reads its social-media policy and confirms it with their password.`
            : ack.state === 'expired'
              ? 'Every year, everyone confirms the social-media policy again. Your last confirmation is more than a year old.'
              : `Your yearly confirmation of the social-media policy is due by ${formatDay(ack.renewBy!, 'en')}. You can confirm it now.`}
        {required ? ' Until then you cannot approve or publish posts.' : ''}
      </p>
      <PolicyAcknowledgment policy={value.policy} practiceName={value.practiceName} onAcknowledged={() => setDone(true)} />
      <p>
        <button type="button" className="button button-secondary" onClick={() => setDone(true)}>
          Not now
        </button>
      </p>
    </WelcomeLayout>
  );
}

import { useTranslation } from 'react-i18next';
import { useCallback, useState } from 'react';
import { formatDay } from '../../i18n/format';
import { acknowledgmentStateLabels, mustAcknowledge } from '../../../../shared/program/acknowledgment';
import { useApi } from '../../api/api-context';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { useLoaded } from '../../components/use-loaded';
import { SavePdfButton } from '../program/SavePdfButton';
import { PolicyAcknowledgment } from './PolicyAcknowledgment';
import '../../components/buttons.css';
import './policy.css';

/** Everyone's page: the policy in force, where their acknowledgment stands, and acknowledging it. */
export function OurPolicyPage() {
  const { t } = useTranslation(['program-policy', 'common']);
  const api = useApi();
  const load = useCallback(() => api['program.mine']({}), [api]);
  const { value, error, reload } = useLoaded(load);
  const [message, setMessage] = useState<{ message: string; tone: 'success' | 'problem' } | null>(null);

  if (!value) {
    return (
      <>
        <PageHeading>{t('ourPolicyPage.socialMediaPolicy')}</PageHeading>
        {error ? <StatusMessage tone="problem">{error}</StatusMessage> : <p aria-busy="true">{t('ourPolicyPage.loadingThePolicy')}</p>}
      </>
    );
  }
  const { policy, acknowledgment: ack } = value;
  return (
    <>
      <PageHeading>{t('ourPolicyPage.socialMediaPolicy')}</PageHeading>
      <StatusMessage tone={message?.tone ?? 'success'}>{message?.message}</StatusMessage>
      {!policy ? (
        <p className="lead">{t('ourPolicyPage.thePrivacyOfficerHasNot')}</p>
      ) : (
        <>
          <p className="lead">
            {t('ourPolicyPage.version')} {policy.version}{t('ourPolicyPage.inForceSince')} {formatDay(policy.publishedOn)}{t('ourPolicyPage.yourAcknowledgment')} <strong>{acknowledgmentStateLabels[ack.state]}</strong>
            {ack.acknowledgedOn ? t('ourPolicyPage.confirmedRenewBy', { confirmed: formatDay(ack.acknowledgedOn), renewBy: formatDay(ack.renewBy!) }) : ''}.
          </p>
          <p>
            <SavePdfButton
              source={{ call: 'policy.pdf', input: { versionId: policy.id, language: 'en' } }}
              what={t('ourPolicyPage.policyInEnglish')}
              fetchPdf={() => api['policy.pdf']({ versionId: policy.id, language: 'en' })}
              onOutcome={setMessage}
            />{' '}
            <SavePdfButton
              source={{ call: 'policy.pdf', input: { versionId: policy.id, language: 'es' } }}
              what={t('ourPolicyPage.policyInSpanish')}
              fetchPdf={() => api['policy.pdf']({ versionId: policy.id, language: 'es' })}
              onOutcome={setMessage}
            />
          </p>
          <section className="card" aria-labelledby="read-policy-heading">
            <h2 id="read-policy-heading">{mustAcknowledge(ack) || ack.state === 'renewal_due' ? t('ourPolicyPage.readAndAcknowledge') : t('ourPolicyPage.readItAgain')}</h2>
            <PolicyAcknowledgment
              key={policy.id}
              policy={policy}
              headingLevel={3}
              practiceName={value.practiceName}
              onAcknowledged={(status) => {
                setMessage({ message: t('ourPolicyPage.acknowledged', { version: status.version ?? '', day: formatDay(status.renewBy!) }), tone: 'success' });
                reload();
              }}
            />
          </section>
        </>
      )}
    </>
  );
}

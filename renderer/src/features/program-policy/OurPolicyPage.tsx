import { useCallback, useState } from 'react';
import { formatDay } from '../../../../shared/calendar';
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
  const api = useApi();
  const load = useCallback(() => api['program.mine']({}), [api]);
  const { value, error, reload } = useLoaded(load);
  const [message, setMessage] = useState<{ message: string; tone: 'success' | 'problem' } | null>(null);

  if (!value) {
    return (
      <>
        <PageHeading>Social-media policy</PageHeading>
        {error ? <StatusMessage tone="problem">{error}</StatusMessage> : <p aria-busy="true">Loading the policy…</p>}
      </>
    );
  }
  const { policy, acknowledgment: ack } = value;
  return (
    <>
      <PageHeading>Social-media policy</PageHeading>
      <StatusMessage tone={message?.tone ?? 'success'}>{message?.message}</StatusMessage>
      {!policy ? (
        <p className="lead">The privacy officer has not published the practice’s social-media policy yet. Until then, see the Do’s and don’ts.</p>
      ) : (
        <>
          <p className="lead">
            Version {policy.version}, in force since {formatDay(policy.publishedOn, 'en')}. Your acknowledgment: <strong>{acknowledgmentStateLabels[ack.state]}</strong>
            {ack.acknowledgedOn ? ` (confirmed ${formatDay(ack.acknowledgedOn, 'en')}, to renew by ${formatDay(ack.renewBy!, 'en')})` : ''}.
          </p>
          <p>
            <SavePdfButton
              source={{ call: 'policy.pdf', input: { versionId: policy.id, language: 'en' } }}
              what="policy in English"
              fetchPdf={() => api['policy.pdf']({ versionId: policy.id, language: 'en' })}
              onOutcome={setMessage}
            />{' '}
            <SavePdfButton
              source={{ call: 'policy.pdf', input: { versionId: policy.id, language: 'es' } }}
              what="policy in Spanish"
              fetchPdf={() => api['policy.pdf']({ versionId: policy.id, language: 'es' })}
              onOutcome={setMessage}
            />
          </p>
          <section className="card" aria-labelledby="read-policy-heading">
            <h2 id="read-policy-heading">{mustAcknowledge(ack) || ack.state === 'renewal_due' ? 'Read and acknowledge' : 'Read it again'}</h2>
            <PolicyAcknowledgment
              key={policy.id}
              policy={policy}
              headingLevel={3}
              practiceName={value.practiceName}
              onAcknowledged={(status) => {
                setMessage({ message: `Thank you. Your acknowledgment of version ${status.version} is recorded; renew it by ${formatDay(status.renewBy!, 'en')}.`, tone: 'success' });
                reload();
              }}
            />
          </section>
        </>
      )}
    </>
  );
}

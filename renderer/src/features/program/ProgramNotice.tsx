import { useCallback } from 'react';
import { formatDay } from '../../../../shared/calendar';
import { mustAcknowledge } from '../../../../shared/program/acknowledgment';
import { useApi } from '../../api/api-context';
import { useLoaded } from '../../components/use-loaded';
import './program.css';

/**
 * On every page while the signed-in person's acknowledgment of the policy
 * in force is missing or more than a year old: what it stops, and the way
 * to do it.
 */
export function ProgramNotice() {
  const api = useApi();
  const load = useCallback(() => api['program.mine']({}), [api]);
  const { value } = useLoaded(load);
  if (!value?.policy || !mustAcknowledge(value.acknowledgment)) return null;
  return (
    <div className="program-notice" role="region" aria-label="Policy acknowledgment">
      <p>
        <strong>
          {value.acknowledgment.state === 'missing'
            ? `Version ${value.policy.version} of the social-media policy (in force since ${formatDay(value.policy.publishedOn, 'en')}) is not acknowledged yet.`
            : 'Your acknowledgment of the social-media policy is more than a year old.'}
        </strong>{' '}
        Until you acknowledge it, you cannot approve or publish posts. <a href="#/our-policy">Read and acknowledge the policy</a>
      </p>
    </div>
  );
}

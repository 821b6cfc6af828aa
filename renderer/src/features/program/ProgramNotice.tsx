import { useTranslation } from 'react-i18next';
import { useCallback } from 'react';
import { formatDay } from '../../i18n/format';
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
  const { t } = useTranslation(['program', 'common']);
  const api = useApi();
  const load = useCallback(() => api['program.mine']({}), [api]);
  const { value } = useLoaded(load);
  if (!value?.policy || !mustAcknowledge(value.acknowledgment)) return null;
  return (
    <div className="program-notice" role="region" aria-label={t('programNotice.policyAcknowledgment')}>
      <p>
        <strong>
          {value.acknowledgment.state === 'missing'
            ? t('programNotice.versionNotAcknowledgedYet', { version: value.policy.version, since: formatDay(value.policy.publishedOn) })
            : t('programNotice.yourAcknowledgmentOfTheSocial')}
        </strong>{' '}
        {t('programNotice.untilYouAcknowledgeItYou')} <a href="#/our-policy">{t('programNotice.readAndAcknowledgeThePolicy')}</a>
      </p>
    </div>
  );
}

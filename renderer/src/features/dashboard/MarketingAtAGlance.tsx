import { useTranslation } from 'react-i18next';
import { useCallback } from 'react';
import { useApi } from '../../api/api-context';
import { useLoaded } from '../../components/use-loaded';
import { anyRecord } from '../../api/record-events';
import { useSession } from '../session/app-state-context';
import './dashboard.css';

/**
 * On Home, for those who see posts: whether anything must come down now,
 * and the way to the marketing dashboard. Renders nothing for other roles.
 */
export function MarketingAtAGlance() {
  const session = useSession();
  return session.permissions.includes('posts.read') ? <Glance /> : null;
}

function Glance() {
  const { t } = useTranslation(['dashboard', 'common']);
  const api = useApi();
  const load = useCallback(() => api['posts.dashboard']({}), [api]);
  const { value: data } = useLoaded(load, anyRecord);
  const required = data?.totals.takedownRequired ?? 0;
  const expiring = data?.totals.within30 ?? 0;
  return (
    <section className={required ? 'card home-section glance glance-urgent' : 'card home-section glance'} aria-labelledby="glance-heading">
      <h2 id="glance-heading">{t('glance.marketing')}</h2>
      {data === null ? (
        <p aria-busy="true">{t('glance.checkingPosts')}</p>
      ) : (
        <p>
          {required ? t('glance.takedowns', { count: required }) : t('glance.noPublishedPostNeedsTo')}{' '}
          {expiring ? t('glance.expiring', { count: expiring }) : ''}
        </p>
      )}
      <p className="glance-link">
        <a href="#/marketing">{t('glance.openTheMarketingDashboard')}</a>
      </p>
    </section>
  );
}

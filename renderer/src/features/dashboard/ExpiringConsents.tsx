import { channelName, postStateLabel } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import type { ExpiringConsent, MarketingDashboard } from '../../../../shared/posts/dashboard';
import { showDay } from '../marketing/dates';
import { hashHref } from '../marketing/use-hash-query';

const windows: { key: keyof MarketingDashboard['expiring']; title: 'within30' | 'within60' | 'within90' }[] = [
  { key: 'within30', title: 'within30' },
  { key: 'within60', title: 'within60' },
  { key: 'within90', title: 'within90' },
];

function ExpiringItem({ item }: { item: ExpiringConsent }) {
  const { t } = useTranslation(['dashboard', 'common']);
  const { consent } = item;
  const ends = consent.expiration.kind === 'date' ? showDay(consent.expiration.date) : '';
  return (
    <li className="expiring-item">
      <p className="expiring-who">
        {consent.patientFirstName} {consent.patientLastName}
        <span className="expiring-when">
          {' '}
          {t('expiringItem.expiresOn')} {ends} ({item.daysLeft === 1 ? t('expiringItem.tomorrow') : t('expiringItem.inDays', { count: item.daysLeft })})
        </span>
      </p>
      {item.posts.length ? (
        <ul className="expiring-posts" aria-label={t('expiringItem.postsRelyingOn', { name: `${consent.patientFirstName} ${consent.patientLastName}` })}>
          {item.posts.map((post) => (
            <li key={post.id}>
              <a href={hashHref('/posts', { post: post.id })}>
                {channelName(post.channel)} {t('expiringItem.post')}{postStateLabel(post.state)})
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty-note">{t('expiringItem.noPostReliesOnIt')}</p>
      )}
    </li>
  );
}

/** Consents ending in the next 30, 60 and 90 days, with the posts that will have to come down with them. */
export function ExpiringConsents({ expiring, totals }: { expiring: MarketingDashboard['expiring']; totals: MarketingDashboard['totals'] }) {
  const { t } = useTranslation(['dashboard', 'common']);
  return (
    <div className="expiring-windows">
      {windows.map(({ key, title }) => (
        <section key={key} className="expiring-window" aria-labelledby={`expiring-${key}`}>
          <h3 id={`expiring-${key}`} className="expiring-heading">
            {t(`buckets.${title}`)} ({totals[key]})
          </h3>
          {expiring[key].length ? (
            <>
              <ul className="expiring-list">
                {expiring[key].map((item) => (
                  <ExpiringItem key={item.consent.id} item={item} />
                ))}
              </ul>
              {totals[key] > expiring[key].length ? <p className="muted">{t('showingFirst', { shown: expiring[key].length, total: totals[key] })}</p> : null}
            </>
          ) : (
            <p className="empty-note">{t('expiringConsents.none')}</p>
          )}
        </section>
      ))}
    </div>
  );
}

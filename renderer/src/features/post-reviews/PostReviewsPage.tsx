import { channelName } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import { useCallback } from 'react';
import { postReviewStateLabels } from '../../../../shared/program/post-review';
import { useApi } from '../../api/api-context';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { TableScroll } from '../../components/TableScroll';
import { useLoaded } from '../../components/use-loaded';
import { showInstant } from '../compliance/compliance-format';
import { hashHref } from '../marketing/use-hash-query';
import '../../components/table.css';
import './post-reviews.css';

/** The privacy officer's queue of posts sent for review: those waiting first; each opens on its post, where the thread is. */
export function PostReviewsPage() {
  const { t } = useTranslation(['post-reviews', 'common']);
  const api = useApi();
  const load = useCallback(() => api['postReviews.queue']({}), [api]);
  const { value, error } = useLoaded(load);
  return (
    <>
      <PageHeading>{t('postReviewsPage.askBeforePosting')}</PageHeading>
      <p className="lead">{t('postReviewsPage.draftsMarketingSentForYour')}</p>
      <StatusMessage tone="problem">{error}</StatusMessage>
      {!value ? (
        error ? null : <p aria-busy="true">{t('postReviewsPage.loading')}</p>
      ) : value.length === 0 ? (
        <p>{t('postReviewsPage.nothingWasSentForReview')}</p>
      ) : (
        <TableScroll label={t('postReviewsPage.postsSentForReview')}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('postReviewsPage.post')}</th>
                <th scope="col">{t('postReviewsPage.asked')}</th>
                <th scope="col">{t('postReviewsPage.state')}</th>
                <th scope="col">{t('postReviewsPage.caption')}</th>
              </tr>
            </thead>
            <tbody>
              {value.map((item) => (
                <tr key={item.postId}>
                  <th scope="row">
                    <a href={hashHref('/posts', { post: item.postId })}>
                      {item.testimonialTitle} {t('postReviewsPage.on')} {channelName(item.channel)}
                    </a>
                  </th>
                  <td>
                    {item.requestedByName}, {showInstant(item.requestedAt)}
                  </td>
                  <td>
                    <span className={`badge post-review-${item.state}`}>{postReviewStateLabels[item.state]}</span>
                    {item.changedSince ? t('postReviewsPage.changedSince') : ''}
                  </td>
                  <td className="cell-wrap">{item.caption}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

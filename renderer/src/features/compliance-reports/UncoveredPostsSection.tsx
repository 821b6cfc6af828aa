import { channelName, postStateLabel } from '../../i18n/labels';
import { reportReasonTexts } from '../../i18n/coverage-reasons';
import { useTranslation } from 'react-i18next';
import type { UncoveredPost, UncoveredPostsReport } from '../../../../shared/compliance/uncovered-posts';
import { TableScroll } from '../../components/TableScroll';
import { formatCount, showDay } from '../compliance/compliance-format';
import { hashHref } from '../marketing/use-hash-query';

function PostTable({ caption, posts }: { caption: string; posts: UncoveredPost[] }) {
  const { t } = useTranslation(['compliance-reports', 'common']);
  return (
    <TableScroll label={caption}>
      <table className="data-table compliance-table">
        <caption>
          {caption} ({posts.length})
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('postTable.patient')}</th>
            <th scope="col">{t('postTable.post')}</th>
            <th scope="col">{t('postTable.state')}</th>
            <th scope="col">{t('postTable.published')}</th>
            <th scope="col">{t('postTable.whyItIsNotCovered')}</th>
          </tr>
        </thead>
        <tbody>
          {posts.map((post) => (
            <tr key={post.postId}>
              <th scope="row">{post.patientName}</th>
              <td>
                <a href={hashHref('/posts', { post: post.postId })}>{channelName(post.channel)} {t('postTable.post2')}</a>
              </td>
              <td>{postStateLabel(post.state)}</td>
              <td className="compliance-nowrap">{post.publishedOn ? showDay(post.publishedOn) : '—'}</td>
              <td className="cell-wrap">
                <ul className="compliance-inline-list">
                  {reportReasonTexts(post.coverage).map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * Posts published without a valid, covering consent: the number auditors
 * look for first (it should be zero), then each such post and why.
 */
export function UncoveredPostsSection({ report }: { report: UncoveredPostsReport }) {
  const { t } = useTranslation(['compliance-reports', 'common']);
  const none = report.total === 0;
  return (
    <>
      <p className={none ? 'headline-number' : 'headline-number headline-number-alert'}>
        <span className="headline-number-value">{formatCount(report.total)}</span>{' '}
        <span className="headline-number-label">
          {report.total === 1 ? t('uncoveredPostsSection.post') : t('uncoveredPostsSection.posts')} {t('uncoveredPostsSection.withoutAValidCoveringConsent')}
          {none ? t('uncoveredPostsSection.everyPublishedPostWasCovered') : t('uncoveredPostsSection.itShouldBeZero')}
        </span>
      </p>
      <p className="compliance-note">
        {formatCount(report.postsChecked)} {t('uncoveredPostsSection.publishedPostsCheckedOn')} {showDay(report.generatedOn)}{t('uncoveredPostsSection.eachOnTheDayIt')}
        {report.consentPurged
          ? ` ${t('uncoveredPostsSection.consentPurged', { count: report.consentPurged, n: formatCount(report.consentPurged) })}`
          : ''}
      </p>
      {report.publishedWithoutCoverage.length ? <PostTable caption={t('uncoveredPostsSection.publishedWhenTheirConsentDid')} posts={report.publishedWithoutCoverage} /> : null}
      {report.liveWithoutCoverage.length ? <PostTable caption={t('uncoveredPostsSection.stillUpAndNotCovered')} posts={report.liveWithoutCoverage} /> : null}
    </>
  );
}

import { channelName, patientLabels, postStateLabel } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import type { RevocationReport } from '../../../../shared/compliance/revocation-report';
import { TableScroll } from '../../components/TableScroll';
import { formatCount, showDay, showInstant } from '../compliance/compliance-format';
import { hashHref } from '../marketing/use-hash-query';

/** Revocations recorded in the period and, for each, the posts that had to come down and when they did. */
export function RevocationsSection({ report }: { report: RevocationReport }) {
  const { t } = useTranslation(['compliance-reports', 'common']);
  const totals = report.totals;
  return (
    <>
      <p>
        {formatCount(totals.revocations)} {t('revocationsSection.revocationSRecordedFrom')} {showDay(report.from)} {t('revocationsSection.to')} {showDay(report.to)};{' '}
        {formatCount(totals.postsAffected)} {t('revocationsSection.publishedPostSReliedOn')} {formatCount(totals.takenDown)} {t('revocationsSection.takenDown')}{' '}
        <strong>{formatCount(totals.outstanding)} {t('revocationsSection.stillWaiting')}</strong>.
      </p>
      {report.rows.length ? (
        <TableScroll label={t('revocationsSection.revocationsInThePeriod')}>
          <table className="data-table compliance-table">
            <caption>{t('revocationsSection.revocations')}{report.rows.length})</caption>
            <thead>
              <tr>
                <th scope="col">{t('revocationsSection.patient')}</th>
                <th scope="col">{t('revocationsSection.received')}</th>
                <th scope="col">{t('revocationsSection.recorded')}</th>
                <th scope="col">{t('revocationsSection.how')}</th>
                <th scope="col">{t('revocationsSection.whatWasTakenDown')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((row) => (
                <tr key={row.consentId}>
                  <th scope="row">{row.patientName}</th>
                  <td className="compliance-nowrap">{showDay(row.receivedOn)}</td>
                  <td>{showInstant(row.recordedAt)}</td>
                  <td>{patientLabels().revocationMethods[row.method]}</td>
                  <td className="cell-wrap">
                    {row.posts.length ? (
                      <ul className="compliance-inline-list">
                        {row.posts.map((post) => (
                          <li key={post.id}>
                            <a href={hashHref('/posts', { post: post.id })}>{channelName(post.channel)} {t('revocationsSection.post')}</a>:{' '}
                            {post.takenDownAt
                              ? post.daysToTakeDown === 0
                                ? t('revocationsSection.takenDownSameDay', { when: showInstant(post.takenDownAt) })
                                : t('revocationsSection.takenDownLater', { when: showInstant(post.takenDownAt), count: post.daysToTakeDown ?? 0 })
                              : t('revocationsSection.notTakenDownYet', { state: postStateLabel(post.state) })}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      t('revocationsSection.noPublishedPostReliedOn')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="empty-note">{t('revocationsSection.noRevocationWasRecordedIn')}</p>
      )}
    </>
  );
}

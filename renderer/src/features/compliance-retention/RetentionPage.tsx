import { useTranslation } from 'react-i18next';
import { useCallback, useState } from 'react';
import type { RetentionRow } from '../../../../shared/compliance/retention';
import { useApi } from '../../api/api-context';
import { CheckboxField } from '../../components/CheckboxField';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { TableScroll } from '../../components/TableScroll';
import { useLoaded } from '../../components/use-loaded';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import { formatCount, showDay, showDayOf } from '../compliance/compliance-format';
import { PurgeDialog } from './PurgeDialog';
import { purgeableFrom } from './retention-text';
import '../../components/buttons.css';
import '../../components/table.css';
import '../compliance/compliance.css';
import '../marketing/marketing.css';

/**
 * Retention: signed authorizations (and revocations) are kept six years
 * after the later of their creation and their last day in effect. This
 * page lists each with the day it may go, and offers the purge only once
 * it may.
 */
export function RetentionPage() {
  const { t } = useTranslation(['compliance-retention', 'common']);
  const api = useApi();
  const [purgeableOnly, setPurgeableOnly] = useState(true);
  const load = useCallback(() => api['retention.review']({ purgeableOnly }), [api, purgeableOnly]);
  const { value: review, error, loading, reload } = useLoaded(load);
  const [purging, setPurging] = useState<RetentionRow | null>(null);
  const [done, setDone] = useState<string | null>(null);

  return (
    <>
      <PageHeading>{t('retentionPage.retention')}</PageHeading>
      <p className="lead">
        {t('retentionPage.hipaaRequiresASignedAuthorization')}
      </p>
      <StatusMessage tone={error ? 'problem' : 'success'}>{error ?? done}</StatusMessage>
      <CheckboxField
        label={t('retentionPage.showOnlyAuthorizationsThatMay')}
        checked={purgeableOnly}
        onChange={(event) => setPurgeableOnly(event.target.checked)}
      />
      <div aria-busy={loading}>
        {review ? (
          <>
            <p>
              {t('retentionPage.reviewedOn')} {showDay(review.today)}: {formatCount(review.reviewed)} {t('retentionPage.signedAuthorizationS')}{' '}
              <strong>{formatCount(review.purgeable)} {t('retentionPage.mayBePurged')}</strong>.
            </p>
            {review.rows.length ? (
              <TableScroll label={t('retentionPage.signedAuthorizationsAndTheirRetention')}>
                <table className="data-table compliance-table">
                  <caption>
                    {purgeableOnly ? t('retentionPage.authorizationsThatMayBePurged') : t('retentionPage.signedAuthorizations')} ({review.rows.length})
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('retentionPage.patient')}</th>
                      <th scope="col">{t('retentionPage.signed')}</th>
                      <th scope="col">{t('retentionPage.revoked')}</th>
                      <th scope="col">{t('retentionPage.mayBePurged2')}</th>
                      <th scope="col">{t('retentionPage.why')}</th>
                      <th scope="col">{t('retentionPage.action')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {review.rows.map((row) => (
                      <tr key={row.authorizationId}>
                        <th scope="row">{row.patientName}</th>
                        <td className="compliance-nowrap">{row.signedAt ? showDayOf(row.signedAt) : '—'}</td>
                        <td className="compliance-nowrap">{row.revokedAt ? showDayOf(row.revokedAt) : '—'}</td>
                        <td className="compliance-nowrap">{purgeableFrom(row.verdict)}</td>
                        <td className="cell-wrap">{row.verdict.message}</td>
                        <td>
                          {row.verdict.purgeable ? (
                            <button type="button" className="button button-danger button-small" onClick={() => setPurging(row)}>
                              {t('retentionPage.purge')}<VisuallyHidden> {row.patientName}{t('retentionPage.sAuthorization')}</VisuallyHidden>
                            </button>
                          ) : (
                            <span className="muted">{t('retentionPage.kept')}</span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            ) : (
              <p className="empty-note">
                {purgeableOnly
                  ? t('retentionPage.noAuthorizationMayBePurged')
                  : t('retentionPage.noSignedAuthorizationYet')}
              </p>
            )}
          </>
        ) : error ? null : (
          <p>{t('retentionPage.reviewingEverySignedAuthorization')}</p>
        )}
      </div>
      {purging ? (
        <PurgeDialog
          row={purging}
          onPurged={(result) => {
            setDone(
              t('retentionPage.purged', { name: purging.patientName, day: showDay(result.keptThrough), count: result.postsKept }),
            );
            reload();
          }}
          onRefused={reload}
          onClose={() => setPurging(null)}
        />
      ) : null}
    </>
  );
}

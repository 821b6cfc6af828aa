import { i18n } from '../../i18n/i18n';
import { channelName, postStateLabel } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import type { ExpiringConsentRow, ExpiringConsentsReport } from '../../../../shared/compliance/expiring-consents';
import { TableScroll } from '../../components/TableScroll';
import { showDay } from '../compliance/compliance-format';
import { hashHref } from '../marketing/use-hash-query';

const windows: { key: keyof Omit<ExpiringConsentsReport, 'generatedOn'>; title: 'within30' | 'within60' | 'within90' }[] = [
  { key: 'within30', title: 'within30' },
  { key: 'within60', title: 'within60' },
  { key: 'within90', title: 'within90' },
];

function ExpiringTable({ title, rows }: { title: string; rows: ExpiringConsentRow[] }) {
  const { t } = useTranslation(['compliance-reports', 'common']);
  if (rows.length === 0) {
    return (
      <>
        <h3>{title} (0)</h3>
        <p className="empty-note">{t('expiringTable.none')}</p>
      </>
    );
  }
  return (
    <>
      <h3>
        {title} ({rows.length})
      </h3>
      <TableScroll label={`${t('expiringTable.consentsExpiring')} ${title.toLowerCase()}`}>
        <table className="data-table compliance-table">
          <caption className="visually-hidden">{t('expiringTable.consentsExpiring')} {title.toLowerCase()}</caption>
          <thead>
            <tr>
              <th scope="col">{t('expiringTable.patient')}</th>
              <th scope="col">{t('expiringTable.expiresOn')}</th>
              <th scope="col">{t('expiringTable.daysLeft')}</th>
              <th scope="col">{t('expiringTable.postsRelyingOnIt')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.consentId}>
                <th scope="row">{row.patientName}</th>
                <td className="compliance-nowrap">{showDay(row.expiresOn)}</td>
                <td>{row.daysLeft}</td>
                <td>
                  {row.posts.length ? (
                    <ul className="compliance-inline-list">
                      {row.posts.map((post) => (
                        <li key={post.id}>
                          <a href={hashHref('/posts', { post: post.id })}>
                            {channelName(post.channel)} {t('expiringTable.post')}{postStateLabel(post.state)})
                          </a>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    t('expiringTable.none2')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

/** Consents in effect that expire by date in the next 30, 60 and 90 days, with the posts that will lose their cover. */
export function ExpiringConsentsSection({ report }: { report: ExpiringConsentsReport }) {
  return (
    <>
      {windows.map(({ key, title }) => (
        <ExpiringTable key={key} title={i18n.t(`dashboard:buckets.${title}`)} rows={report[key]} />
      ))}
    </>
  );
}

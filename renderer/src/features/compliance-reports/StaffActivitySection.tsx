import { auditActionLabel, roleLabel } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import type { StaffActivityReport } from '../../../../shared/compliance/staff-activity';
import { TableScroll } from '../../components/TableScroll';
import { formatCount, showDay } from '../compliance/compliance-format';

/** Audit events per staff member and action over the period, busiest first. */
export function StaffActivitySection({ report }: { report: StaffActivityReport }) {
  const { t } = useTranslation(['compliance-reports', 'common']);
  return (
    <>
      <p>
        {formatCount(report.totalEvents)} {t('staffActivitySection.auditEventSFrom')} {showDay(report.from)} {t('staffActivitySection.to')} {showDay(report.to)}{t('staffActivitySection.by')}{' '}
        {formatCount(report.staff.length)} {t('staffActivitySection.staffMemberSOrOther')}
      </p>
      {report.staff.length ? (
        <TableScroll label={t('staffActivitySection.staffActivityInThePeriod')}>
          <table className="data-table compliance-table">
            <caption>{t('staffActivitySection.staffActivity')}{report.staff.length})</caption>
            <thead>
              <tr>
                <th scope="col">{t('staffActivitySection.who')}</th>
                <th scope="col">{t('staffActivitySection.role')}</th>
                <th scope="col">{t('staffActivitySection.events')}</th>
                <th scope="col">{t('staffActivitySection.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {report.staff.map((row) => (
                <tr key={row.actorId ?? `name:${row.actorName}`}>
                  <th scope="row">
                    {row.displayName ? `${row.displayName} (${row.actorName})` : row.actorName}
                  </th>
                  <td>{row.role ? roleLabel(row.role) : '—'}</td>
                  <td>{formatCount(row.total)}</td>
                  <td className="cell-wrap">
                    <ul className="compliance-inline-list">
                      {row.actions.map((action) => (
                        <li key={action.action}>
                          {auditActionLabel(action.action)}: {formatCount(action.count)}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="empty-note">{t('staffActivitySection.nothingWasRecordedInThis')}</p>
      )}
    </>
  );
}

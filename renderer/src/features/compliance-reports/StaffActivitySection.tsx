import type { StaffActivityReport } from '../../../../shared/compliance/staff-activity';
import { roleLabels } from '../../../../shared/roles';
import { TableScroll } from '../../components/TableScroll';
import { formatCount, showDay } from '../compliance/compliance-format';
import { auditActionLabel } from '../../../../shared/audit-actions';

/** Audit events per staff member and action over the period, busiest first. */
export function StaffActivitySection({ report }: { report: StaffActivityReport }) {
  return (
    <>
      <p>
        {formatCount(report.totalEvents)} audit event(s) from {showDay(report.from)} to {showDay(report.to)}, by{' '}
        {formatCount(report.staff.length)} staff member(s) or other actors.
      </p>
      {report.staff.length ? (
        <TableScroll label="Staff activity in the period">
          <table className="data-table compliance-table">
            <caption>Staff activity ({report.staff.length})</caption>
            <thead>
              <tr>
                <th scope="col">Who</th>
                <th scope="col">Role</th>
                <th scope="col">Events</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {report.staff.map((row) => (
                <tr key={row.actorId ?? `name:${row.actorName}`}>
                  <th scope="row">
                    {row.displayName ? `${row.displayName} (${row.actorName})` : row.actorName}
                  </th>
                  <td>{row.role ? roleLabels[row.role] : '—'}</td>
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
        <p className="empty-note">Nothing was recorded in this period.</p>
      )}
    </>
  );
}

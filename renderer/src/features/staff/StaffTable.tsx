import { roleLabel } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import type { StaffMember } from '../../../../shared/staff';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import { useSession } from '../session/app-state-context';
import type { StaffAction } from './staff-action';
import '../../components/buttons.css';
import { TableScroll } from '../../components/TableScroll';

/** Every account with its actions; each button names its person for screen readers. */
export function StaffTable({ staff, onAction }: { staff: StaffMember[]; onAction: (action: StaffAction) => void }) {
  const { t } = useTranslation(['staff', 'common']);
  const session = useSession();
  return (
    <TableScroll label={t('staffTable.staffAccounts')}>
      <table className="data-table">
        <caption>{t('staffTable.staffAccounts2')}{staff.length})</caption>
        <thead>
          <tr>
            <th scope="col">{t('staffTable.name')}</th>
            <th scope="col">{t('staffTable.username')}</th>
            <th scope="col">{t('staffTable.role')}</th>
            <th scope="col">{t('staffTable.status')}</th>
            <th scope="col">{t('staffTable.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((member) => {
            const isMe = member.id === session.staffId;
            const forWhom = <VisuallyHidden> {t('staffTable.for')} {member.displayName}</VisuallyHidden>;
            return (
              <tr key={member.id}>
                <th scope="row">
                  {member.displayName}
                  {isMe ? <span className="staff-you"> {t('staffTable.you')}</span> : null}
                </th>
                <td>{member.username}</td>
                <td>{roleLabel(member.role)}</td>
                <td>
                  <span className={`badge badge-${member.status}`}>{member.status === 'active' ? t('staffTable.active') : t('staffTable.disabled')}</span>
                </td>
                <td>
                  <div className="row-actions">
                    {member.status === 'active' ? (
                      <>
                        <button type="button" className="button button-secondary button-small" onClick={() => onAction({ kind: 'changeRole', member })}>
                          {t('staffTable.changeRole')}{forWhom}
                        </button>
                        <button type="button" className="button button-secondary button-small" onClick={() => onAction({ kind: 'resetPassword', member })}>
                          {t('staffTable.resetPassword')}{forWhom}
                        </button>
                        {isMe ? null : (
                          <button type="button" className="button button-danger button-small" onClick={() => onAction({ kind: 'disable', member })}>
                            {t('staffTable.disable')}{forWhom}
                          </button>
                        )}
                      </>
                    ) : (
                      <button type="button" className="button button-secondary button-small" onClick={() => onAction({ kind: 'enable', member })}>
                        {t('staffTable.enable')}{forWhom}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

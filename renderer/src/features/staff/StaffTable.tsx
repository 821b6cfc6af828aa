import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultPageSize } from '../../../../shared/list-page';
import type { StaffMember } from '../../../../shared/staff';
import { clientPage, textOrder } from '../../components/client-page';
import { DataTable, type DataColumn, type ListView } from '../../components/DataTable';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import { formatNumber } from '../../i18n/format';
import { currentLanguage } from '../../i18n/i18n';
import { roleLabel } from '../../i18n/labels';
import { useSession } from '../session/app-state-context';
import type { StaffAction } from './staff-action';
import '../../components/buttons.css';

type StaffSort = 'name' | 'username' | 'role' | 'status';
const firstView: ListView<StaffSort> = { sort: 'name', direction: 'asc', offset: 0, limit: defaultPageSize };

/**
 * Every account with its actions; each button names its person for screen
 * readers. Sorted and paged here, from `staff.list`: a practice's staff is
 * small by construction (every account holds a key slot in the keyring,
 * which is read whole at each sign-in), so the whole list is one call.
 */
export function StaffTable({ staff, onAction }: { staff: StaffMember[]; onAction: (action: StaffAction) => void }) {
  const { t, i18n } = useTranslation(['staff', 'common']);
  const session = useSession();
  const [view, setView] = useState(firstView);
  const language = i18n.language || currentLanguage();
  const page = useMemo(() => {
    const text = textOrder(language);
    return clientPage(staff, view, {
      name: (a, b) => text(a.displayName, b.displayName),
      username: (a, b) => text(a.username, b.username),
      role: (a, b) => text(roleLabel(a.role), roleLabel(b.role)),
      status: (a, b) => text(a.status, b.status),
    });
  }, [staff, view, language]);

  const columns = useMemo<DataColumn<StaffMember, StaffSort>[]>(
    () => [
      {
        id: 'name',
        header: t('staffTable.name'),
        sortKey: 'name',
        rowHeader: true,
        cell: ({ row: { original: member } }) => (
          <>
            {member.displayName}
            {member.id === session.staffId ? <span className="staff-you"> {t('staffTable.you')}</span> : null}
          </>
        ),
      },
      { id: 'username', header: t('staffTable.username'), sortKey: 'username', cell: ({ row }) => row.original.username },
      { id: 'role', header: t('staffTable.role'), sortKey: 'role', cell: ({ row }) => roleLabel(row.original.role) },
      {
        id: 'status',
        header: t('staffTable.status'),
        sortKey: 'status',
        cell: ({ row: { original: member } }) => (
          <span className={`badge badge-${member.status}`}>{member.status === 'active' ? t('staffTable.active') : t('staffTable.disabled')}</span>
        ),
      },
      {
        id: 'actions',
        header: t('staffTable.actions'),
        cell: ({ row: { original: member } }) => {
          const isMe = member.id === session.staffId;
          const forWhom = <VisuallyHidden> {t('staffTable.for')} {member.displayName}</VisuallyHidden>;
          return (
            <div className="row-actions">
              {member.status === 'active' ? (
                <>
                  <button type="button" className="button button-secondary button-small" onClick={() => onAction({ kind: 'changeRole', member })}>
                    {t('staffTable.changeRole')}
                    {forWhom}
                  </button>
                  <button type="button" className="button button-secondary button-small" onClick={() => onAction({ kind: 'resetPassword', member })}>
                    {t('staffTable.resetPassword')}
                    {forWhom}
                  </button>
                  {isMe ? null : (
                    <button type="button" className="button button-danger button-small" onClick={() => onAction({ kind: 'disable', member })}>
                      {t('staffTable.disable')}
                      {forWhom}
                    </button>
                  )}
                </>
              ) : (
                <button type="button" className="button button-secondary button-small" onClick={() => onAction({ kind: 'enable', member })}>
                  {t('staffTable.enable')}
                  {forWhom}
                </button>
              )}
            </div>
          );
        },
      },
    ],
    [t, session.staffId, onAction],
  );

  return (
    <DataTable
      caption={t('staffTable.staffAccounts')}
      counted={(total) => t('staffTable.accountCount', { count: total, formatted: formatNumber(total) })}
      pagerLabel={t('staffTable.pagesOfStaff')}
      columns={columns}
      page={page}
      view={view}
      onView={setView}
      rowKey={(member) => member.id}
      empty={t('staffTable.noAccounts')}
    />
  );
}

import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { AddStaffForm } from './AddStaffForm';
import { ChangeRoleDialog } from './ChangeRoleDialog';
import { DisableStaffDialog } from './DisableStaffDialog';
import { EnableStaffDialog } from './EnableStaffDialog';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import type { StaffAction } from './staff-action';
import { StaffTable } from './StaffTable';
import { useStaffList } from './use-staff-list';
import './staff.css';

/** Staff accounts: who may sign in, with which role. */
export function StaffPage() {
  const { t } = useTranslation(['staff', 'common']);
  const { staff, error, reload } = useStaffList();
  const [action, setAction] = useState<StaffAction | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const finish = (message: string) => {
    setDone(message);
    reload();
  };
  const closeDialog = () => setAction(null);

  return (
    <>
      <PageHeading>{t('staffPage.staff')}</PageHeading>
      <p className="lead">{t('staffPage.eachPersonSignsInWith')}</p>
      <StatusMessage tone={error ? 'problem' : 'success'}>{error ?? done}</StatusMessage>
      {staff ? <StaffTable staff={staff} onAction={setAction} /> : error ? null : <p aria-busy="true">{t('staffPage.loadingStaff')}</p>}
      <AddStaffForm onAdded={finish} />
      {action?.kind === 'changeRole' ? <ChangeRoleDialog member={action.member} onDone={finish} onClose={closeDialog} /> : null}
      {action?.kind === 'resetPassword' ? <ResetPasswordDialog member={action.member} onDone={finish} onClose={closeDialog} /> : null}
      {action?.kind === 'disable' ? <DisableStaffDialog member={action.member} onDone={finish} onClose={closeDialog} /> : null}
      {action?.kind === 'enable' ? <EnableStaffDialog member={action.member} onDone={finish} onClose={closeDialog} /> : null}
    </>
  );
}

import { roleLabels } from '../../../../shared/roles';
import { PageHeading } from '../../components/PageHeading';
import { useSession } from '../session/app-state-context';
import { ChangePasswordForm } from './ChangePasswordForm';
import './my-account.css';

/** Who you are signed in as, and changing your own password. */
export function MyAccountPage() {
  const session = useSession();
  return (
    <>
      <PageHeading>My account</PageHeading>
      <dl className="account-facts">
        <div>
          <dt>Name</dt>
          <dd>{session.displayName}</dd>
        </div>
        <div>
          <dt>Username</dt>
          <dd>{session.username}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>{roleLabels[session.role]}</dd>
        </div>
      </dl>
      <ChangePasswordForm />
    </>
  );
}

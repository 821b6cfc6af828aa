import { roleLabels } from '../../../../shared/roles';
import type { StaffMember } from '../../../../shared/staff';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import { useSession } from '../session/app-state-context';
import type { StaffAction } from './staff-action';
import '../../components/buttons.css';
import { TableScroll } from '../../components/TableScroll';

/** Every account with its actions; each button names its person for screen readers. */
export function StaffTable({ staff, onAction }: { staff: StaffMember[]; onAction: (action: StaffAction) => void }) {
  const session = useSession();
  return (
    <TableScroll label="Staff accounts">
      <table className="data-table">
        <caption>Staff accounts ({staff.length})</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Username</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((member) => {
            const isMe = member.id === session.staffId;
            const forWhom = <VisuallyHidden> for {member.displayName}</VisuallyHidden>;
            return (
              <tr key={member.id}>
                <th scope="row">
                  {member.displayName}
                  {isMe ? <span className="staff-you"> (you)</span> : null}
                </th>
                <td>{member.username}</td>
                <td>{roleLabels[member.role]}</td>
                <td>
                  <span className={`badge badge-${member.status}`}>{member.status === 'active' ? 'Active' : 'Disabled'}</span>
                </td>
                <td>
                  <div className="row-actions">
                    {member.status === 'active' ? (
                      <>
                        <button type="button" className="button button-secondary button-small" onClick={() => onAction({ kind: 'changeRole', member })}>
                          Change role{forWhom}
                        </button>
                        <button type="button" className="button button-secondary button-small" onClick={() => onAction({ kind: 'resetPassword', member })}>
                          Reset password{forWhom}
                        </button>
                        {isMe ? null : (
                          <button type="button" className="button button-danger button-small" onClick={() => onAction({ kind: 'disable', member })}>
                            Disable{forWhom}
                          </button>
                        )}
                      </>
                    ) : (
                      <button type="button" className="button button-secondary button-small" onClick={() => onAction({ kind: 'enable', member })}>
                        Enable{forWhom}
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

import type { StaffMember } from '../../../../shared/staff';

/** The row action whose dialog is open. */
export type StaffAction =
  | { kind: 'changeRole'; member: StaffMember }
  | { kind: 'resetPassword'; member: StaffMember }
  | { kind: 'disable'; member: StaffMember }
  | { kind: 'enable'; member: StaffMember };

/** What every row-action dialog receives. */
export interface StaffDialogProps {
  member: StaffMember;
  /** The change succeeded: say so and reload the list. */
  onDone: (message: string) => void;
  onClose: () => void;
}
